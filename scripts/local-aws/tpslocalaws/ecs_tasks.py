"""ECS tasks (RunTask) that start, run, exit with a code and leave a log, like a one-off job.

moto's tasks crash RunTask for common Fargate task definitions and then step through
states once per DescribeTasks call, never reporting an exit. Here:

- Task definitions with only task-level memory (the usual Fargate form) can be run; so can
  awsvpc tasks in a VPC without DNS hostnames (moto crashed on both).
- A task goes PROVISIONING -> PENDING -> RUNNING -> STOPPED over the "ecs-task" delay, then
  reports desiredStatus STOPPED, stopCode EssentialContainerExited and each container's
  exitCode (0 unless told otherwise), and writes its log lines to the awslogs group of the
  task definition (stream <prefix>/<container>/<task id>).
- If that log group does not exist, the task fails to start (stopCode TaskFailedToStart,
  ResourceInitializationError), as on Fargate.
- POST /_tps/ecs/task-exit {"family": name, "exitCode": 3, "reason"?, "logLines"?: [...],
  "count"?: 1} sets how the next task(s) of that family end.
- StopTask stops at once (stopCode UserInitiated, exit code 137).

None of this applies to tasks in a cluster with a data plane attached (ecs_attachments):
those change state only through the agent's reports (ecs_control_plane).
"""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from moto.core.utils import unix_time_millis, utcnow
from moto.ec2.models.elastic_network_interfaces import NetworkInterface
from moto.ecs.models import EC2ContainerServiceBackend, Task

from . import delays, ecs_attachments
from .timed_state import wrap


class TaskExitError(ValueError):
    pass


_lock = threading.Lock()
_armed_exits: list[dict] = []
_PHASES = (("PROVISIONING", 0.0), ("PENDING", 0.25), ("RUNNING", 0.5), ("STOPPED", 1.0))


def install() -> None:
    if not hasattr(NetworkInterface, "private_dns_name"):
        NetworkInterface.private_dns_name = None  # instances with DNS hostnames set their own
    _fix_memory_requirements()
    Task.status = property(_status, _set_status)
    wrap(Task, "__init__", _timed)
    wrap(EC2ContainerServiceBackend, "describe_tasks", _refreshing)
    wrap(EC2ContainerServiceBackend, "list_tasks", _refreshing_all)


def arm_exit(spec: object) -> dict:
    if not isinstance(spec, dict) or not isinstance(spec.get("family"), str):
        raise TaskExitError("task-exit: expected {\"family\": name, \"exitCode\": n, ...}")
    unknown = sorted(set(spec) - {"family", "exitCode", "reason", "logLines", "count"})
    if unknown:
        raise TaskExitError(f"task-exit: unknown field {unknown[0]!r}")
    code = spec.get("exitCode", 0)
    if not isinstance(code, int) or isinstance(code, bool):
        raise TaskExitError("task-exit.exitCode: expected an integer")
    lines = spec.get("logLines", [])
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise TaskExitError("task-exit.logLines: expected a list of strings")
    count = spec.get("count", 1)
    if not isinstance(count, int) or count < 1:
        raise TaskExitError("task-exit.count: expected a positive integer")
    with _lock:
        _armed_exits.append({"family": spec["family"], "exitCode": code, "reason": spec.get("reason"),
                             "logLines": lines, "remaining": count})
    return {"armed": count}


def disarm_exits() -> int:
    with _lock:
        removed = len(_armed_exits)
        _armed_exits.clear()
        return removed


def _take_exit(family: str) -> dict:
    with _lock:
        for rule in _armed_exits:
            if rule["family"] == family:
                rule["remaining"] -= 1
                if rule["remaining"] == 0:
                    _armed_exits.remove(rule)
                return rule
    return {"exitCode": 0, "reason": None, "logLines": []}


# --- moto patches -----------------------------------------------------------------------------

def _fix_memory_requirements() -> None:
    """Fargate task definitions often set memory only at task level; moto summed None."""
    original = EC2ContainerServiceBackend._calculate_task_resource_requirements
    if getattr(original, "_tps_wrapped", False):
        return

    def calculate(task_definition):
        containers = [
            c if "Memory" in c or "MemoryReservation" in c
            else dict(c, memory=c.get("memory") or c.get("memoryReservation") or 0)
            for c in task_definition.container_definitions
        ]
        return original(SimpleNamespace(container_definitions=containers))

    calculate._tps_wrapped = True  # type: ignore[attr-defined]
    EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(calculate)


def _timed(original):
    def __init__(self, *args, **kwargs):
        cluster = kwargs.get("cluster") or args[0]
        if ecs_attachments.drives(cluster):
            self._tps_agent_status = "PROVISIONING"  # the agent's reports move it (ecs_control_plane)
            original(self, *args, **kwargs)
            return
        original(self, *args, **kwargs)
        task_definition = kwargs.get("task_definition") or args[1]
        self._tps_definition = task_definition
        self._tps_started = time.monotonic()
        self._tps_seconds = delays.get("ecs-task")
        self._tps_exit = _take_exit(task_definition.family)
        self._tps_user_stop = None
        self._tps_finished = False

    return __init__


def _status(task: Task) -> str:
    if "_tps_agent_status" in task.__dict__:
        from .ecs_control_plane import last_status  # agent tasks: their states are reported, not timed

        return last_status(task)
    if "_tps_started" not in task.__dict__:
        return "PROVISIONING"
    if task._tps_user_stop is not None:
        return "STOPPED"
    seconds = task._tps_seconds
    progress = 1.0 if seconds <= 0 else (time.monotonic() - task._tps_started) / seconds
    current = _PHASES[0][0]
    for name, starts_at in _PHASES:
        if progress >= starts_at:
            current = name
    return current


def _set_status(task: Task, value: str) -> None:
    if value == "STOPPED" and "_tps_started" in task.__dict__ and task._tps_user_stop is None:
        task._tps_user_stop = time.monotonic()  # StopTask


def _refreshing(original):
    def describe_tasks(self, cluster_str, tasks):
        found = original(self, cluster_str, tasks)
        for task in found:
            _refresh(self, task)
        return found

    return describe_tasks


def _refreshing_all(original):
    def list_tasks(self, *args, **kwargs):
        for tasks in self.tasks.values():
            for task in tasks.values():
                _refresh(self, task)
        return original(self, *args, **kwargs)

    return list_tasks


def _refresh(backend: EC2ContainerServiceBackend, task: Task) -> None:
    if "_tps_started" not in task.__dict__ or task._tps_finished:
        return
    status = task.status
    if status == "RUNNING" and getattr(task, "started_at", None) is None:
        task.started_at = utcnow()
    for container in task.containers:
        container.last_status = "RUNNING" if status == "RUNNING" else "PENDING"
    if status != "STOPPED":
        return
    task._tps_finished = True
    task.desired_status = "STOPPED"
    task.stopped_at = task.execution_stopped_at = utcnow()
    missing_group = _missing_log_group(backend, task)
    if task._tps_user_stop is not None:
        task.stop_code, code = "UserInitiated", 137
        task.stopped_reason = task.stopped_reason or "Task stopped by user"
    elif missing_group:
        task.stop_code, code = "TaskFailedToStart", None
        task.stopped_reason = (
            "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: "
            f"failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. ({missing_group})"
        )
    else:
        task.stop_code, code = "EssentialContainerExited", task._tps_exit["exitCode"]
        task.stopped_reason = task._tps_exit["reason"] or "Essential container in task exited"
        _write_logs(backend, task, code)
    for container in task.containers:
        container.last_status = "STOPPED"
        container.exitCode = code


def _log_options(task: Task) -> list[tuple[str, dict]]:
    found = []
    for definition in task._tps_definition.container_definitions:
        configuration = definition.get("logConfiguration") or {}
        if configuration.get("logDriver") == "awslogs":
            found.append((definition.get("name", "app"), configuration.get("options") or {}))
    return found


def _logs_backend(backend: EC2ContainerServiceBackend, region: str):
    from moto.logs.models import logs_backends

    return logs_backends[backend.account_id][region]


def _missing_log_group(backend: EC2ContainerServiceBackend, task: Task) -> str | None:
    for _, options in _log_options(task):
        group = options.get("awslogs-group")
        logs = _logs_backend(backend, options.get("awslogs-region", task.region_name))
        if group and group not in logs.groups and str(options.get("awslogs-create-group", "")).lower() != "true":
            return group
    return None


def _write_logs(backend: EC2ContainerServiceBackend, task: Task, code: int) -> None:
    for container, options in _log_options(task):
        group = options.get("awslogs-group")
        logs = _logs_backend(backend, options.get("awslogs-region", task.region_name))
        if not group:
            continue
        if group not in logs.groups:
            logs.create_log_group(group, {})
        stream = f"{options.get('awslogs-stream-prefix', 'ecs')}/{container}/{task.id}"
        if stream not in logs.groups[group].streams:
            logs.create_log_stream(group, stream)
        lines = task._tps_exit["logLines"] or [
            f"tpslocalaws: emulated task of {task._tps_definition.family} exited with code {code}"
        ]
        now = int(unix_time_millis())
        logs.put_log_events(group, stream, [{"timestamp": now, "message": line} for line in lines])
