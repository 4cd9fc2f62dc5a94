"""Which ECS clusters have a real data plane (the local agent) attached.

POST /_tps/ecs/data-plane {"region": "ap-northeast-1", "cluster": name-or-ARN} attaches a
cluster by region and name, whether or not it exists yet: the agent attaches before stacks
create clusters, and an attachment outlives DeleteCluster/CreateCluster of the same name.
GET lists the attachments; DELETE (optionally ?region=&cluster=) detaches.

Whether a task or a service is driven by the agent is decided when it is created (see
ecs_control_plane): attaching or detaching later does not switch existing ones over.
"""

from __future__ import annotations

import contextlib
import re
import threading
from typing import Iterator

from moto.core import DEFAULT_ACCOUNT_ID


class AttachmentError(ValueError):
    pass


_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
_CLUSTER_NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
_CLUSTER_ARN = re.compile(r"^arn:aws[a-z-]*:ecs:([a-z0-9-]+):(\d{12}):cluster/([A-Za-z0-9_-]{1,255})$")

_lock = threading.Lock()
_attached: dict[tuple[str, str], str] = {}  # (region, cluster name) -> cluster ARN
_launching = threading.local()


def attach(body: object) -> dict:
    region, name, arn = _parse(body, required=True)
    with _lock:
        _attached.setdefault((region, name), arn)
    return {"attached": listing()}


def detach(params: dict) -> dict:
    region, name = params.get("region") or None, params.get("cluster") or None
    if name is not None or region is not None:
        region, name, _ = _parse({k: v for k, v in (("region", region), ("cluster", name)) if v is not None}, required=False)
    with _lock:
        gone = [key for key in _attached if region in (None, key[0]) and name in (None, key[1])]
        for key in gone:
            del _attached[key]
    return {"removed": len(gone), "attached": listing()}


def listing() -> list[dict]:
    with _lock:
        return [{"region": region, "clusterArn": arn} for (region, _), arn in _attached.items()]


def is_attached(region: str, cluster_name: str) -> bool:
    with _lock:
        return (region, cluster_name) in _attached


def drives(cluster) -> bool:
    """True when a task created now in `cluster` (a moto Cluster) is run by the agent."""
    return getattr(_launching, "active", False) or is_attached(cluster.region_name, cluster.name)


@contextlib.contextmanager
def launching() -> Iterator[None]:
    """Tasks created inside this block are agent tasks (the service scheduler's launches)."""
    previous = getattr(_launching, "active", False)
    _launching.active = True
    try:
        yield
    finally:
        _launching.active = previous


def _parse(body: object, required: bool) -> tuple[str | None, str | None, str | None]:
    if not isinstance(body, dict):
        raise AttachmentError('data-plane: expected {"region": "ap-northeast-1", "cluster": name or ARN}')
    unknown = sorted(set(body) - {"region", "cluster"})
    if unknown:
        raise AttachmentError(f"data-plane: unknown field {unknown[0]!r}")
    region, cluster = body.get("region"), body.get("cluster")
    if region is not None and (not isinstance(region, str) or not _REGION.match(region)):
        raise AttachmentError("data-plane.region: expected a region name such as ap-northeast-1")
    if cluster is None and not required:
        return region, None, None
    if not isinstance(cluster, str):
        raise AttachmentError("data-plane.cluster: expected a cluster name or ARN")
    match = _CLUSTER_ARN.match(cluster)
    if match:
        arn_region, account, name = match.groups()
        if region is not None and region != arn_region:
            raise AttachmentError(f"data-plane.region: {region} is not the region of the cluster ARN ({arn_region})")
        return arn_region, name, cluster
    if not _CLUSTER_NAME.match(cluster):
        raise AttachmentError("data-plane.cluster: expected a cluster name (letters, digits, - and _) or ARN")
    if region is None:
        if required:
            raise AttachmentError("data-plane.region: required with a cluster name (or give the cluster's ARN)")
        return None, cluster, None
    return region, cluster, f"arn:aws:ecs:{region}:{DEFAULT_ACCOUNT_ID}:cluster/{cluster}"
