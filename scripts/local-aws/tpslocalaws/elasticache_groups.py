"""ElastiCache replication groups as a Redis deployment needs them: sizes, states, changes.

moto creates replication groups `available` at once, ignores NumCacheClusters (one node
only), puts us-east-1 names in every endpoint, keeps deleted groups forever and has no
ModifyReplicationGroup. Here:

- Create: `creating` -> `available` (delay "elasticache-replication-group"); NumCacheClusters
  gives the primary plus replicas; Multi-AZ needs automatic failover and a replica, and an
  AuthToken needs in-transit encryption (InvalidParameterCombination, as AWS says).
- Endpoints and node AZs use the group's own region.
- ModifyReplicationGroup: only when `available` (else InvalidReplicationGroupState); applies
  description, node type, failover/Multi-AZ, security groups, snapshot settings, engine
  version, parameter group, maintenance window, auth token (SET/ROTATE/DELETE) and
  transit encryption; `modifying` -> `available`.
- Delete: `deleting` for the delay, then gone (a new group may reuse the id).
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.core.utils import utcnow
from moto.elasticache.exceptions import (
    ElastiCacheException,
    InvalidParameterCombinationException,
    InvalidParameterValueException,
    ReplicationGroupNotFound,
)
from moto.elasticache.models import ElastiCacheBackend, ReplicationGroup
from moto.elasticache.responses import ElastiCacheResponse

from .timed_state import begin, timed_status, wrap

DELAY = "elasticache-replication-group"
_GONE = "deleted"


class InvalidReplicationGroupState(ElastiCacheException):
    code = "InvalidReplicationGroupState"


def install() -> None:
    ReplicationGroup.status = timed_status("status", {"available": "creating", _GONE: "deleting"}, DELAY)
    wrap(ReplicationGroup, "__init__", _sized_and_regional)
    wrap(ElastiCacheBackend, "create_replication_group", _validated)
    wrap(ElastiCacheBackend, "describe_replication_groups", _purging_first)
    wrap(ElastiCacheBackend, "delete_replication_group", _deleting_for_a_while)
    ElastiCacheResponse.modify_replication_group = _modify_replication_group_response


_DIRECTIONS = {"north": "n", "south": "s", "east": "e", "west": "w", "central": "c"}


def _short_region(region: str) -> str:
    """ap-northeast-1 -> apne1, us-east-1 -> use1, as in ElastiCache endpoint names."""
    parts = region.split("-")
    if len(parts) < 3:
        return region
    direction = parts[1]
    for word, letter in _DIRECTIONS.items():
        direction = direction.replace(word, letter)
    return parts[0] + direction + parts[2]


def _sized_and_regional(original):
    def __init__(self, *args, **kwargs):
        clusters = kwargs.get("num_cache_clusters")
        if clusters and not kwargs.get("replicas_per_node_group") and not kwargs.get("node_group_configuration"):
            kwargs["replicas_per_node_group"] = clusters - 1
        region = kwargs["region_name"]
        if not kwargs.get("preferred_cache_cluster_azs"):
            count = (kwargs.get("replicas_per_node_group") or 0) + 1
            zones = [f"{region}a", f"{region}c", f"{region}d"]
            kwargs["preferred_cache_cluster_azs"] = [zones[i % len(zones)] for i in range(count)]
        original(self, *args, **kwargs)
        _rename_region(self, ".use1.", f".{_short_region(region)}.")
        self.status = "available"  # `creating` for the delay

    return __init__


def _rename_region(value, old: str, new: str):
    """Rewrites endpoint addresses moto built with us-east-1's short name."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = _rename_region(item, old, new)
        return value
    if isinstance(value, dict):
        for key in value:
            value[key] = _rename_region(value[key], old, new)
        return value
    if isinstance(value, ReplicationGroup):
        value.node_groups = _rename_region(value.node_groups, old, new)
        if getattr(value, "configuration_endpoint", None):
            value.configuration_endpoint = _rename_region(value.configuration_endpoint, old, new)
    return value


def _validated(original):
    def create_replication_group(self, **kwargs):
        purge_deleted_groups(self)
        nodes = kwargs.get("num_cache_clusters") or (kwargs.get("replicas_per_node_group") or 0) + 1
        if kwargs.get("multi_az_enabled") and (not kwargs.get("automatic_failover_enabled") or nodes < 2):
            raise InvalidParameterCombinationException(
                "Multi-AZ requires automatic failover and at least one replica (NumCacheClusters >= 2)."
            )
        if kwargs.get("auth_token") and not kwargs.get("transit_encryption_enabled"):
            raise InvalidParameterCombinationException("AuthToken requires TransitEncryptionEnabled.")
        token = kwargs.get("auth_token")
        if token is not None and not 16 <= len(token) <= 128:
            raise InvalidParameterValueException("AuthToken must be between 16 and 128 characters.")
        return original(self, **kwargs)

    return create_replication_group


def purge_deleted_groups(backend: ElastiCacheBackend) -> None:
    """Drops groups whose `deleting` period is over (also used by the subnet-group checks)."""
    for group_id, group in list(backend.replication_groups.items()):
        if group.status == _GONE:
            backend.replication_groups.pop(group_id, None)


def _purging_first(original):
    def describe_replication_groups(self, replication_group_id=None):
        purge_deleted_groups(self)
        return original(self, replication_group_id=replication_group_id)

    return describe_replication_groups


def _deleting_for_a_while(original):
    def delete_replication_group(self, replication_group_id, retain_primary_cluster):
        purge_deleted_groups(self)
        group = self.replication_groups.get(replication_group_id)
        if group is not None and group.status != "available":
            raise InvalidReplicationGroupState(f"Replication group {replication_group_id} is {group.status}, not available.")
        group = original(self, replication_group_id, retain_primary_cluster)
        group.status = _GONE  # `deleting` for the delay, then purged
        return group

    return delete_replication_group


_SIMPLE_CHANGES = {
    "ReplicationGroupDescription": "description",
    "CacheNodeType": "cache_node_type",
    "SecurityGroupIds": "security_group_ids",
    "SnapshotRetentionLimit": "snapshot_retention_limit",
    "SnapshotWindow": "snapshot_window",
    "PreferredMaintenanceWindow": "preferred_maintenance_window",
    "EngineVersion": "engine_version",
    "CacheParameterGroupName": "cache_parameter_group_name",
    "AutoMinorVersionUpgrade": "auto_minor_version_upgrade",
    "TransitEncryptionEnabled": "transit_encryption_enabled",
    "TransitEncryptionMode": "transit_encryption_mode",
    "NotificationTopicArn": "notification_topic_arn",
}


def available_group(backend: ElastiCacheBackend, group_id: str) -> ReplicationGroup:
    """The group a change names: ReplicationGroupNotFoundFault if there is none, and
    InvalidReplicationGroupState unless it is `available` (ElastiCache takes one change at a time)."""
    purge_deleted_groups(backend)
    group = backend.replication_groups.get(group_id)
    if group is None:
        raise ReplicationGroupNotFound(group_id)
    if group.status != "available":
        raise InvalidReplicationGroupState(f"Replication group {group_id} is {group.status}, not available.")
    return group


def _modify_replication_group_response(self: ElastiCacheResponse) -> ActionResult:
    group = available_group(self.elasticache_backend, self._get_param("ReplicationGroupId"))
    for parameter, attribute in _SIMPLE_CHANGES.items():
        value = self._get_param(parameter)
        if value is not None:
            setattr(group, attribute, value)
    failover = self._get_param("AutomaticFailoverEnabled")
    if failover is not None:
        group.automatic_failover = "enabled" if _true(failover) else "disabled"
    multi_az = self._get_param("MultiAZEnabled")
    if multi_az is not None:
        if _true(multi_az) and (group.automatic_failover != "enabled" or len(group.member_clusters) < 2):
            raise InvalidParameterCombinationException("Multi-AZ requires automatic failover and at least one replica.")
        group.multi_az = "enabled" if _true(multi_az) else "disabled"
    _change_auth_token(group, self._get_param("AuthToken"), self._get_param("AuthTokenUpdateStrategy"))
    begin(group, "status", "modifying", "available", DELAY)
    return ActionResult({"ReplicationGroup": group})


def _change_auth_token(group: ReplicationGroup, token: str | None, strategy: str | None) -> None:
    if token is None and strategy is None:
        return
    strategy = strategy or "ROTATE"
    if strategy not in ("SET", "ROTATE", "DELETE"):
        raise InvalidParameterValueException(f"AuthTokenUpdateStrategy must be SET, ROTATE or DELETE, not {strategy}.")
    if strategy != "DELETE":
        if token is None or not 16 <= len(token) <= 128:
            raise InvalidParameterValueException("AuthToken must be between 16 and 128 characters.")
        if not group.transit_encryption_enabled:
            raise InvalidParameterCombinationException("AuthToken requires TransitEncryptionEnabled.")
    group.auth_token_enabled = strategy != "DELETE"
    group.auth_token_last_modified_date = utcnow()


def _true(value) -> bool:
    return value is True or str(value).lower() == "true"
