"""ECS checks a service's loadBalancers against its task definition, as AWS does."""

import uuid

import botocore.exceptions
import pytest

IMAGE = "example/app@sha256:" + "0" * 64


@pytest.fixture
def setup(aws):
    ecs, ec2, elbv2 = aws("ecs"), aws("ec2"), aws("elbv2")
    cluster = f"lbp-{uuid.uuid4().hex[:8]}"
    ecs.create_cluster(clusterName=cluster)
    vpc_id = ec2.create_vpc(CidrBlock="10.71.0.0/16")["Vpc"]["VpcId"]
    # The target group's own port (80) differs from every container port on purpose: ECS
    # registers ip targets at the loadBalancers containerPort, so it is never checked.
    group = elbv2.create_target_group(Name=f"tg-{uuid.uuid4().hex[:8]}", Protocol="HTTP", Port=80, VpcId=vpc_id,
                                      TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    return ecs, cluster, group


def register(ecs, port: int) -> str:
    return ecs.register_task_definition(
        family=f"f-{uuid.uuid4().hex[:6]}", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "app", "image": IMAGE, "essential": True, "portMappings": [{"containerPort": port}]}],
    )["taskDefinition"]["taskDefinitionArn"]


def create(ecs, cluster, group, definition, name="web", container="app", port=8080):
    return ecs.create_service(cluster=cluster, serviceName=name, taskDefinition=definition, desiredCount=0,
                              launchType="FARGATE",
                              loadBalancers=[{"targetGroupArn": group, "containerName": container, "containerPort": port}])


def refusal(call) -> tuple[str, str]:
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def test_create_service_with_a_port_the_container_lacks_is_refused(setup):
    ecs, cluster, group = setup
    definition = register(ecs, 8080)
    assert refusal(lambda: create(ecs, cluster, group, definition, port=9090)) == \
        ("InvalidParameterException", "The container app did not have a container port 9090 defined.")
    assert ecs.describe_services(cluster=cluster, services=["web"])["services"] == [], "nothing created"
    assert create(ecs, cluster, group, definition, port=8080)["service"]["loadBalancers"][0]["containerPort"] == 8080


def test_create_service_naming_a_container_the_task_definition_lacks_is_refused(setup):
    ecs, cluster, group = setup
    assert refusal(lambda: create(ecs, cluster, group, register(ecs, 8080), container="web")) == \
        ("InvalidParameterException", "The container web does not exist in the task definition.")


def test_update_to_a_task_definition_without_the_port_is_refused_and_changes_nothing(setup):
    ecs, cluster, group = setup
    first = register(ecs, 8080)
    create(ecs, cluster, group, first)
    moved = register(ecs, 9090)
    assert refusal(lambda: ecs.update_service(cluster=cluster, service="web", taskDefinition=moved)) == \
        ("InvalidParameterException", "The container app did not have a container port 8080 defined.")
    assert ecs.describe_services(cluster=cluster, services=["web"])["services"][0]["taskDefinition"] == first
    # The same change with load balancers that match it is accepted.
    updated = ecs.update_service(cluster=cluster, service="web", taskDefinition=moved,
                                 loadBalancers=[{"targetGroupArn": group, "containerName": "app", "containerPort": 9090}])
    assert updated["service"]["taskDefinition"] == moved
