"""Smaller things moto lacked that stages 00-08 rely on."""

import uuid

import botocore.exceptions
import pytest


def test_tagging_api_finds_ecr_repositories_elastic_ips_and_vpc_endpoints(aws):
    stack = f"stack-{uuid.uuid4().hex[:8]}"
    tags = [{"Key": "tps:stack", "Value": stack}]
    repository = aws("ecr").create_repository(repositoryName=f"{stack}/api", tags=tags)["repository"]["repositoryArn"]
    ec2 = aws("ec2")
    allocation = ec2.allocate_address(Domain="vpc", TagSpecifications=[{"ResourceType": "elastic-ip", "Tags": tags}])["AllocationId"]
    vpc = ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]["VpcId"]
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.ap-northeast-1.s3", VpcEndpointType="Gateway",
                                       TagSpecifications=[{"ResourceType": "vpc-endpoint", "Tags": tags}])["VpcEndpoint"]["VpcEndpointId"]
    found = aws("resourcegroupstaggingapi").get_resources(TagFilters=[{"Key": "tps:stack", "Values": [stack]}])
    arns = {r["ResourceARN"] for r in found["ResourceTagMappingList"]}
    assert repository in arns
    assert any(arn.endswith(f":elastic-ip/{allocation}") for arn in arns)
    assert any(arn.endswith(f":vpc-endpoint/{endpoint}") for arn in arns)


def test_unimplemented_actions_fail_fast_with_501(aws):
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        aws("ecs").describe_service_deployments(serviceDeploymentArns=["arn:aws:ecs:ap-northeast-1:123456789012:service-deployment/x/y/z"])
    response = raised.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["Error"]["Code"] == "NotImplemented"
    assert "DescribeServiceDeployments" in response["Error"]["Message"]


def test_iam_managed_policies_are_loaded(aws):
    policy = aws("iam").get_policy(PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    assert policy["Policy"]["PolicyName"] == "AmazonECSTaskExecutionRolePolicy"


def test_regions_are_kept_apart(aws):
    name = f"q-{uuid.uuid4().hex[:8]}"
    aws("sqs", "ap-northeast-1").create_queue(QueueName=name)
    urls = aws("sqs", "ap-northeast-2").list_queues(QueueNamePrefix=name).get("QueueUrls", [])
    assert urls == []


def test_teardown_order_is_enforced_like_aws(aws, delays):
    delays(nat_gateway=0.3)
    ec2 = aws("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.80.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.80.1.0/24")["Subnet"]["SubnetId"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    alb = ec2.create_security_group(GroupName=f"alb-{uuid.uuid4().hex[:6]}", Description="t", VpcId=vpc)["GroupId"]
    api = ec2.create_security_group(GroupName=f"api-{uuid.uuid4().hex[:6]}", Description="t", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=api, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "UserIdGroupPairs": [{"GroupId": alb}]}])
    allocation = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=subnet, AllocationId=allocation)["NatGateway"]["NatGatewayId"]

    def refused(call) -> str:
        with pytest.raises(botocore.exceptions.ClientError) as raised:
            call()
        return raised.value.response["Error"]["Code"]

    assert refused(lambda: ec2.delete_security_group(GroupId=alb)) == "DependencyViolation"
    assert refused(lambda: ec2.delete_subnet(SubnetId=subnet)) == "DependencyViolation"
    assert refused(lambda: ec2.detach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)) == "DependencyViolation"

    ec2.delete_security_group(GroupId=api)
    ec2.delete_security_group(GroupId=alb)
    ec2.delete_nat_gateway(NatGatewayId=nat)
    from conftest import wait_for
    wait_for("NAT deleted", lambda: ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"][0]["State"] == "deleted")
    ec2.release_address(AllocationId=allocation)
    ec2.detach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    ec2.delete_internet_gateway(InternetGatewayId=gateway)
    ec2.delete_subnet(SubnetId=subnet)
    ec2.delete_vpc(VpcId=vpc)


def test_repeated_creates_are_idempotent_like_aws(aws):
    ec2, elb, ecs = aws("ec2"), aws("elbv2"), aws("ecs")
    vpc = ec2.create_vpc(CidrBlock="10.90.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.90.{i}.0/24", AvailabilityZone=f"ap-northeast-1{z}")["Subnet"]["SubnetId"]
               for i, z in enumerate("ac")]
    name = f"lb-{uuid.uuid4().hex[:8]}"
    balancer = elb.create_load_balancer(Name=name, Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"]
    assert elb.create_load_balancer(Name=name, Subnets=subnets)["LoadBalancers"][0]["LoadBalancerArn"] == balancer
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elb.create_load_balancer(Name=name, Subnets=subnets[:1] + subnets[:1], Scheme="internal")
    assert raised.value.response["Error"]["Code"] == "DuplicateLoadBalancerName"

    group = elb.create_target_group(Name=name, Protocol="HTTP", Port=8080, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    assert elb.create_target_group(Name=name, Protocol="HTTP", Port=8080, VpcId=vpc, TargetType="ip")["TargetGroups"][0]["TargetGroupArn"] == group
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        elb.create_target_group(Name=name, Protocol="HTTP", Port=9090, VpcId=vpc, TargetType="ip")
    assert raised.value.response["Error"]["Code"] == "DuplicateTargetGroupName"

    action = [{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}]
    listener = elb.create_listener(LoadBalancerArn=balancer, Protocol="HTTP", Port=80, DefaultActions=action)["Listeners"][0]["ListenerArn"]
    assert elb.create_listener(LoadBalancerArn=balancer, Protocol="HTTP", Port=80, DefaultActions=action)["Listeners"][0]["ListenerArn"] == listener
    assert len(elb.describe_listeners(LoadBalancerArn=balancer)["Listeners"]) == 1

    cluster = f"c-{uuid.uuid4().hex[:8]}"
    ecs.create_cluster(clusterName=cluster)
    task = ecs.register_task_definition(family="idem", containerDefinitions=[{"name": "a", "image": "x", "memory": 128}])
    arn = task["taskDefinition"]["taskDefinitionArn"]
    first = ecs.create_service(cluster=cluster, serviceName="s", taskDefinition=arn, desiredCount=1, clientToken="t-1")
    again = ecs.create_service(cluster=cluster, serviceName="s", taskDefinition=arn, desiredCount=1, clientToken="t-1")
    assert again["service"]["serviceArn"] == first["service"]["serviceArn"]


def test_create_route_table_honours_client_token(aws):
    ec2 = aws("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.71.0.0/16")["Vpc"]["VpcId"]
    token = uuid.uuid4().hex
    first = ec2.create_route_table(VpcId=vpc, ClientToken=token)
    again = ec2.create_route_table(VpcId=vpc, ClientToken=token)
    other = ec2.create_route_table(VpcId=vpc, ClientToken=uuid.uuid4().hex)
    assert again["RouteTable"]["RouteTableId"] == first["RouteTable"]["RouteTableId"]
    assert other["RouteTable"]["RouteTableId"] != first["RouteTable"]["RouteTableId"]
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"]
    assert len(tables) == 3  # the main one, the token's, the other
