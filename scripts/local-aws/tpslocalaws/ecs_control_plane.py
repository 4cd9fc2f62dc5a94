"""The ECS control plane for clusters with a real data plane (the local agent) attached.

In a cluster attached with POST /_tps/ecs/data-plane (ecs_attachments), nothing runs on a
timer: the agent runs tasks as processes and reports their states, as the ECS agent does,
and this module is the control plane around those reports.

- Tasks (RunTask or the service scheduler) start lastStatus PROVISIONING, desiredStatus
  RUNNING, with one container per container definition and, for awsvpc, an ENI whose
  privateIPv4Address is a free address of one of the task's subnets (never one a live task
  holds; freed when the task stops). They change only through SubmitTaskStateChange /
  SubmitContainerStateChange (botocore's shapes; moto has neither) and StopTask, which sets
  desiredStatus STOPPED and leaves lastStatus to the agent.
- A STOPPED report sets stopCode as ECS derives it: UserInitiated after StopTask,
  ServiceSchedulerInitiated when the scheduler stopped the task, TaskFailedToStart when it
  never reached RUNNING, else EssentialContainerExited. A STOPPED task ignores later reports.
- ListTasks in an attached cluster lists desiredStatus RUNNING tasks unless asked for
  STOPPED (as ECS), and honours serviceName.
- Services created in an attached cluster are scheduled from their tasks (`Scheduler`):
  desiredCount tasks of the PRIMARY deployment, replacements for stopped ones, scale-in,
  rolling replacement of older deployments, counts from task states, the deployment circuit
  breaker with rollback, load balancer target registration (a deployment completes once the
  targets pass the health checks of an attached ALB data plane: elb_target_health) and ECS's
  service events. The
  deployment records, views, events, completion and failure/rollback are ecs_rollout's.

The scheduler runs lazily, with ecs_rollout's lock held, on every ECS read of a cluster
(DescribeServices, ListServices, DescribeTasks, ListTasks: the agent polls ListTasks) and
after every agent report, rather than in a background thread: every change it reacts to is
itself a request (an agent report, UpdateService, StopTask), so evaluating on the next
request sees exactly what a thread would, without a thread's lifecycle, interleaving or
timing in the tests, and the same way the timed code here evaluates its transitions.
"""

from __future__ import annotations

import ipaddress
import itertools
import math
import sys
import time
import uuid
from datetime import datetime, timezone

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ec2 import ec2_backends
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend, Service, Task
from moto.ecs.responses import EC2ContainerServiceResponse

from . import ecs_attachments, ecs_rollout, elb_target_health
from .ecs_rollout import Deployment
from .timed_state import wrap

_lock = ecs_rollout._lock
_STATUSES = ("PENDING", "RUNNING", "STOPPED")
_FAILURE_CODES = ("TaskFailedToStart", "EssentialContainerExited")
_subnet_turn = itertools.count()
_address_cursor: dict[str, int] = {}  # subnet id -> next host index to try


def install() -> None:
    wrap(Task, "__init__", _adopting)
    wrap(Service, "__init__", _marking_scheduled)
    base_status = Service.status
    Service.status = property(lambda self: _service_status(self, base_status), base_status.fset)
    EC2ContainerServiceResponse.submit_task_state_change = _submit_task_state_change
    EC2ContainerServiceResponse.submit_container_state_change = _submit_container_state_change
    wrap(EC2ContainerServiceBackend, "stop_task", _stopping_agent_tasks)
    wrap(EC2ContainerServiceBackend, "list_tasks", _listing_like_ecs)
    wrap(EC2ContainerServiceBackend, "describe_tasks", _scheduling_first)
    wrap(EC2ContainerServiceBackend, "describe_services", _scheduling_first)
    wrap(EC2ContainerServiceBackend, "list_services", _scheduling_first)
    wrap(EC2ContainerServiceBackend, "delete_service", _stopping_service_tasks)
    ecs_rollout.delegate(Scheduler())


# --- agent tasks ----------------------------------------------------------------------------

class AgentContainer:
    """A task's container as ECS describes it (moto's Container knows one definition only)."""

    def __init__(self, task: Task, definition: dict, interface: dict | None) -> None:
        self.container_arn = (f"arn:aws:ecs:{task.region_name}:{task._account_id}:container/"
                              f"{task.cluster_name}/{task.id}/{uuid.uuid4()}")
        self.task_arn = task.task_arn
        self.name = definition.get("name")
        self.image = definition.get("image")
        self.image_digest = None
        self.runtime_id = None
        self.last_status = "PENDING"
        self.exit_code = None
        self.reason = None
        self.network_bindings: list[dict] = []
        self.network_interfaces = [interface] if interface else []
        self.health_status = "UNKNOWN"
        self.cpu = str(definition.get("cpu", 0))
        self.memory = str(definition["memory"]) if definition.get("memory") is not None else None
        self.memory_reservation = (str(definition["memoryReservation"])
                                   if definition.get("memoryReservation") is not None else None)


def _is_agent_task(task: Task) -> bool:
    return "_tps_agent_status" in task.__dict__


def _adopting(original):
    def __init__(self, *args, **kwargs):
        cluster = kwargs.get("cluster") or args[0]
        if not ecs_attachments.drives(cluster):
            original(self, *args, **kwargs)
            return
        configuration = kwargs.get("networking_configuration")
        subnets = ((configuration or {}).get("awsvpcConfiguration") or {}).get("subnets") or []
        if len(subnets) > 1:  # spread tasks over the subnets; moto places a task in the first
            turn = next(_subnet_turn) % len(subnets)
            rotated = dict(configuration, awsvpcConfiguration=dict(
                configuration["awsvpcConfiguration"], subnets=subnets[turn:] + subnets[:turn]))
            kwargs["networking_configuration"] = rotated
        original(self, *args, **kwargs)  # ecs_tasks marks it an agent task (no timer)
        if configuration is not None:
            self.network_configuration = configuration
        task_definition = kwargs.get("task_definition") or args[1]
        with _lock:
            _adopt(self, task_definition)

    return __init__


def _adopt(task: Task, task_definition) -> None:
    task._tps_agent_status = "PROVISIONING"
    task._tps_reached_running = False
    task._tps_stop_initiator = None   # "user" | "scheduler"
    task._tps_service = None
    task._tps_deployment_id = None
    task._tps_targets = []            # (target group ARN, ip, port) registered for this task
    task.stopped_reason = None
    task.created_at = utcnow()
    task.cpu = getattr(task_definition, "cpu", None)
    task.memory = getattr(task_definition, "memory", None)
    task.platform_family = "Linux" if task.launch_type == "FARGATE" else None
    interface = None
    if task.attachments:
        details = {d["name"]: d for d in task.attachments[0]["details"]}
        address = _assign_address(task, details["subnetId"]["value"], details["networkInterfaceId"]["value"])
        details["privateIPv4Address"]["value"] = address
        interface = {"attachmentId": task.attachments[0]["id"], "privateIpv4Address": address}
    task.containers = [AgentContainer(task, d, interface) for d in task_definition.container_definitions]


def _assign_address(task: Task, subnet_id: str, eni_id: str) -> str:
    """A free address of the subnet for the task's ENI: none a live ENI of its VPC or an instance holds,
    AWS's reserved ones skipped, handed out round-robin so a freed one is reused last."""
    ec2 = ec2_backends[task._account_id][task.region_name]
    subnet = ec2.get_subnet(subnet_id)
    task.availability_zone = getattr(subnet, "availability_zone", None)
    network = ipaddress.ip_network(subnet.cidr_block, strict=False)
    used = {eni.private_ip_address for eni in ec2.enis.values()
            if eni.id != eni_id and getattr(eni.subnet, "vpc_id", None) == subnet.vpc_id}
    used.update(str(ip) for ip in subnet._subnet_ips)
    first, count = 4, network.num_addresses - 5  # .0-.3 and the broadcast address are AWS's
    start = _address_cursor.get(subnet_id, 0)
    for step in range(max(count, 0)):
        index = (start + step) % count
        candidate = str(network.network_address + first + index)
        if candidate not in used:
            _address_cursor[subnet_id] = index + 1
            eni = ec2.enis[eni_id]
            eni.private_ip_address = candidate
            eni.private_ip_addresses = [{"Primary": True, "PrivateIpAddress": candidate}]
            return candidate
    ec2.enis.pop(eni_id, None)  # the task is not created: neither is its ENI
    raise InvalidParameterException(f"No free IPv4 address left in subnet {subnet_id} ({subnet.cidr_block}).")


def _release_address(task: Task) -> None:
    """Fargate deletes a stopped task's ENI; its address is free again."""
    for attachment in task.attachments:
        attachment["status"] = "DELETED"
        for detail in attachment.get("details", []):
            if detail["name"] == "networkInterfaceId":
                ec2_backends[task._account_id][task.region_name].enis.pop(detail["value"], None)


def _find_task(backend: EC2ContainerServiceBackend, cluster_str: str | None, task_str: str | None) -> Task:
    cluster = backend._get_cluster(cluster_str or "default")
    if task_str:
        task_id = task_str.split("/")[-1]
        for task in backend.tasks.get(cluster.name, {}).values():
            if task.id == task_id:
                return task
    raise InvalidParameterException("The referenced task was not found.")


def _when(value) -> datetime | None:
    """A timestamp parameter (epoch seconds, ISO text or datetime) as moto's naive UTC."""
    if value is None or isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None) if isinstance(value, datetime) and value.tzinfo else value
    try:
        return datetime.fromtimestamp(float(value), timezone.utc).replace(tzinfo=None)
    except (TypeError, ValueError):
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed


def _apply_container(task: Task, change: dict) -> None:
    name = change.get("containerName")
    container = next((c for c in task.containers if c.name == name), None)
    if container is None:
        raise InvalidParameterException(f"The container {name} does not exist in task {task.id}.")
    status = change.get("status")
    if status is not None:
        if status not in _STATUSES:
            raise InvalidParameterException(f"Invalid container status {status}: expected one of {', '.join(_STATUSES)}.")
        if container.last_status != "STOPPED":
            container.last_status = status
    for field, attribute in (("exitCode", "exit_code"), ("reason", "reason"), ("runtimeId", "runtime_id"),
                             ("imageDigest", "image_digest")):
        if change.get(field) is not None:
            setattr(container, attribute, change[field])
    if change.get("networkBindings") is not None:
        container.network_bindings = change["networkBindings"]


def _submit_task_state_change(self: EC2ContainerServiceResponse) -> ActionResult:
    backend = self.ecs_backend
    with _lock:
        task = _agent_task(backend, self._get_param("cluster"), self._get_param("task"))
        status = self._get_param("status")
        if status is not None and status not in _STATUSES:
            raise InvalidParameterException(f"Invalid task status {status}: expected one of {', '.join(_STATUSES)}.")
        if task._tps_agent_status != "STOPPED":
            for change in self._get_param("containers") or []:
                _apply_container(task, change)
            for field, attribute in (("pullStartedAt", "pull_started_at"), ("pullStoppedAt", "pull_stopped_at"),
                                     ("executionStoppedAt", "execution_stopped_at")):
                if self._get_param(field) is not None:
                    setattr(task, attribute, _when(self._get_param(field)))
            if status == "PENDING" and task._tps_agent_status == "PROVISIONING":
                task._tps_agent_status = "PENDING"
            elif status == "RUNNING":
                _report_running(task)
            elif status == "STOPPED":
                _report_stopped(task, self._get_param("reason"))
        _schedule_cluster(backend, task.cluster_name)
    return ActionResult({"acknowledgment": "ACK"})


def _submit_container_state_change(self: EC2ContainerServiceResponse) -> ActionResult:
    backend = self.ecs_backend
    with _lock:
        task = _agent_task(backend, self._get_param("cluster"), self._get_param("task"))
        if task._tps_agent_status != "STOPPED":
            _apply_container(task, {k: self._get_param(k) for k in (
                "containerName", "runtimeId", "status", "exitCode", "reason", "networkBindings")})
    return ActionResult({"acknowledgment": "ACK"})


def _agent_task(backend: EC2ContainerServiceBackend, cluster_str: str | None, task_str: str | None) -> Task:
    task = _find_task(backend, cluster_str, task_str)
    if not _is_agent_task(task):
        raise InvalidParameterException(
            f"Task {task.id} is not run by a data plane: its cluster {task.cluster_name} had none attached when it "
            "started (POST /_tps/ecs/data-plane).")
    return task


def _report_running(task: Task) -> None:
    if task._tps_agent_status == "RUNNING":
        return
    task._tps_agent_status = "RUNNING"
    task._tps_reached_running = True
    task.started_at = getattr(task, "started_at", None) or utcnow()
    task.connectivity, task.connectivity_at = "CONNECTED", utcnow()
    for container in task.containers:
        if container.last_status == "PENDING":
            container.last_status = "RUNNING"
    if task.desired_status == "RUNNING" and task._tps_service is not None:
        _register_targets(task)


def _report_stopped(task: Task, reason: str | None) -> None:
    now = utcnow()
    was_desired = task.desired_status
    _deregister_targets(task)
    task._tps_agent_status = "STOPPED"
    task.desired_status = "STOPPED"
    if task._tps_stop_initiator == "user":
        task.stop_code = "UserInitiated"
    elif task._tps_stop_initiator == "scheduler":
        task.stop_code = "ServiceSchedulerInitiated"
    elif not task._tps_reached_running:
        task.stop_code = "TaskFailedToStart"
    else:
        task.stop_code = "EssentialContainerExited"
    if not task.stopped_reason:
        task.stopped_reason = reason or ("Essential container in task exited" if task.stop_code == "EssentialContainerExited"
                                         else "Task failed to start")
    task.stopping_at = getattr(task, "stopping_at", None) or now
    task.stopped_at = now
    task.execution_stopped_at = getattr(task, "execution_stopped_at", None) or now
    for container in task.containers:
        container.last_status = "STOPPED"
    _release_address(task)
    service = task._tps_service
    if service is not None and was_desired == "RUNNING" and task.stop_code in _FAILURE_CODES:
        ecs_rollout._event(service, now, f"(service {service.name}) (task {task.id}) failed: {task.stopped_reason}")
        service._tps_steady = False


def _request_stop(task: Task, reason: str, initiator: str) -> bool:
    """desiredStatus STOPPED (targets deregistered first); lastStatus waits for the agent."""
    if task.desired_status == "STOPPED" or task._tps_agent_status == "STOPPED":
        return False
    if task._tps_agent_status == "RUNNING" and task._tps_targets:
        task._tps_deactivating_until = time.monotonic() + _deregistration_delay(task)
    _deregister_targets(task)
    task.desired_status = "STOPPED"
    task.stopped_reason = reason
    task._tps_stop_initiator = initiator
    task.stopping_at = utcnow()
    return True


def _stopping_agent_tasks(original):
    def stop_task(self, cluster_str, task_str, reason):
        task = _find_task(self, cluster_str, task_str)
        if not _is_agent_task(task):
            return original(self, cluster_str, task_str, reason)
        with _lock:
            _request_stop(task, reason or "Task stopped by user", "user")
            if task._tps_service is not None:
                task._tps_service._tps_steady = False
        return task

    return stop_task


def _listing_like_ecs(original):
    def list_tasks(self, cluster_str=None, container_instance=None, family=None, started_by=None,
                   service_name=None, desiredStatus=None):
        _schedule_cluster(self, cluster_str or "default")
        found = original(self, cluster_str, container_instance, family, started_by, service_name, desiredStatus)
        cluster = self.clusters.get((cluster_str or "default").split("/")[-1])
        if cluster is None or not ecs_attachments.is_attached(cluster.region_name, cluster.name):
            return found
        wanted = desiredStatus or "RUNNING"
        service = service_name.split("/")[-1] if service_name else None
        return [t for t in found if t.cluster_name == cluster.name and t.desired_status == wanted
                and (service is None or (t.__dict__.get("_tps_service") is not None and t._tps_service.name == service))]

    return list_tasks


def _scheduling_first(original):
    def read(self, cluster_str, *args, **kwargs):
        _schedule_cluster(self, cluster_str or "default")
        return original(self, cluster_str, *args, **kwargs)

    return read


def _schedule_cluster(backend: EC2ContainerServiceBackend, cluster_str: str) -> None:
    name = cluster_str.split("/")[-1]
    with _lock:
        for service in list(backend.services.values()):
            if service.cluster_name == name and service.__dict__.get("_tps_scheduled"):
                ecs_rollout._advance(service, time.monotonic())


# --- load balancers ---------------------------------------------------------------------------

def _elbv2(task: Task):
    from moto.elbv2.models import elbv2_backends

    return elbv2_backends[task._account_id][task.region_name]


def _task_address(task: Task) -> str | None:
    for attachment in task.attachments:
        for detail in attachment.get("details", []):
            if detail["name"] == "privateIPv4Address":
                return detail["value"]
    return None


def _register_targets(task: Task) -> None:
    service, address = task._tps_service, _task_address(task)
    if address is None:
        return
    for balancer in service.load_balancers or []:
        group, port = balancer.get("targetGroupArn"), balancer.get("containerPort")
        if not group or port is None:
            continue
        try:
            _elbv2(task).register_targets(group, [{"Id": address, "Port": int(port)}])
        except Exception as error:  # a deleted target group: ECS would report it in an event
            print(f"tpslocalaws: registering {address}:{port} in {group}: {error!r}", file=sys.stderr)
            continue
        task._tps_targets.append((group, address, int(port)))
        ecs_rollout._event(service, utcnow(), f"(service {service.name}) registered 1 targets in (target-group {group})")


def _deregistration_delay(task: Task) -> float:
    """The longest deregistration delay of the task's target groups: how long ECS shows it
    DEACTIVATING (draining) before it stops it."""
    longest = 0.0
    for group, _, _ in task._tps_targets:
        found = _elbv2(task).target_groups.get(group)
        if found is not None:
            longest = max(longest, float(found.attributes.get("deregistration_delay.timeout_seconds", 300)))
    return longest


def last_status(task: Task) -> str:
    """lastStatus as ECS reports it. A load-balanced task told to stop is DEACTIVATING while
    its targets drain, then STOPPING until the agent reports it stopped; the agent's own
    status is kept apart, since the scheduler counts the task as running until then."""
    status = task._tps_agent_status
    until = task.__dict__.get("_tps_deactivating_until")
    if status == "RUNNING" and task.desired_status == "STOPPED" and until is not None:
        return "DEACTIVATING" if time.monotonic() < until else "STOPPING"
    return status


def _deregister_targets(task: Task) -> None:
    service = task._tps_service
    for group, address, port in task._tps_targets:
        try:
            _elbv2(task).deregister_targets(group, [{"Id": address, "Port": port}])
        except Exception:  # already gone (target group deleted or target deregistered by hand)
            continue
        ecs_rollout._event(service, utcnow(), f"(service {service.name}) deregistered 1 targets in (target-group {group})")
    task._tps_targets = []


# --- the service scheduler --------------------------------------------------------------------

def _marking_scheduled(original):
    def __init__(self, *args, **kwargs):
        cluster = kwargs.get("cluster") or args[0]
        # Set before moto's and ecs_rollout's __init__ so the first deployment is scheduled.
        self._tps_scheduled = ecs_attachments.is_attached(cluster.region_name, cluster.name)
        self._tps_steady = False
        self._tps_last_completed = None
        self._tps_deleted = False
        original(self, *args, **kwargs)

    return __init__


def _service_tasks(service: Service) -> list[Task]:
    return [t for t in service._backend.tasks.get(service.cluster_name, {}).values()
            if t.__dict__.get("_tps_service") is service]


def _service_status(service: Service, base: property) -> str | None:
    status = base.fget(service)
    if not service.__dict__.get("_tps_scheduled") or not service.__dict__.get("_tps_deleted"):
        return status
    with _lock:
        draining = any(t._tps_agent_status != "STOPPED" for t in _service_tasks(service))
    return "DRAINING" if draining else "INACTIVE"


def _stopping_service_tasks(original):
    def delete_service(self, cluster_name, service_name, force):
        service = original(self, cluster_name, service_name, force)
        if service.__dict__.get("_tps_scheduled"):
            with _lock:
                service._tps_deleted = True
                primary = ecs_rollout._primary(service)
                reason = f"Scaling activity initiated by (deployment {primary.id})" if primary else "Service deleted"
                _stop_tasks(service, [t for t in _service_tasks(service) if t.desired_status == "RUNNING"], reason)
        return service

    return delete_service


def _stop_tasks(service: Service, tasks: list[Task], reason: str) -> None:
    stopped = [t for t in tasks if _request_stop(t, reason, "scheduler")]
    if stopped:
        service._tps_steady = False
        ecs_rollout._event(service, utcnow(), f"(service {service.name}) has stopped {len(stopped)} running tasks: "
                           + " ".join(f"(task {t.id})" for t in stopped) + ".")


def failure_threshold(desired: int) -> int:
    """ECS's circuit breaker: 0.5 x desiredCount failed tasks, at least 3, at most 200."""
    return min(max(math.ceil(0.5 * desired), 3), 200)


class Scheduler:
    """ECS's service scheduler over agent tasks; ecs_rollout calls it with its lock held."""

    def counts(self, service: Service, deployment: Deployment) -> tuple[int, int, int, int]:
        tasks = [t for t in _service_tasks(service) if t._tps_deployment_id == deployment.id]
        running = sum(t._tps_agent_status == "RUNNING" for t in tasks)
        pending = sum(t._tps_agent_status in ("PROVISIONING", "PENDING") for t in tasks)
        failed = sum(t._tps_agent_status == "STOPPED"
                     and (t.stop_code in _FAILURE_CODES or getattr(t, "_tps_failed_health", False)) for t in tasks)
        if deployment.status == "PRIMARY":
            desired = deployment.desired
        else:
            desired = sum(t.desired_status == "RUNNING" for t in tasks)
        return desired, pending, running, failed

    def advance(self, service: Service, now: float) -> None:
        if service._tps_deleted or not service._tps_deployments:
            return
        tasks = _service_tasks(service)
        self._stop_failing_health_checks(service, tasks, now)
        primary = self._check_circuit_breaker(service, tasks, now)
        if primary.rollout != "FAILED":
            live = [t for t in tasks if t._tps_deployment_id == primary.id and t.desired_status == "RUNNING"]
            if len(live) < primary.desired:
                self._launch(service, primary, primary.desired - len(live))
            elif len(live) > primary.desired:
                # Tasks not yet running go first, then the newest (sorts are stable).
                newest_first = sorted(live, key=lambda t: t.created_at, reverse=True)
                excess = sorted(newest_first, key=lambda t: t._tps_agent_status == "RUNNING")
                _stop_tasks(service, excess[: len(live) - primary.desired],
                            f"Scaling activity initiated by (deployment {primary.id})")
            tasks = _service_tasks(service)
            running = sum(t._tps_deployment_id == primary.id and t._tps_agent_status == "RUNNING"
                          and t.desired_status == "RUNNING" for t in tasks)
            if running >= primary.desired:
                for old in service._tps_deployments[1:]:
                    _stop_tasks(service, [t for t in tasks if t._tps_deployment_id == old.id
                                          and t.desired_status == "RUNNING"], "Task stopped by deployment")
                gone = {d.id for d in service._tps_deployments[1:]
                        if all(t._tps_agent_status == "STOPPED" for t in tasks if t._tps_deployment_id == d.id)}
                service._tps_deployments[1:] = [d for d in service._tps_deployments[1:] if d.id not in gone]
        self._note_steady_state(service, primary, _service_tasks(service))

    def _check_circuit_breaker(self, service: Service, tasks: list[Task], now: float) -> Deployment:
        primary = service._tps_deployments[0]
        breaker = (getattr(service, "deployment_configuration", None) or {}).get("deploymentCircuitBreaker") or {}
        if primary.rollout != "IN_PROGRESS" or not breaker.get("enable"):
            return primary
        failed = self.counts(service, primary)[3]
        if failed < failure_threshold(primary.desired):
            return primary
        previous = service._tps_last_completed
        if previous is None or previous is primary or getattr(primary, "_tps_rollback", False):
            previous = None  # nothing to roll back to, or the rollback itself failed
        rollback = ecs_rollout._fail_at(service, primary, utcnow(), now, previous)
        service._tps_steady = False
        if rollback is None:
            return primary
        rollback._tps_rollback = True
        return rollback

    def _stop_failing_health_checks(self, service: Service, tasks: list[Task], now: float) -> None:
        """ECS stops a task whose target the ALB found unhealthy once the service's health check
        grace period has passed since the task started; the scheduler then replaces it, and the
        stop counts as a failure for the circuit breaker."""
        grace = getattr(service, "health_check_grace_period_seconds", None) or 0
        for task in tasks:
            if task._tps_agent_status != "RUNNING" or task.desired_status != "RUNNING":
                continue
            started = getattr(task, "started_at", None)
            if started is not None and (utcnow() - started).total_seconds() < grace:
                continue
            group = elb_target_health.failing_group(task._tps_targets)
            if group is None:
                continue
            reason = f"Task failed ELB health checks in (target-group {group})"
            if _request_stop(task, reason, "scheduler"):
                task._tps_failed_health = True
                service._tps_steady = False
                ecs_rollout._event(service, utcnow(), f"(service {service.name}) (task {task.id}) failed: {reason}")

    def _launch(self, service: Service, deployment: Deployment, count: int) -> None:
        """Starts `count` tasks one by one; one that cannot start (no free address, task
        definition gone) ends the round with an event, as ECS reports placement failures,
        instead of failing the read that triggered the scheduler."""
        network = deployment.network_configuration or service.network_configuration or None
        tasks = []
        for _ in range(count):
            try:
                with ecs_attachments.launching():
                    (task,) = service._backend.run_task(
                        service.cluster_name, deployment.task_definition, 1, None, deployment.id, None, "FARGATE",
                        network, f"service:{service.name}", deployment.platform_version,
                    )
            except Exception as error:
                message = f"(service {service.name}) was unable to place a task. Reason: {getattr(error, 'message', None) or error}"
                if not service._tps_events or service._tps_events[0]["message"] != message:
                    ecs_rollout._event(service, utcnow(), message)
                break
            task._tps_service = service
            task._tps_deployment_id = deployment.id
            tasks.append(task)
        if not tasks:
            return
        service._tps_steady = False
        ecs_rollout._event(service, utcnow(), f"(service {service.name}) has started {len(tasks)} tasks: "
                           + " ".join(f"(task {t.id})" for t in tasks) + ".")

    def _note_steady_state(self, service: Service, primary: Deployment, tasks: list[Task]) -> None:
        if len(service._tps_deployments) != 1 or primary.rollout == "FAILED":
            return
        running = sum(t._tps_agent_status == "RUNNING" for t in tasks)
        unsettled = any(t._tps_agent_status != "STOPPED" and (t.desired_status == "STOPPED" or t._tps_agent_status != "RUNNING")
                        for t in tasks)
        # ECS counts a task behind a load balancer once its targets pass the health checks.
        unhealthy = any(t._tps_agent_status == "RUNNING" and t.desired_status == "RUNNING"
                        and not elb_target_health.passes(t._tps_targets) for t in tasks)
        if running != primary.desired or unsettled or unhealthy:
            return
        if primary.rollout == "IN_PROGRESS":
            ecs_rollout._complete(service, primary, utcnow())  # says "has reached a steady state."
            service._tps_last_completed = primary
        elif not service._tps_steady:
            ecs_rollout._event(service, utcnow(), f"(service {service.name}) has reached a steady state.")
        service._tps_steady = True
