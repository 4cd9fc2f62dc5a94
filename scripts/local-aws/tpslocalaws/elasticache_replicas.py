"""IncreaseReplicaCount / DecreaseReplicaCount for cluster-mode-disabled replication groups,
which stock moto lacks: the group keeps its id, endpoints and data while nodes are added or
removed, as on AWS. Only when `available` (else InvalidReplicationGroupState); ApplyImmediately
must be true (AWS supports nothing else); NewReplicaCount 0-5, above the current count for an
increase and below it for a decrease; a Multi-AZ group keeps at least one replica
(InvalidParameterCombination). The group is `modifying` for the replication-group delay.
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.elasticache.exceptions import InvalidParameterCombinationException, InvalidParameterValueException
from moto.elasticache.responses import ElastiCacheResponse

from .elasticache_groups import DELAY, _true, available_group
from .timed_state import begin

MAX_REPLICAS = 5


def install() -> None:
    ElastiCacheResponse.increase_replica_count = lambda self: _change_replica_count(self, increase=True)
    ElastiCacheResponse.decrease_replica_count = lambda self: _change_replica_count(self, increase=False)


def _change_replica_count(self: ElastiCacheResponse, increase: bool) -> ActionResult:
    group = available_group(self.elasticache_backend, self._get_param("ReplicationGroupId"))
    if not _true(self._get_param("ApplyImmediately")):
        raise InvalidParameterValueException("ApplyImmediately must be true.")
    raw = self._get_param("NewReplicaCount")
    if raw is None:
        raise InvalidParameterValueException("NewReplicaCount is required for a cluster-mode-disabled group.")
    wanted = int(raw)
    node_group = group.node_groups[0]
    members = node_group["node_group_members"]
    current = len(members) - 1
    if not 0 <= wanted <= MAX_REPLICAS:
        raise InvalidParameterValueException(f"NewReplicaCount must be between 0 and {MAX_REPLICAS}.")
    if increase and wanted <= current:
        raise InvalidParameterValueException(f"NewReplicaCount {wanted} is not above the current {current} replicas.")
    if not increase and wanted >= current:
        raise InvalidParameterValueException(f"NewReplicaCount {wanted} is not below the current {current} replicas.")
    if not increase and wanted < 1 and group.multi_az == "enabled":
        raise InvalidParameterCombinationException("A Multi-AZ replication group needs at least one replica.")
    if increase:
        _add_replicas(group, node_group, wanted - current)
    else:
        for member in members[wanted + 1:]:
            group.member_clusters.remove(member["cache_cluster_id"])
        del members[wanted + 1:]
    begin(group, "status", "modifying", "available", DELAY)
    return ActionResult({"ReplicationGroup": group})


def _add_replicas(group, node_group: dict, count: int) -> None:
    members = node_group["node_group_members"]
    primary = members[0]
    domain = primary["read_endpoint"]["address"].split(".", 1)[1]
    zone_prefix = primary["preferred_availability_zone"][:-1]
    used = {member["cache_cluster_id"] for member in members}
    number = 2
    for _ in range(count):
        while f"{group.replication_group_id}-{number:0>3}" in used:
            number += 1
        cluster_id = f"{group.replication_group_id}-{number:0>3}"
        used.add(cluster_id)
        members.append({
            "cache_cluster_id": cluster_id,
            "cache_node_id": node_group["node_group_id"],
            "read_endpoint": {"address": f"{cluster_id}.{domain}", "port": primary["read_endpoint"]["port"]},
            "preferred_availability_zone": zone_prefix + "acd"[len(members) % 3],
            "current_role": "replica",
        })
        group.member_clusters.append(cluster_id)
