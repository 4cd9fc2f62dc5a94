"""RDS Proxy calls as AWS answers them (moto 5.2.1 raises a KeyError for a missing proxy and
registers a cluster twice)."""

import uuid

import botocore.exceptions
import pytest


def _subnets(ec2, second_octet: int):
    vpc = ec2.create_vpc(CidrBlock=f"10.{second_octet}.0.0/16")["Vpc"]["VpcId"]
    return [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.{second_octet}.{i}.0/24")["Subnet"]["SubnetId"] for i in (1, 2)]


def _code(raised) -> str:
    return raised.value.response["Error"]["Code"]


def test_missing_proxy_is_not_found_on_every_call(aws):
    rds = aws("rds")
    name = f"gone-{uuid.uuid4().hex[:8]}"
    calls = [
        lambda: rds.delete_db_proxy(DBProxyName=name),
        lambda: rds.describe_db_proxy_targets(DBProxyName=name),
        lambda: rds.describe_db_proxy_target_groups(DBProxyName=name),
        lambda: rds.modify_db_proxy_target_group(DBProxyName=name, TargetGroupName="default",
                                                 ConnectionPoolConfig={"MaxConnectionsPercent": 50}),
        lambda: rds.register_db_proxy_targets(DBProxyName=name, DBClusterIdentifiers=["x"]),
        lambda: rds.deregister_db_proxy_targets(DBProxyName=name, DBClusterIdentifiers=["x"]),
    ]
    for call in calls:
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            call()
        assert _code(raised) == "DBProxyNotFoundFault"


def test_a_cluster_registers_once_and_must_exist(aws):
    rds, ec2 = aws("rds"), aws("ec2")
    subnets = _subnets(ec2, 93)
    suffix = uuid.uuid4().hex[:8]
    cluster = f"c-{suffix}"
    rds.create_db_cluster(DBClusterIdentifier=cluster, Engine="aurora-postgresql", MasterUsername="u",
                          ManageMasterUserPassword=True)
    proxy = f"p-{suffix}"
    rds.create_db_proxy(DBProxyName=proxy, EngineFamily="POSTGRESQL", RoleArn="arn:aws:iam::123456789012:role/r",
                        Auth=[{"AuthScheme": "SECRETS", "SecretArn": "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:s"}],
                        VpcSubnetIds=subnets, RequireTLS=True)
    try:
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            rds.register_db_proxy_targets(DBProxyName=proxy, DBClusterIdentifiers=[f"missing-{suffix}"])
        assert _code(raised) == "DBClusterNotFoundFault"
        rds.register_db_proxy_targets(DBProxyName=proxy, DBClusterIdentifiers=[cluster])
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            rds.register_db_proxy_targets(DBProxyName=proxy, DBClusterIdentifiers=[cluster])
        assert _code(raised) == "DBProxyTargetAlreadyRegisteredFault"
        assert len(rds.describe_db_proxy_targets(DBProxyName=proxy)["Targets"]) == 1
    finally:
        rds.delete_db_proxy(DBProxyName=proxy)
        rds.delete_db_cluster(DBClusterIdentifier=cluster, SkipFinalSnapshot=True)
