"""ECS: rollouts over time, failing deployments with circuit-breaker rollback, cluster rules."""

import uuid

import botocore.exceptions
import pytest

from conftest import wait_for


@pytest.fixture
def cluster(aws):
    ecs = aws("ecs")
    name = f"c-{uuid.uuid4().hex[:8]}"
    ecs.create_cluster(clusterName=name, capacityProviders=["FARGATE", "FARGATE_SPOT"],
                       settings=[{"name": "containerInsights", "value": "enabled"}])
    return name


def register(ecs, family: str, cpu: str) -> str:
    return ecs.register_task_definition(
        family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu=cpu, memory="2048",
        containerDefinitions=[{"name": "app", "image": "example/app@sha256:" + "0" * 64, "essential": True}],
    )["taskDefinition"]["taskDefinitionArn"]


def service(ecs, cluster: str, name: str) -> dict:
    return ecs.describe_services(cluster=cluster, services=[name])["services"][0]


def rollout(svc: dict) -> list[tuple]:
    return [(d["status"], d["rolloutState"]) for d in svc["deployments"]]


def test_running_count_climbs_to_desired(aws, delays, cluster):
    delays(ecs_service=1.0)
    ecs = aws("ecs")
    created = ecs.create_service(cluster=cluster, serviceName="api", taskDefinition=register(ecs, "api", "256"),
                                 desiredCount=4, launchType="FARGATE")["service"]
    assert created["runningCount"] < 4
    assert rollout(created) == [("PRIMARY", "IN_PROGRESS")]
    seen = set()

    def completed():
        svc = service(ecs, cluster, "api")
        seen.add(svc["runningCount"])
        # Steady state as ECS reports it: the rollout completed and the service-level count caught up
        # (the two are computed a moment apart within one DescribeServices answer).
        return svc["deployments"][0]["rolloutState"] == "COMPLETED" and svc["runningCount"] == 4 and svc

    final = wait_for("rollout completed", completed)
    assert final["runningCount"] == 4 and final["pendingCount"] == 0
    assert len(seen) >= 2, f"runningCount never climbed: {seen}"
    assert final["events"][0]["message"] == "(service api) has reached a steady state."


def test_new_task_definition_starts_a_new_deployment(aws, delays, cluster):
    delays(ecs_service=0.6)
    ecs = aws("ecs")
    first = register(ecs, "web", "256")
    ecs.create_service(cluster=cluster, serviceName="web", taskDefinition=first, desiredCount=2, launchType="FARGATE")
    wait_for("first rollout", lambda: rollout(service(ecs, cluster, "web")) == [("PRIMARY", "COMPLETED")])

    second = register(ecs, "web", "512")
    # family:revision, the short form; the revision grows when the suite runs again on one emulator
    updated = ecs.update_service(cluster=cluster, service="web", taskDefinition="web:" + second.rsplit(":", 1)[1])["service"]
    assert updated["taskDefinition"] == second
    assert rollout(updated) == [("PRIMARY", "IN_PROGRESS"), ("ACTIVE", "COMPLETED")]
    done = wait_for("second rollout", lambda: (lambda s: rollout(s) == [("PRIMARY", "COMPLETED")] and s)(service(ecs, cluster, "web")))
    assert done["deployments"][0]["taskDefinition"] == second

    scaled = ecs.update_service(cluster=cluster, service="web", desiredCount=3)["service"]
    assert len(scaled["deployments"]) == 1, "a desired count change alone is no new deployment"
    wait_for("scaled", lambda: service(ecs, cluster, "web")["runningCount"] == 3)


def test_failed_deployment_rolls_back_with_the_circuit_breaker(aws, control, delays, cluster):
    delays(ecs_service=0.6)
    ecs = aws("ecs")
    good = register(ecs, "pay", "256")
    ecs.create_service(cluster=cluster, serviceName="pay", taskDefinition=good, desiredCount=2, launchType="FARGATE",
                       deploymentConfiguration={"deploymentCircuitBreaker": {"enable": True, "rollback": True},
                                                "maximumPercent": 200, "minimumHealthyPercent": 100})
    wait_for("first rollout", lambda: rollout(service(ecs, cluster, "pay")) == [("PRIMARY", "COMPLETED")])

    armed = control.ok("POST", "/_tps/ecs/fail-deployment", {"service": "pay", "cluster": cluster, "reason": "exec format error"})
    assert armed == {"failingDeployments": [], "armedForNextDeployments": 1}
    ecs.update_service(cluster=cluster, service="pay", taskDefinition=register(ecs, "pay", "512"))

    def failed():
        svc = service(ecs, cluster, "pay")
        return any(d["rolloutState"] == "FAILED" for d in svc["deployments"]) and svc

    svc = wait_for("deployment failed", failed)
    failed_deployment = next(d for d in svc["deployments"] if d["rolloutState"] == "FAILED")
    assert failed_deployment["rolloutStateReason"] == "exec format error"
    assert failed_deployment["runningCount"] == 0
    messages = [e["message"] for e in svc["events"]]
    assert any("deployment failed: exec format error" in m for m in messages)
    assert any("rolling back to deployment" in m for m in messages)

    back = wait_for("rolled back", lambda: (lambda s: rollout(s) == [("PRIMARY", "COMPLETED")] and s)(service(ecs, cluster, "pay")))
    assert back["taskDefinition"] == good
    assert back["runningCount"] == 2


def test_failure_without_rollback_stays_failed(aws, control, delays, cluster):
    delays(ecs_service=0.4)
    ecs = aws("ecs")
    control.ok("POST", "/_tps/ecs/fail-deployment", {"service": "worker", "cluster": cluster})
    ecs.create_service(cluster=cluster, serviceName="worker", taskDefinition=register(ecs, "worker", "256"),
                       desiredCount=1, launchType="FARGATE")
    svc = wait_for("failed", lambda: (lambda s: s["deployments"][0]["rolloutState"] == "FAILED" and s)(service(ecs, cluster, "worker")))
    assert svc["deployments"][0]["rolloutStateReason"] == "ECS deployment circuit breaker: tasks failed to start."
    assert svc["deployments"][0]["status"] == "PRIMARY"


def test_failing_an_in_progress_deployment(aws, control, delays, cluster):
    delays(ecs_service=5.0)
    ecs = aws("ecs")
    ecs.create_service(cluster=cluster, serviceName="slow", taskDefinition=register(ecs, "slow", "256"),
                       desiredCount=2, launchType="FARGATE")
    armed = control.ok("POST", "/_tps/ecs/fail-deployment", {"service": "slow", "cluster": cluster})
    assert len(armed["failingDeployments"]) == 1 and armed["armedForNextDeployments"] == 0
    wait_for("failed", lambda: service(ecs, cluster, "slow")["deployments"][0]["rolloutState"] == "FAILED")


def test_create_service_keeps_what_moto_dropped_and_refuses_duplicates(aws, cluster):
    ecs = aws("ecs")
    task = register(ecs, "keep", "256")
    created = ecs.create_service(cluster=cluster, serviceName="keep", taskDefinition=task, desiredCount=1,
                                 launchType="FARGATE", healthCheckGracePeriodSeconds=45, enableExecuteCommand=True)["service"]
    assert created["healthCheckGracePeriodSeconds"] == 45
    assert created["deploymentConfiguration"] == {
        "deploymentCircuitBreaker": {"enable": False, "rollback": False}, "maximumPercent": 200, "minimumHealthyPercent": 100}
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        ecs.create_service(cluster=cluster, serviceName="keep", taskDefinition=task, desiredCount=1)
    assert raised.value.response["Error"]["Message"] == "Creation of service was not idempotent."


def test_cluster_settings_and_deletion_order(aws, delays, cluster):
    delays(ecs_service=0.3)
    ecs = aws("ecs")
    settings = ecs.update_cluster_settings(cluster=cluster, settings=[{"name": "containerInsights", "value": "disabled"}])
    assert settings["cluster"]["settings"] == [{"name": "containerInsights", "value": "disabled"}]
    described = ecs.describe_clusters(clusters=[cluster], include=["SETTINGS"])["clusters"][0]
    assert described["capacityProviders"] == ["FARGATE", "FARGATE_SPOT"]

    ecs.create_service(cluster=cluster, serviceName="s", taskDefinition=register(ecs, "s", "256"), desiredCount=1,
                       launchType="FARGATE")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        ecs.delete_cluster(cluster=cluster)
    assert raised.value.response["Error"]["Code"] == "ClusterContainsServicesException"
    deleted = ecs.delete_service(cluster=cluster, service="s", force=True)["service"]
    assert deleted["status"] == "DRAINING"
    wait_for("inactive", lambda: service(ecs, cluster, "s")["status"] == "INACTIVE")
    ecs.delete_cluster(cluster=cluster)


@pytest.fixture
def network(aws):
    ec2 = aws("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.60.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName=f"g-{uuid.uuid4().hex[:6]}", Description="t", VpcId=vpc)["GroupId"]
    return {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group]}}


def register_job(ecs, family: str, log_group: str) -> str:
    return ecs.register_task_definition(
        family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "app", "image": "example/worker@sha256:" + "1" * 64, "essential": True,
                               "logConfiguration": {"logDriver": "awslogs", "options": {
                                   "awslogs-group": log_group, "awslogs-region": "ap-northeast-1", "awslogs-stream-prefix": "job"}}}],
    )["taskDefinition"]["taskDefinitionArn"]


def stopped_task(ecs, cluster, arn):
    return wait_for("task stopped", lambda: (lambda t: t["lastStatus"] == "STOPPED" and t)(
        ecs.describe_tasks(cluster=cluster, tasks=[arn])["tasks"][0]))


def test_run_task_runs_exits_and_logs(aws, control, delays, cluster, network):
    delays(ecs_task=0.8)
    ecs, logs = aws("ecs"), aws("logs")
    family, group = f"migrate-{uuid.uuid4().hex[:6]}", f"/tps/test/{uuid.uuid4().hex[:6]}"
    logs.create_log_group(logGroupName=group)
    definition = register_job(ecs, family, group)
    control.ok("POST", "/_tps/ecs/task-exit", {"family": family, "exitCode": 3, "logLines": ["applied 0 migrations", "boom"]})

    task = ecs.run_task(cluster=cluster, taskDefinition=definition, launchType="FARGATE", networkConfiguration=network,
                        overrides={"containerOverrides": [{"name": "app", "command": ["migrate"]}]})["tasks"][0]
    assert task["lastStatus"] in ("PROVISIONING", "PENDING")
    seen = {task["lastStatus"]}

    def stopped():
        current = ecs.describe_tasks(cluster=cluster, tasks=[task["taskArn"]])["tasks"][0]
        seen.add(current["lastStatus"])
        return current["lastStatus"] == "STOPPED" and current

    done = wait_for("task stopped", stopped)
    assert "RUNNING" in seen
    assert (done["desiredStatus"], done["stopCode"]) == ("STOPPED", "EssentialContainerExited")
    assert done["containers"][0]["exitCode"] == 3
    stream = f"job/app/{task['taskArn'].rsplit('/', 1)[-1]}"
    events = logs.get_log_events(logGroupName=group, logStreamName=stream)["events"]
    assert [e["message"] for e in events] == ["applied 0 migrations", "boom"]

    second = ecs.run_task(cluster=cluster, taskDefinition=definition, launchType="FARGATE", networkConfiguration=network)["tasks"][0]
    assert stopped_task(ecs, cluster, second["taskArn"])["containers"][0]["exitCode"] == 0


def test_task_without_its_log_group_fails_to_start(aws, delays, cluster, network):
    delays(ecs_task=0.2)
    ecs = aws("ecs")
    definition = register_job(ecs, f"nolog-{uuid.uuid4().hex[:6]}", "/tps/missing/group")
    task = ecs.run_task(cluster=cluster, taskDefinition=definition, launchType="FARGATE", networkConfiguration=network)["tasks"][0]
    done = stopped_task(ecs, cluster, task["taskArn"])
    assert done["stopCode"] == "TaskFailedToStart"
    assert "ResourceInitializationError" in done["stoppedReason"]
    assert "exitCode" not in done["containers"][0]


def test_stop_task(aws, delays, cluster, network):
    delays(ecs_task=30)
    ecs, logs = aws("ecs"), aws("logs")
    group = f"/tps/test/{uuid.uuid4().hex[:6]}"
    logs.create_log_group(logGroupName=group)
    task = ecs.run_task(cluster=cluster, taskDefinition=register_job(ecs, "long", group), launchType="FARGATE",
                        networkConfiguration=network)["tasks"][0]
    ecs.stop_task(cluster=cluster, task=task["taskArn"], reason="test over")
    done = stopped_task(ecs, cluster, task["taskArn"])
    assert (done["stopCode"], done["stoppedReason"], done["containers"][0]["exitCode"]) == ("UserInitiated", "test over", 137)
