"""IncreaseReplicaCount / DecreaseReplicaCount: the same group, its nodes added or removed."""

import uuid

import botocore.exceptions
import pytest

from conftest import wait_for


def _available(elasticache, group_id: str) -> dict:
    def probe():
        group = elasticache.describe_replication_groups(ReplicationGroupId=group_id)["ReplicationGroups"][0]
        return group if group["Status"] == "available" else None
    return wait_for(f"{group_id} available", probe)


def test_replicas_change_in_place_and_refuse_what_aws_refuses(aws, delays):
    delays(elasticache_replication_group=0.3)
    elasticache = aws("elasticache")
    group_id = f"redis-{uuid.uuid4().hex[:8]}"
    elasticache.create_replication_group(ReplicationGroupId=group_id, ReplicationGroupDescription="t",
                                         NumCacheClusters=2, AutomaticFailoverEnabled=True, MultiAZEnabled=True)
    before = _available(elasticache, group_id)
    primary = before["NodeGroups"][0]["PrimaryEndpoint"]["Address"]

    changed = elasticache.increase_replica_count(ReplicationGroupId=group_id, NewReplicaCount=3,
                                                 ApplyImmediately=True)["ReplicationGroup"]
    assert changed["Status"] == "modifying"
    with pytest.raises(botocore.exceptions.ClientError) as raised:  # not while modifying
        elasticache.decrease_replica_count(ReplicationGroupId=group_id, NewReplicaCount=1, ApplyImmediately=True)
    assert raised.value.response["Error"]["Code"] == "InvalidReplicationGroupState"
    grown = _available(elasticache, group_id)
    assert len(grown["MemberClusters"]) == 4
    assert grown["MemberClusters"][0] == before["MemberClusters"][0]
    assert grown["NodeGroups"][0]["PrimaryEndpoint"]["Address"] == primary

    with pytest.raises(botocore.exceptions.ClientError) as raised:  # an increase must increase
        elasticache.increase_replica_count(ReplicationGroupId=group_id, NewReplicaCount=3, ApplyImmediately=True)
    assert raised.value.response["Error"]["Code"] == "InvalidParameterValue"
    with pytest.raises(botocore.exceptions.ClientError) as raised:  # Multi-AZ keeps a replica
        elasticache.decrease_replica_count(ReplicationGroupId=group_id, NewReplicaCount=0, ApplyImmediately=True)
    assert raised.value.response["Error"]["Code"] == "InvalidParameterCombination"

    elasticache.decrease_replica_count(ReplicationGroupId=group_id, NewReplicaCount=1, ApplyImmediately=True)
    shrunk = _available(elasticache, group_id)
    assert shrunk["MemberClusters"] == before["MemberClusters"]
    assert shrunk["ARN"] == before["ARN"]
    elasticache.delete_replication_group(ReplicationGroupId=group_id)
