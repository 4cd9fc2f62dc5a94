"""Cache subnet groups: modified and deleted as AWS does (moto 5.2.1 has neither call)."""

import uuid

import botocore.exceptions
import pytest

from conftest import wait_for


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def _two_subnets(ec2, third_octet: int):
    vpc = ec2.create_vpc(CidrBlock=f"10.{third_octet}.0.0/16")["Vpc"]["VpcId"]
    return [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{third_octet}.{i}.0/24")["Subnet"]["SubnetId"] for i in (1, 2)]


def test_subnet_group_is_modified_then_refused_while_in_use_then_deleted(aws, delays):
    delays(elasticache_replication_group=0.4)
    elasticache, ec2 = aws("elasticache"), aws("ec2")
    first, second = _two_subnets(ec2, 91)
    name = unique("cache")
    elasticache.create_cache_subnet_group(CacheSubnetGroupName=name, CacheSubnetGroupDescription="t", SubnetIds=[first])

    modified = elasticache.modify_cache_subnet_group(CacheSubnetGroupName=name, SubnetIds=[first, second])
    ids = {s["SubnetIdentifier"] for s in modified["CacheSubnetGroup"]["Subnets"]}
    assert ids == {first, second}
    described = elasticache.describe_cache_subnet_groups(CacheSubnetGroupName=name)["CacheSubnetGroups"][0]
    assert described["CacheSubnetGroupDescription"] == "t"
    assert {s["SubnetIdentifier"] for s in described["Subnets"]} == {first, second}

    group_id = unique("redis")
    elasticache.create_replication_group(ReplicationGroupId=group_id, ReplicationGroupDescription="t",
                                         CacheSubnetGroupName=name, NumCacheClusters=1)
    wait_for("group available", lambda: elasticache.describe_replication_groups(
        ReplicationGroupId=group_id)["ReplicationGroups"][0]["Status"] == "available")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elasticache.delete_cache_subnet_group(CacheSubnetGroupName=name)
    assert raised.value.response["Error"]["Code"] == "CacheSubnetGroupInUse"

    elasticache.delete_replication_group(ReplicationGroupId=group_id)
    with pytest.raises(botocore.exceptions.ClientError) as raised:  # still `deleting`
        elasticache.delete_cache_subnet_group(CacheSubnetGroupName=name)
    assert raised.value.response["Error"]["Code"] == "CacheSubnetGroupInUse"

    def deleted() -> bool:
        try:
            elasticache.delete_cache_subnet_group(CacheSubnetGroupName=name)
            return True
        except botocore.exceptions.ClientError as error:
            assert error.response["Error"]["Code"] == "CacheSubnetGroupInUse"
            return False

    wait_for("subnet group deletable", deleted)
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elasticache.describe_cache_subnet_groups(CacheSubnetGroupName=name)
    assert raised.value.response["Error"]["Code"] == "CacheSubnetGroupNotFoundFault"
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elasticache.delete_cache_subnet_group(CacheSubnetGroupName=name)
    assert raised.value.response["Error"]["Code"] == "CacheSubnetGroupNotFoundFault"
