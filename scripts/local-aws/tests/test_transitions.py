"""Resources that take time: NAT gateways, VPC endpoints, RDS, ElastiCache, CloudFront."""

import uuid

import botocore.exceptions
import pytest

from conftest import wait_for


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def subnets(aws):
    ec2 = aws("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
    ids = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.50.{i}.0/24", AvailabilityZone=f"ap-northeast-1{zone}")["Subnet"]["SubnetId"]
           for i, zone in enumerate("ac")]
    return vpc, ids


def test_nat_gateway_pending_available_deleting_deleted(aws, delays, subnets):
    delays(nat_gateway=0.6)
    ec2 = aws("ec2")
    _, (subnet, _) = subnets
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    token = unique("nat")
    created = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation, ClientToken=token)["NatGateway"]
    assert created["State"] == "pending"
    again = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation, ClientToken=token)["NatGateway"]
    assert again["NatGatewayId"] == created["NatGatewayId"]

    def state():
        return ec2.describe_nat_gateways(NatGatewayIds=[created["NatGatewayId"]])["NatGateways"][0]["State"]

    wait_for("NAT gateway available", lambda: state() == "available")
    ec2.delete_nat_gateway(NatGatewayId=created["NatGatewayId"])
    assert state() == "deleting"
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        ec2.release_address(AllocationId=allocation)
    assert raised.value.response["Error"]["Code"] == "InvalidIPAddress.InUse"
    wait_for("NAT gateway deleted", lambda: state() == "deleted")
    ec2.release_address(AllocationId=allocation)


def test_nat_gateways_filter_by_tag(aws, subnets):
    ec2 = aws("ec2")
    _, (subnet, _) = subnets
    stack = unique("stack")
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation, TagSpecifications=[
        {"ResourceType": "natgateway", "Tags": [{"Key": "tps:stack", "Value": stack}]}])["NatGateway"]["NatGatewayId"]
    found = ec2.describe_nat_gateways(Filters=[{"Name": "tag:tps:stack", "Values": [stack]}])["NatGateways"]
    assert [n["NatGatewayId"] for n in found] == [nat]
    assert ec2.describe_nat_gateways(Filters=[{"Name": "tag:tps:stack", "Values": ["other"]}])["NatGateways"] == []


def test_vpc_endpoint_pending_then_available_and_idempotent(aws, delays, subnets):
    delays(vpc_endpoint=0.5)
    ec2 = aws("ec2")
    vpc, (subnet, _) = subnets
    token = unique("vpce")
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.ap-northeast-1.sqs", VpcEndpointType="Interface",
                                       SubnetIds=[subnet], ClientToken=token)["VpcEndpoint"]
    assert endpoint["State"] == "pending"
    again = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.ap-northeast-1.sqs", VpcEndpointType="Interface",
                                    SubnetIds=[subnet], ClientToken=token)["VpcEndpoint"]
    assert again["VpcEndpointId"] == endpoint["VpcEndpointId"]
    wait_for("endpoint available", lambda: ec2.describe_vpc_endpoints(
        VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"][0]["State"] == "available")


def test_rds_cluster_and_instance_create_and_delete_over_time(aws, delays, subnets):
    delays(rds_cluster=0.6, rds_instance=0.6)
    rds = aws("rds")
    _, ids = subnets
    group, cluster_id, instance_id = unique("sg"), unique("db"), unique("writer")
    rds.create_db_subnet_group(DBSubnetGroupName=group, DBSubnetGroupDescription="t", SubnetIds=ids)
    cluster = rds.create_db_cluster(
        DBClusterIdentifier=cluster_id, Engine="aurora-postgresql", EngineVersion="16.4", MasterUsername="tps",
        ManageMasterUserPassword=True, StorageEncrypted=True, DBSubnetGroupName=group,
        ServerlessV2ScalingConfiguration={"MinCapacity": 0.5, "MaxCapacity": 4})["DBCluster"]
    assert cluster["Status"] == "creating"
    assert cluster["MasterUserSecret"]["SecretArn"].startswith("arn:aws:secretsmanager:ap-northeast-1:")
    assert cluster["ServerlessV2ScalingConfiguration"] == {"MinCapacity": 0.5, "MaxCapacity": 4.0}
    instance = rds.create_db_instance(DBInstanceIdentifier=instance_id, DBClusterIdentifier=cluster_id,
                                      Engine="aurora-postgresql", DBInstanceClass="db.serverless")["DBInstance"]
    assert instance["DBInstanceStatus"] == "creating"

    def cluster_status():
        return rds.describe_db_clusters(DBClusterIdentifier=cluster_id)["DBClusters"][0]["Status"]

    def instance_status():
        try:
            return rds.describe_db_instances(DBInstanceIdentifier=instance_id)["DBInstances"][0]["DBInstanceStatus"]
        except rds.exceptions.DBInstanceNotFoundFault:
            return "gone"

    wait_for("cluster available", lambda: cluster_status() == "available")
    wait_for("instance available", lambda: instance_status() == "available")

    rds.delete_db_instance(DBInstanceIdentifier=instance_id, SkipFinalSnapshot=True)
    assert instance_status() == "deleting"
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        rds.delete_db_instance(DBInstanceIdentifier=instance_id, SkipFinalSnapshot=True)
    assert raised.value.response["Error"]["Code"] == "InvalidDBInstanceState"
    rds.delete_db_cluster(DBClusterIdentifier=cluster_id, SkipFinalSnapshot=True)
    assert cluster_status() == "deleting"
    wait_for("instance gone", lambda: instance_status() == "gone")
    wait_for("cluster gone", lambda: not rds.describe_db_clusters(
        Filters=[{"Name": "db-cluster-id", "Values": [cluster_id]}])["DBClusters"])
    rds.delete_db_subnet_group(DBSubnetGroupName=group)  # free once the cluster is gone


def test_rds_subnet_group_is_refused_while_a_cluster_uses_it(aws, subnets, delays):
    delays(rds_cluster=0.4, rds_instance=0.4)
    rds = aws("rds")
    group, cluster_id = unique("dbsg"), unique("db")
    _, ids = subnets
    rds.create_db_subnet_group(DBSubnetGroupName=group, DBSubnetGroupDescription="t", SubnetIds=ids)
    rds.create_db_cluster(DBClusterIdentifier=cluster_id, Engine="aurora-postgresql", MasterUsername="tps",
                          ManageMasterUserPassword=True, DBSubnetGroupName=group)
    instance_id = unique("writer")
    rds.create_db_instance(DBInstanceIdentifier=instance_id, DBClusterIdentifier=cluster_id,
                           Engine="aurora-postgresql", DBInstanceClass="db.serverless")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        rds.delete_db_subnet_group(DBSubnetGroupName=group)
    assert raised.value.response["Error"]["Code"] == "InvalidDBSubnetGroupStateFault"
    wait_for("cluster available", lambda: rds.describe_db_clusters(
        DBClusterIdentifier=cluster_id)["DBClusters"][0]["Status"] == "available")
    wait_for("writer available", lambda: rds.describe_db_instances(
        DBInstanceIdentifier=instance_id)["DBInstances"][0]["DBInstanceStatus"] == "available")
    rds.delete_db_instance(DBInstanceIdentifier=instance_id, SkipFinalSnapshot=True)
    rds.delete_db_cluster(DBClusterIdentifier=cluster_id, SkipFinalSnapshot=True)
    with pytest.raises(botocore.exceptions.ClientError) as raised:  # still `deleting`
        rds.delete_db_subnet_group(DBSubnetGroupName=group)
    assert raised.value.response["Error"]["Code"] == "InvalidDBSubnetGroupStateFault"
    wait_for("cluster gone", lambda: not rds.describe_db_clusters(
        Filters=[{"Name": "db-cluster-id", "Values": [cluster_id]}])["DBClusters"])
    rds.delete_db_subnet_group(DBSubnetGroupName=group)
    assert not [g for g in rds.describe_db_subnet_groups()["DBSubnetGroups"] if g["DBSubnetGroupName"] == group]


def test_rds_cluster_recreated_within_the_minute_after_its_automated_snapshots_went_with_it(aws, subnets, delays):
    """moto names a cluster's automated snapshot `rds:<cluster>-<minute>` and kept it after the
    cluster: up → down → up within one minute failed with DBClusterSnapshotAlreadyExistsFault."""
    delays(rds_cluster=0.2)
    rds = aws("rds")
    cluster_id = unique("db")

    def create():
        rds.create_db_cluster(DBClusterIdentifier=cluster_id, Engine="aurora-postgresql", MasterUsername="tps",
                              ManageMasterUserPassword=True)

    def automated():
        return [s["DBClusterSnapshotIdentifier"] for s in rds.describe_db_cluster_snapshots(
            DBClusterIdentifier=cluster_id, SnapshotType="automated")["DBClusterSnapshots"]]

    create()
    assert automated(), "moto records an automated snapshot at creation"
    rds.create_db_cluster_snapshot(DBClusterIdentifier=cluster_id, DBClusterSnapshotIdentifier=f"{cluster_id}-manual")
    rds.delete_db_cluster(DBClusterIdentifier=cluster_id, SkipFinalSnapshot=True)
    assert automated() == []
    wait_for("cluster gone", lambda: not rds.describe_db_clusters(
        Filters=[{"Name": "db-cluster-id", "Values": [cluster_id]}])["DBClusters"])
    create()  # same minute, same automated snapshot name: no DBClusterSnapshotAlreadyExistsFault
    manual = rds.describe_db_cluster_snapshots(DBClusterSnapshotIdentifier=f"{cluster_id}-manual")
    assert manual["DBClusterSnapshots"], "a manual snapshot outlives its cluster"
    rds.delete_db_cluster_snapshot(DBClusterSnapshotIdentifier=f"{cluster_id}-manual")
    rds.delete_db_cluster(DBClusterIdentifier=cluster_id, SkipFinalSnapshot=True)


def test_elasticache_replication_group_lifecycle(aws, delays):
    delays(elasticache_replication_group=0.6)
    elasticache = aws("elasticache")
    group_id = unique("redis")
    created = elasticache.create_replication_group(
        ReplicationGroupId=group_id, ReplicationGroupDescription="t", Engine="redis", CacheNodeType="cache.t4g.small",
        NumCacheClusters=2, AutomaticFailoverEnabled=True, MultiAZEnabled=True,
        TransitEncryptionEnabled=True, AtRestEncryptionEnabled=True, AuthToken="t" * 32,
        Tags=[{"Key": "tps:stack", "Value": "t"}])["ReplicationGroup"]
    assert created["Status"] == "creating"
    assert created["MemberClusters"] == [f"{group_id}-001", f"{group_id}-002"]
    assert ".apne1.cache.amazonaws.com" in created["NodeGroups"][0]["PrimaryEndpoint"]["Address"]

    def describe():
        groups = elasticache.describe_replication_groups()["ReplicationGroups"]
        return next((g for g in groups if g["ReplicationGroupId"] == group_id), None)

    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elasticache.modify_replication_group(ReplicationGroupId=group_id, SnapshotRetentionLimit=1, ApplyImmediately=True)
    assert raised.value.response["Error"]["Code"] == "InvalidReplicationGroupState"
    wait_for("group available", lambda: describe()["Status"] == "available")

    modified = elasticache.modify_replication_group(
        ReplicationGroupId=group_id, ApplyImmediately=True, SnapshotRetentionLimit=3,
        AuthToken="u" * 32, AuthTokenUpdateStrategy="ROTATE")["ReplicationGroup"]
    assert (modified["Status"], modified["SnapshotRetentionLimit"]) == ("modifying", 3)
    wait_for("group available again", lambda: describe()["Status"] == "available")

    elasticache.delete_replication_group(ReplicationGroupId=group_id)
    assert describe()["Status"] == "deleting"
    wait_for("group gone", lambda: describe() is None)


def test_elasticache_refuses_what_aws_refuses(aws):
    elasticache = aws("elasticache")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elasticache.create_replication_group(ReplicationGroupId=unique("r"), ReplicationGroupDescription="t",
                                             NumCacheClusters=1, MultiAZEnabled=True, AutomaticFailoverEnabled=True)
    assert raised.value.response["Error"]["Code"] == "InvalidParameterCombination"
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elasticache.create_replication_group(ReplicationGroupId=unique("r"), ReplicationGroupDescription="t",
                                             AuthToken="x" * 32)
    assert raised.value.response["Error"]["Code"] == "InvalidParameterCombination"


def test_cloudfront_distribution_etag_deploy_and_delete(aws, delays):
    delays(cloudfront_distribution=0.5)
    cloudfront = aws("cloudfront", "us-east-1")
    origin = {"DomainName": "alb-1.example.com", "CustomOriginConfig": {
        "HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only"}}
    config = {
        "CallerReference": unique("ref"), "Comment": "t", "Enabled": True,
        "Origins": {"Quantity": 2, "Items": [dict(origin, Id="a"), dict(origin, Id="b", DomainName="alb-2.example.com")]},
        "OriginGroups": {"Quantity": 1, "Items": [{
            "Id": "both", "FailoverCriteria": {"StatusCodes": {"Quantity": 2, "Items": [502, 503]}},
            "Members": {"Quantity": 2, "Items": [{"OriginId": "a"}, {"OriginId": "b"}]}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "both", "ViewerProtocolPolicy": "redirect-to-https",
                                 "CachePolicyId": "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"},
    }
    created = cloudfront.create_distribution(DistributionConfig=config)
    distribution_id = created["Distribution"]["Id"]
    assert created["Distribution"]["Status"] == "InProgress"
    wait_for("deployed", lambda: cloudfront.get_distribution(Id=distribution_id)["Distribution"]["Status"] == "Deployed")

    current = cloudfront.get_distribution_config(Id=distribution_id)
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.update_distribution(Id=distribution_id, IfMatch="STALE", DistributionConfig=current["DistributionConfig"])
    assert raised.value.response["Error"]["Code"] == "PreconditionFailed"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412

    disabled = dict(current["DistributionConfig"], Enabled=False)
    updated = cloudfront.update_distribution(Id=distribution_id, IfMatch=current["ETag"], DistributionConfig=disabled)
    assert updated["ETag"] != current["ETag"]
    assert updated["Distribution"]["Status"] == "InProgress"
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudfront.delete_distribution(Id=distribution_id, IfMatch=updated["ETag"])
    assert raised.value.response["Error"]["Code"] == "DistributionNotDisabled"
    wait_for("deployed again", lambda: cloudfront.get_distribution(Id=distribution_id)["Distribution"]["Status"] == "Deployed")
    cloudfront.delete_distribution(Id=distribution_id, IfMatch=updated["ETag"])


def test_delays_are_validated(control):
    status, payload = control.call("POST", "/_tps/delays", {"nat-gatway": 1})
    assert status == 400 and "nat-gatway" in payload["error"]
    status, payload = control.call("POST", "/_tps/delays", {"nat-gateway": -1})
    assert status == 400 and "delays.nat-gateway" in payload["error"]
    assert "ecs-service" in control.ok("GET", "/_tps/delays")
