"""ECS services that roll out over time, fail when told to, and roll back like the circuit breaker.

moto reports every service as fully running at once and never creates a new deployment
when the task definition changes. Here, per service:

- CreateService starts a PRIMARY deployment whose runningCount climbs from 0 to
  desiredCount over the "ecs-service" delay; rolloutState IN_PROGRESS -> COMPLETED.
- UpdateService with a new task definition, forceNewDeployment or a new network
  configuration / platform version / load balancers / capacity provider strategy starts a new
  PRIMARY deployment; the previous one becomes ACTIVE and drains as the new one gets
  tasks running, and disappears when the new one completes. A desiredCount change alone
  scales the PRIMARY deployment over the same delay.
- POST /_tps/ecs/fail-deployment {"service": name, "cluster"?, "region"?, "reason"?, "count"?}
  makes the service's in-progress deployment (or its next one) fail halfway through:
  no task ever runs, rolloutState FAILED with the reason (default the circuit breaker's
  "tasks failed to start"). With deploymentCircuitBreaker.rollback the service then rolls
  back: a new PRIMARY deployment of the previous task definition, as ECS does.
- Service events tell the story ("has reached a steady state", "deployment failed: ...",
  "rolling back to deployment ...").
- DeleteService: DRAINING (tasks draining) for the delay, then INACTIVE.
- CreateService of a name that is ACTIVE or DRAINING fails ("Creation of service was not
  idempotent."), as on ECS; moto silently replaced the service. Repeating a CreateService
  with the same clientToken returns the service it created.
- Services created in a cluster with a data plane attached are scheduled from real task
  states instead (ecs_control_plane registers itself with `delegate`): it advances their
  deployments and counts their tasks, reusing the deployment records, views, events,
  completion and circuit-breaker failure/rollback here.
- CreateService keeps deploymentConfiguration (with ECS's defaults), the health check
  grace period, capacityProviderStrategy, enableExecuteCommand and enableECSManagedTags,
  which moto drops.
"""

from __future__ import annotations

import math
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.ecs.exceptions import InvalidParameterException
from moto.ecs.models import EC2ContainerServiceBackend, Service
from moto.ecs.responses import EC2ContainerServiceResponse

from . import delays
from .timed_state import timed_status, wrap


class RolloutError(ValueError):
    pass


DEFAULT_FAILURE_REASON = "ECS deployment circuit breaker: tasks failed to start."
DEFAULT_DEPLOYMENT_CONFIGURATION = {
    "deploymentCircuitBreaker": {"enable": False, "rollback": False},
    "maximumPercent": 200,
    "minimumHealthyPercent": 100,
}
#: Service fields whose change makes ECS start a new deployment.
_REDEPLOYING_FIELDS = (
    "task_definition", "network_configuration", "platform_version",
    "load_balancers", "capacity_provider_strategy", "service_registries",
)
#: CreateService parameters moto drops, kept as the attributes its serializer reads.
_KEPT_CREATE_PARAMETERS = {
    "deploymentConfiguration": "deployment_configuration",
    "healthCheckGracePeriodSeconds": "health_check_grace_period_seconds",
    "capacityProviderStrategy": "capacity_provider_strategy",
    "enableExecuteCommand": "enable_execute_command",
    "enableECSManagedTags": "enable_ecs_managed_tags",
    "availabilityZoneRebalancing": "availability_zone_rebalancing",
}

_lock = threading.RLock()
_services: list[Service] = []
_armed: list[dict] = []
_scheduler = None  # ecs_control_plane's scheduler, see delegate()


@dataclass
class Deployment:
    id: str
    task_definition: str | None
    desired: int
    created: datetime
    ramp_start: float            # time.monotonic() when the current ramp began
    ramp_seconds: float
    ramp_from: int = 0
    status: str = "PRIMARY"      # PRIMARY | ACTIVE
    rollout: str = "IN_PROGRESS"  # IN_PROGRESS | COMPLETED | FAILED
    reason: str = ""
    fail_reason: str | None = None
    drain_from: int = 0          # running tasks when it stopped being PRIMARY
    updated: datetime = field(default_factory=utcnow)
    launch_type: str | None = None
    platform_version: str | None = None
    network_configuration: dict | None = None

    def progress(self, now: float) -> float:
        if self.ramp_seconds <= 0:
            return 1.0
        return min(max((now - self.ramp_start) / self.ramp_seconds, 0.0), 1.0)

    def ramp_running(self, now: float) -> int:
        if self.fail_reason is not None:
            return 0
        span = self.desired - self.ramp_from
        return self.ramp_from + math.floor(span * self.progress(now) + 1e-9)

    def wall_time_at(self, monotonic_time: float) -> datetime:
        return self.updated + timedelta(seconds=monotonic_time - self.ramp_start)


def install() -> None:
    Service.status = timed_status("status", {"INACTIVE": "DRAINING"}, "ecs-service")
    Service.deployments = property(_deployments_view, lambda self, value: None)
    Service.running_count = property(lambda self: _counts(self)[0], lambda self, value: None)
    Service.pending_count = property(lambda self: _counts(self)[1], lambda self, value: None)
    Service.events = property(_events_view, lambda self, value: None)
    wrap(Service, "__init__", _with_first_deployment)
    wrap(EC2ContainerServiceBackend, "create_service", _refusing_duplicates)
    wrap(EC2ContainerServiceBackend, "update_service", _deploying_changes)
    wrap(EC2ContainerServiceBackend, "delete_service", _draining)
    wrap(EC2ContainerServiceResponse, "create_service", _keeping_create_parameters)


def delegate(scheduler) -> None:
    """Hands services with `_tps_scheduled` to `scheduler`: scheduler.advance(service, now)
    instead of the timed ramp, scheduler.counts(service, deployment) -> (desired, pending,
    running, failed) for the views. Both are called with _lock held."""
    global _scheduler
    _scheduler = scheduler


def _scheduled(service: Service) -> bool:
    return _scheduler is not None and bool(service.__dict__.get("_tps_scheduled"))


# --- test control -------------------------------------------------------------------------

def arm_failure(spec: object) -> dict:
    """Makes the named service's in-progress or next deployment(s) fail."""
    if not isinstance(spec, dict) or not isinstance(spec.get("service"), str):
        raise RolloutError("fail-deployment: expected {\"service\": name, ...}")
    unknown = sorted(set(spec) - {"service", "cluster", "region", "reason", "count"})
    if unknown:
        raise RolloutError(f"fail-deployment: unknown field {unknown[0]!r}")
    count = spec.get("count", 1)
    if not isinstance(count, int) or count < 1:
        raise RolloutError("fail-deployment.count: expected a positive integer")
    rule = {
        "service": spec["service"], "cluster": spec.get("cluster"), "region": spec.get("region"),
        "reason": spec.get("reason") or DEFAULT_FAILURE_REASON, "remaining": count,
    }
    applied = []
    with _lock:
        now = time.monotonic()
        for service in _services:
            if rule["remaining"] == 0 or not _rule_matches(rule, service) or _scheduled(service):
                continue
            _advance(service, now)
            primary = _primary(service)
            if primary and primary.rollout == "IN_PROGRESS" and primary.fail_reason is None:
                _doom(primary, rule["reason"], now)
                rule["remaining"] -= 1
                applied.append(primary.id)
        if rule["remaining"]:
            _armed.append(rule)
    return {"failingDeployments": applied, "armedForNextDeployments": rule["remaining"]}


def disarm_failures() -> int:
    with _lock:
        removed = len(_armed)
        _armed.clear()
        return removed


def _rule_matches(rule: dict, service: Service) -> bool:
    return (
        rule["service"] in (service.name, service.arn)
        and rule["cluster"] in (None, service.cluster_name, service.cluster_arn)
        and rule["region"] in (None, service.region_name)
    )


def _take_armed_reason(service: Service) -> str | None:
    for rule in _armed:
        if rule["remaining"] and _rule_matches(rule, service):
            rule["remaining"] -= 1
            if not rule["remaining"]:
                _armed.remove(rule)
            return rule["reason"]
    return None


def _doom(deployment: Deployment, reason: str, now: float) -> None:
    """Fails the deployment halfway through its ramp, or now if it is already past that."""
    deployment.fail_reason = reason
    halfway = deployment.ramp_start + deployment.ramp_seconds / 2
    if halfway < now:
        deployment.updated = deployment.wall_time_at(now)
        deployment.ramp_start = now
        deployment.ramp_seconds = 0


# --- patched moto behaviour ---------------------------------------------------------------

def _with_first_deployment(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        with _lock:
            self._tps_deployments = []
            self._tps_events = []
            if self.deployment_controller.get("type", "ECS") == "ECS":
                _start_deployment(self, time.monotonic())
            _services.append(self)

    return __init__


def _refusing_duplicates(original):
    def create_service(self, cluster_str, service_name, *args, **kwargs):
        cluster = self._get_cluster(cluster_str)
        existing = self.services.get(f"{cluster.name}:{service_name}")
        if existing is not None and existing.status != "INACTIVE":
            raise InvalidParameterException("Creation of service was not idempotent.")
        return original(self, cluster_str, service_name, *args, **kwargs)

    return create_service


def _deploying_changes(original):
    def update_service(self, service_properties):
        force = bool(service_properties.get("force_new_deployment"))
        service = self._get_service(service_properties.get("cluster", "default"), service_properties["service"].split("/")[-1])
        with _lock:
            before = {name: getattr(service, name, None) for name in _REDEPLOYING_FIELDS}
            desired_before = service.desired_count
            updated = original(self, service_properties)
            if updated.task_definition and ":task-definition/" not in updated.task_definition:
                updated.task_definition = self.describe_task_definition(updated.task_definition).arn
            if updated.deployment_controller.get("type", "ECS") != "ECS":
                return updated
            now = time.monotonic()
            _advance(updated, now)
            changed = any(getattr(updated, name, None) != before[name] for name in _REDEPLOYING_FIELDS)
            if force or changed:
                _start_deployment(updated, now)
            elif updated.desired_count != desired_before:
                _rescale(_primary(updated), updated.desired_count, now)
            return updated

    return update_service


def _draining(original):
    def delete_service(self, cluster_name, service_name, force):
        service = original(self, cluster_name, service_name, force)
        with _lock:
            primary = _primary(service)
            if primary is not None:
                now = time.monotonic()
                _advance(service, now)
                _rescale(primary, 0, now)
            service.status = "INACTIVE"  # DRAINING for the delay
        return service

    return delete_service


def _keeping_create_parameters(original):
    def create_service(self):
        token = self._get_param("clientToken")
        if token:
            for existing in self.ecs_backend.services.values():
                if getattr(existing, "_tps_client_token", None) == token and existing.status != "INACTIVE":
                    return ActionResult({"service": existing})
        result = original(self)
        service = result.result["service"]
        service._tps_client_token = token
        for parameter, attribute in _KEPT_CREATE_PARAMETERS.items():
            value = self._get_param(parameter)
            if value is not None:
                setattr(service, attribute, value)
        configuration = dict(DEFAULT_DEPLOYMENT_CONFIGURATION)
        configuration.update(getattr(service, "deployment_configuration", None) or {})
        service.deployment_configuration = configuration
        return result

    return create_service


# --- the rollout state machine ------------------------------------------------------------

def _primary(service: Service) -> Deployment | None:
    deployments = getattr(service, "_tps_deployments", None)
    return deployments[0] if deployments else None


def _start_deployment(service: Service, now: float, task_definition: str | None = None, reason: str | None = None) -> Deployment:
    for old in service._tps_deployments:
        old.drain_from = _running(service, old, now)
        old.status = "ACTIVE"
    deployment = Deployment(
        id=f"ecs-svc/{uuid.uuid4().int % 10**19:019d}",
        task_definition=task_definition or service.task_definition,
        desired=service.desired_count,
        created=utcnow(),
        ramp_start=now,
        ramp_seconds=delays.get("ecs-service"),
        launch_type=service.launch_type,
        platform_version=service.platform_version,
        network_configuration=service.network_configuration or None,
    )
    deployment.reason = reason or f"ECS deployment {deployment.id} in progress."
    deployment.fail_reason = None if _scheduled(service) else _take_armed_reason(service)
    service._tps_deployments.insert(0, deployment)
    return deployment


def _rescale(deployment: Deployment | None, desired: int, now: float) -> None:
    if deployment is None:
        return
    deployment.ramp_from = deployment.ramp_running(now)
    deployment.desired = desired
    deployment.updated = utcnow()
    deployment.ramp_start = now
    deployment.ramp_seconds = delays.get("ecs-service")


def _advance(service: Service, now: float) -> None:
    """Applies every transition that is due by `now`, in order."""
    if _scheduled(service):
        _scheduler.advance(service, now)
        return
    while True:
        primary = _primary(service)
        if primary is None or primary.rollout != "IN_PROGRESS":
            return
        if primary.fail_reason is not None:
            failed_at = primary.ramp_start + primary.ramp_seconds / 2
            if now < failed_at:
                return
            _fail(service, primary, failed_at)
            continue
        if primary.progress(now) < 1.0:
            return
        _complete(service, primary, primary.wall_time_at(primary.ramp_start + primary.ramp_seconds))
        return


def _complete(service: Service, deployment: Deployment, when: datetime) -> None:
    """The PRIMARY deployment reached its desired count: COMPLETED, older ones gone."""
    deployment.rollout = "COMPLETED"
    deployment.reason = f"ECS deployment {deployment.id} completed."
    deployment.updated = when
    service._tps_deployments[1:] = []
    _event(service, when, f"(service {service.name}) (deployment {deployment.id}) deployment completed.")
    _event(service, when, f"(service {service.name}) has reached a steady state.")


def _fail(service: Service, deployment: Deployment, failed_at: float) -> None:
    previous = next((d for d in service._tps_deployments[1:] if d.rollout != "FAILED"), None)
    _fail_at(service, deployment, deployment.wall_time_at(failed_at), failed_at, previous)


def _fail_at(service: Service, deployment: Deployment, when: datetime, failed_at: float,
             previous: Deployment | None) -> Deployment | None:
    """Marks the deployment FAILED; with the circuit breaker's rollback and a `previous`
    deployment, starts a new PRIMARY deployment of its task definition (returned)."""
    deployment.rollout = "FAILED"
    deployment.reason = deployment.fail_reason or DEFAULT_FAILURE_REASON
    deployment.updated = when
    _event(service, when, f"(service {service.name}) (deployment {deployment.id}) deployment failed: {deployment.reason}")
    breaker = (getattr(service, "deployment_configuration", None) or {}).get("deploymentCircuitBreaker") or {}
    if breaker.get("rollback") and previous is not None:
        _event(service, when, f"(service {service.name}) rolling back to deployment {previous.id}.")
        service.task_definition = previous.task_definition
        rollback = _start_deployment(
            service, failed_at, task_definition=previous.task_definition,
            reason=f"ECS deployment circuit breaker: rolling back to deploymentId {previous.id}.",
        )
        rollback.created = when
        rollback.updated = when
        return rollback
    return None


def _running(service: Service, deployment: Deployment, now: float) -> int:
    if deployment.status == "PRIMARY":
        return deployment.ramp_running(now)
    primary = _primary(service)
    if primary is None or primary.desired <= 0:
        share = primary.progress(now) if primary else 1.0
    else:
        share = primary.ramp_running(now) / primary.desired
    return math.ceil(deployment.drain_from * (1 - share) - 1e-9)


def _counts(service: Service) -> tuple[int, int]:
    if "_tps_deployments" not in service.__dict__:
        return 0, 0
    with _lock:
        now = time.monotonic()
        _advance(service, now)
        running = pending = 0
        for deployment in service._tps_deployments:
            view = _view(service, deployment, now)
            running += view["runningCount"]
            pending += view["pendingCount"]
        return running, pending


def _view(service: Service, deployment: Deployment, now: float) -> dict:
    if _scheduled(service):
        desired, pending, running, failed = _scheduler.counts(service, deployment)
        return _view_of(deployment, desired, pending, running, failed)
    running = _running(service, deployment, now)
    if deployment.status == "PRIMARY":
        desired = deployment.desired
        pending = 0 if deployment.rollout == "FAILED" else max(desired - running, 0)
    else:
        desired = running
        pending = 0
    failed = 0
    if deployment.fail_reason is not None:
        failed = deployment.desired if deployment.rollout == "FAILED" else math.floor(deployment.desired * deployment.progress(now) * 2)
    return _view_of(deployment, desired, pending, running, failed)


def _view_of(deployment: Deployment, desired: int, pending: int, running: int, failed: int) -> dict:
    return {
        "id": deployment.id,
        "status": deployment.status,
        "taskDefinition": deployment.task_definition,
        "desiredCount": desired,
        "pendingCount": pending,
        "runningCount": running,
        "failedTasks": failed,
        "createdAt": deployment.created,
        "updatedAt": deployment.updated,
        "launchType": deployment.launch_type,
        "platformVersion": deployment.platform_version,
        "platformFamily": "EC2" if deployment.launch_type == "EC2" else "FARGATE" if deployment.launch_type else None,
        "networkConfiguration": deployment.network_configuration,
        "rolloutState": deployment.rollout,
        "rolloutStateReason": deployment.reason,
    }


def _deployments_view(service: Service) -> list[dict]:
    if "_tps_deployments" not in service.__dict__:
        return []
    with _lock:
        now = time.monotonic()
        _advance(service, now)
        return [_view(service, d, now) for d in service._tps_deployments]


def _event(service: Service, when: datetime, message: str) -> None:
    service._tps_events.insert(0, {"id": str(uuid.uuid4()), "createdAt": when, "message": message})


def _events_view(service: Service) -> list[dict]:
    if "_tps_events" not in service.__dict__:
        return []
    with _lock:
        _advance(service, time.monotonic())
        return list(service._tps_events[:100])
