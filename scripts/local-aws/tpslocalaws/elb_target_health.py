"""Target health as the local ALB data plane sees it, for ECS's service scheduler.

On AWS, a task behind a load balancer counts for its deployment only once its targets pass
the target group's health checks: the deployment completes (and `services-stable` /
stage 05's wait ends) when the ALB routes to the new tasks, not when their processes start.
The health checks run in the ALB data plane (tpsctl local-dataplane), so it tells this
module what it sees:

- POST /_tps/elbv2/data-plane {"region": ..., "namePrefix": ...} attaches the target groups
  of a region whose name starts with namePrefix: from then on the scheduler waits for their
  targets to be reported healthy. GET lists the attachments; DELETE (optionally
  ?region=&namePrefix=) detaches. Target groups no plane attached keep the old behaviour
  (a running task counts at once), so a control-plane-only run never waits forever.
- POST /_tps/elbv2/target-health {"targetGroupArn": ..., "targets": [{"id", "port",
  "state"}]} replaces a group's reported targets (state: initial, healthy or unhealthy, as
  DescribeTargetHealth names them). A target never reported is not healthy. A target reported
  unhealthy after its service's health check grace period makes the scheduler stop its task
  ("Task failed ELB health checks in (target-group …)"), which counts for the circuit breaker.
"""

from __future__ import annotations

import re
import threading


class TargetHealthError(ValueError):
    pass


_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
_GROUP_ARN = re.compile(r"^arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):\d{12}:targetgroup/([A-Za-z0-9-]{1,32})/[0-9a-f]+$")
_STATES = ("initial", "healthy", "unhealthy", "unused", "draining", "unavailable")

_lock = threading.Lock()
_attached: set[tuple[str, str]] = set()  # (region, name prefix)
_reported: dict[str, dict[tuple[str, int], str]] = {}  # target group ARN -> (address, port) -> state


def attach(body: object) -> dict:
    if not isinstance(body, dict) or set(body) != {"region", "namePrefix"}:
        raise TargetHealthError('elbv2 data-plane: expected {"region": "ap-northeast-1", "namePrefix": "stack-"}')
    region, prefix = body["region"], body["namePrefix"]
    if not isinstance(region, str) or not _REGION.match(region):
        raise TargetHealthError("elbv2 data-plane.region: expected a region name such as ap-northeast-1")
    if not isinstance(prefix, str) or not prefix:
        raise TargetHealthError("elbv2 data-plane.namePrefix: expected a non-empty target group name prefix")
    with _lock:
        _attached.add((region, prefix))
    return {"attached": listing()}


def detach(params: dict) -> dict:
    region, prefix = params.get("region") or None, params.get("namePrefix") or None
    with _lock:
        gone = {key for key in _attached if region in (None, key[0]) and prefix in (None, key[1])}
        _attached.difference_update(gone)
    return {"removed": len(gone), "attached": listing()}


def listing() -> list[dict]:
    with _lock:
        return [{"region": region, "namePrefix": prefix} for region, prefix in sorted(_attached)]


def report(body: object) -> dict:
    if not isinstance(body, dict) or not isinstance(body.get("targetGroupArn"), str) \
            or not _GROUP_ARN.match(body["targetGroupArn"]) or not isinstance(body.get("targets"), list):
        raise TargetHealthError('elbv2 target-health: expected {"targetGroupArn": arn, "targets": [{"id", "port", "state"}]}')
    targets: dict[tuple[str, int], str] = {}
    for target in body["targets"]:
        if not isinstance(target, dict) or not isinstance(target.get("id"), str) or not isinstance(target.get("port"), int) \
                or target.get("state") not in _STATES:
            raise TargetHealthError(f"elbv2 target-health.targets: expected id, port and a state of {', '.join(_STATES)}")
        targets[(target["id"], target["port"])] = target["state"]
    with _lock:
        _reported[body["targetGroupArn"]] = targets
    return {"targets": len(targets)}


def watched(group_arn: str) -> bool:
    """True when an attached ALB data plane health-checks this target group."""
    match = _GROUP_ARN.match(group_arn)
    if not match:
        return False
    region, name = match.groups()
    with _lock:
        return any(region == r and name.startswith(p) for r, p in _attached)


def passes(targets: list[tuple[str, str, int]]) -> bool:
    """True when each (group, address, port) of a task is healthy, or its group is not watched."""
    for group, address, port in targets:
        if not watched(group):
            continue
        with _lock:
            if _reported.get(group, {}).get((address, port)) != "healthy":
                return False
    return True


def failing_group(targets: list[tuple[str, str, int]]) -> str | None:
    """The first watched group that reported one of these (group, address, port) unhealthy."""
    for group, address, port in targets:
        if not watched(group):
            continue
        with _lock:
            if _reported.get(group, {}).get((address, port)) == "unhealthy":
                return group
    return None
