"""ECS as the control plane of an attached data plane: the test plays the agent with boto3.

Nothing here waits on timers: in an attached cluster every change follows a request (an
agent report, UpdateService, StopTask), so each assertion holds on the next read.
"""

import datetime
import ipaddress
import time
import uuid

import botocore.exceptions
import pytest

from conftest import REGION, wait_for

IMAGE = "example/app@sha256:" + "0" * 64


@pytest.fixture
def attached(aws, control):
    """An attached cluster (attached before it exists, as the agent does), detached afterwards."""
    name = f"dp-{uuid.uuid4().hex[:8]}"
    answer = control.ok("POST", "/_tps/ecs/data-plane", {"region": REGION, "cluster": name})
    assert {"region": REGION, "clusterArn": f"arn:aws:ecs:{REGION}:123456789012:cluster/{name}"} in answer["attached"]
    aws("ecs").create_cluster(clusterName=name)
    yield name
    control.ok("DELETE", f"/_tps/ecs/data-plane?region={REGION}&cluster={name}")


@pytest.fixture
def vpc(aws):
    ec2, elbv2 = aws("ec2"), aws("elbv2")
    vpc_id = ec2.create_vpc(CidrBlock="10.70.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.70.{i}.0/24")["Subnet"] for i in (1, 2)]
    group = ec2.create_security_group(GroupName=f"g-{uuid.uuid4().hex[:6]}", Description="t", VpcId=vpc_id)["GroupId"]
    target_group = elbv2.create_target_group(Name=f"tg-{uuid.uuid4().hex[:8]}", Protocol="HTTP", Port=80, VpcId=vpc_id,
                                             TargetType="ip")["TargetGroups"][0]["TargetGroupArn"]
    return {
        "network": {"awsvpcConfiguration": {"subnets": [s["SubnetId"] for s in subnets], "securityGroups": [group]}},
        "cidrs": [ipaddress.ip_network(s["CidrBlock"]) for s in subnets],
        "targetGroup": target_group,
    }


def register(ecs, family: str, cpu: str = "256") -> str:
    return ecs.register_task_definition(
        family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu=cpu, memory="512",
        containerDefinitions=[{"name": "app", "image": IMAGE, "essential": True, "portMappings": [{"containerPort": 8080}]},
                              {"name": "sidecar", "image": IMAGE, "essential": False}],
    )["taskDefinition"]["taskDefinitionArn"]


class Agent:
    """What the local agent does: poll ListTasks, report task states."""

    def __init__(self, ecs, cluster: str) -> None:
        self.ecs, self.cluster = ecs, cluster

    def tasks(self, desired: str = "RUNNING", **filters) -> list[dict]:
        arns = self.ecs.list_tasks(cluster=self.cluster, desiredStatus=desired, **filters)["taskArns"]
        return self.ecs.describe_tasks(cluster=self.cluster, tasks=arns)["tasks"] if arns else []

    def task(self, arn: str) -> dict:
        return self.ecs.describe_tasks(cluster=self.cluster, tasks=[arn])["tasks"][0]

    def report(self, arn: str, status: str, **fields) -> None:
        answer = self.ecs.submit_task_state_change(cluster=self.cluster, task=arn, status=status, **fields)
        assert answer["acknowledgment"] == "ACK"

    def run(self, arn: str) -> None:
        self.report(arn, "PENDING")
        self.report(arn, "RUNNING", containers=[{"containerName": "app", "status": "RUNNING", "runtimeId": f"pid-{arn[-6:]}"}])

    def exit(self, arn: str, code: int, reason: str = "Essential container in task exited") -> None:
        self.report(arn, "STOPPED", reason=reason, containers=[{"containerName": "app", "status": "STOPPED", "exitCode": code}],
                    executionStoppedAt=datetime.datetime.now(datetime.timezone.utc))

    def new_tasks(self) -> list[dict]:
        return [t for t in self.tasks() if t["lastStatus"] == "PROVISIONING"]


def service(ecs, cluster: str, name: str) -> dict:
    return ecs.describe_services(cluster=cluster, services=[name])["services"][0]


def address(task: dict) -> str:
    details = {d["name"]: d.get("value") for d in task["attachments"][0]["details"]}
    return details["privateIPv4Address"]


def targets(elbv2, target_group: str) -> set[str]:
    return {f"{t['Target']['Id']}:{t['Target']['Port']}"
            for t in elbv2.describe_target_health(TargetGroupArn=target_group)["TargetHealthDescriptions"]}


def messages(svc: dict) -> list[str]:
    return [e["message"] for e in svc["events"]]


# --- attachment ---------------------------------------------------------------------------------

def test_attachment_control_calls(aws, control):
    name = f"dp-{uuid.uuid4().hex[:8]}"
    arn = f"arn:aws:ecs:{REGION}:123456789012:cluster/{name}"
    first = control.ok("POST", "/_tps/ecs/data-plane", {"region": REGION, "cluster": name})
    again = control.ok("POST", "/_tps/ecs/data-plane", {"cluster": arn})
    assert first == again and sum(a["clusterArn"] == arn for a in again["attached"]) == 1
    assert {"region": REGION, "clusterArn": arn} in control.ok("GET", "/_tps/ecs/data-plane")["attached"]

    for body, field in (({"cluster": name}, "data-plane.region"), ({"region": REGION}, "data-plane.cluster"),
                        ({"region": "tokyo", "cluster": name}, "data-plane.region"),
                        ({"region": REGION, "cluster": "bad name!"}, "data-plane.cluster"),
                        ({"region": "us-east-1", "cluster": arn}, "data-plane.region"), ([], "data-plane")):
        status, payload = control.call("POST", "/_tps/ecs/data-plane", body)
        assert status == 400 and payload["error"].startswith(field), (body, payload)
        assert "\n" not in payload["error"]

    removed = control.ok("DELETE", f"/_tps/ecs/data-plane?region={REGION}&cluster={name}")
    assert removed["removed"] == 1 and all(a["clusterArn"] != arn for a in removed["attached"])
    assert control.ok("DELETE", f"/_tps/ecs/data-plane?region={REGION}&cluster={name}")["removed"] == 0


def test_attachment_outlives_the_cluster(aws, delays, attached, vpc):
    delays(ecs_task=0.2)
    ecs = aws("ecs")
    ecs.delete_cluster(cluster=attached)
    ecs.create_cluster(clusterName=attached)
    task = ecs.run_task(cluster=attached, taskDefinition=register(ecs, f"j-{attached}"), launchType="FARGATE",
                        networkConfiguration=vpc["network"])["tasks"][0]
    time.sleep(0.5)  # the simulated lifecycle would have stopped it by now
    now = Agent(ecs, attached).task(task["taskArn"])
    assert (now["lastStatus"], now["desiredStatus"]) == ("PROVISIONING", "RUNNING")


def test_unattached_clusters_keep_the_simulation(aws, delays, vpc):
    delays(ecs_task=0.2)
    ecs = aws("ecs")
    name = f"sim-{uuid.uuid4().hex[:8]}"
    ecs.create_cluster(clusterName=name)
    task = ecs.run_task(cluster=name, taskDefinition=register(ecs, f"j-{name}"), launchType="FARGATE",
                        networkConfiguration=vpc["network"])["tasks"][0]
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        ecs.submit_task_state_change(cluster=name, task=task["taskArn"], status="RUNNING")
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"
    wait_for("the simulated task to stop", lambda: Agent(ecs, name).task(task["taskArn"])["lastStatus"] == "STOPPED")


# --- tasks --------------------------------------------------------------------------------------

def test_run_task_changes_only_on_agent_reports(aws, control, delays, attached, vpc):
    delays(ecs_task=0.2)
    ecs, agent = aws("ecs"), Agent(aws("ecs"), attached)
    family = f"job-{attached}"
    control.ok("POST", "/_tps/ecs/task-exit", {"family": family, "exitCode": 7})
    definition = register(ecs, family)
    run = ecs.run_task(cluster=attached, taskDefinition=definition, launchType="FARGATE", count=2,
                       networkConfiguration=vpc["network"])["tasks"]
    assert [(t["lastStatus"], t["desiredStatus"]) for t in run] == [("PROVISIONING", "RUNNING")] * 2
    addresses = [address(t) for t in run]
    assert len(set(addresses)) == 2
    assert all(any(ipaddress.ip_address(a) in cidr for cidr in vpc["cidrs"]) for a in addresses)
    assert [c["name"] for c in run[0]["containers"]] == ["app", "sidecar"]
    time.sleep(0.5)
    assert {t["lastStatus"] for t in agent.tasks()} == {"PROVISIONING"}

    first, second = (t["taskArn"] for t in run)
    pulled = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    agent.report(first, "PENDING", pullStartedAt=pulled)
    assert agent.task(first)["lastStatus"] == "PENDING"
    agent.report(first, "RUNNING", pullStoppedAt=pulled, containers=[
        {"containerName": "app", "status": "RUNNING", "runtimeId": "pid-42", "imageDigest": "sha256:" + "0" * 64}])
    running = agent.task(first)
    assert running["lastStatus"] == "RUNNING" and running["startedAt"] and running["pullStartedAt"] == pulled
    app = next(c for c in running["containers"] if c["name"] == "app")
    assert (app["lastStatus"], app["runtimeId"]) == ("RUNNING", "pid-42")

    agent.exit(first, 3, reason="Essential container in task exited")
    stopped = agent.task(first)
    assert (stopped["lastStatus"], stopped["desiredStatus"], stopped["stopCode"]) == ("STOPPED", "STOPPED", "EssentialContainerExited")
    assert next(c for c in stopped["containers"] if c["name"] == "app")["exitCode"] == 3
    assert stopped["stoppedReason"] == "Essential container in task exited" and stopped["stoppedAt"]
    agent.report(first, "RUNNING")
    assert agent.task(first)["lastStatus"] == "STOPPED", "a STOPPED task ignores later reports"

    agent.report(second, "STOPPED", reason="CannotPullContainerError: not found")
    failed = agent.task(second)
    assert (failed["stopCode"], failed["stoppedReason"]) == ("TaskFailedToStart", "CannotPullContainerError: not found")

    assert {t["taskArn"] for t in agent.tasks("STOPPED")} == {first, second}
    assert agent.tasks("RUNNING") == []
    assert control.ok("DELETE", "/_tps/ecs/task-exit")["removed"] >= 1, "the task-exit simulation was consumed"

    with pytest.raises(botocore.exceptions.ClientError) as raised:
        agent.report(first.rsplit("/", 1)[0] + "/" + str(uuid.uuid4()), "RUNNING")
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        agent.report(second, "DANCING")
    assert raised.value.response["Error"]["Code"] == "InvalidParameterException"


def test_stop_task_keeps_last_status_until_the_agent_reports(aws, attached, vpc):
    ecs, agent = aws("ecs"), Agent(aws("ecs"), attached)
    arn = ecs.run_task(cluster=attached, taskDefinition=register(ecs, f"job-{attached}"), launchType="FARGATE",
                       networkConfiguration=vpc["network"])["tasks"][0]["taskArn"]
    agent.run(arn)
    answered = ecs.stop_task(cluster=attached, task=arn, reason="test over")["task"]
    assert (answered["lastStatus"], answered["desiredStatus"], answered["stoppedReason"]) == ("RUNNING", "STOPPED", "test over")
    assert [t["taskArn"] for t in agent.tasks("STOPPED")] == [arn], "the agent finds it with desiredStatus=STOPPED"
    assert agent.tasks("RUNNING") == []
    agent.report(arn, "STOPPED", reason="exited on SIGTERM",
                 containers=[{"containerName": "app", "status": "STOPPED", "exitCode": 143}])
    done = agent.task(arn)
    assert (done["lastStatus"], done["stopCode"], done["stoppedReason"]) == ("STOPPED", "UserInitiated", "test over")
    assert next(c for c in done["containers"] if c["name"] == "app")["exitCode"] == 143

    other = ecs.run_task(cluster=attached, taskDefinition=register(ecs, f"job-{attached}"), launchType="FARGATE",
                         networkConfiguration=vpc["network"])["tasks"][0]["taskArn"]
    assert ecs.stop_task(cluster=attached, task=other)["task"]["stoppedReason"] == "Task stopped by user"
    assert agent.task(other)["lastStatus"] == "PROVISIONING"


def test_container_state_change(aws, attached, vpc):
    ecs, agent = aws("ecs"), Agent(aws("ecs"), attached)
    arn = ecs.run_task(cluster=attached, taskDefinition=register(ecs, f"job-{attached}"), launchType="FARGATE",
                       networkConfiguration=vpc["network"])["tasks"][0]["taskArn"]
    assert ecs.submit_container_state_change(cluster=attached, task=arn, containerName="sidecar", status="STOPPED",
                                             exitCode=1, reason="sidecar crashed")["acknowledgment"] == "ACK"
    sidecar = next(c for c in agent.task(arn)["containers"] if c["name"] == "sidecar")
    assert (sidecar["lastStatus"], sidecar["exitCode"], sidecar["reason"]) == ("STOPPED", 1, "sidecar crashed")
    with pytest.raises(botocore.exceptions.ClientError):
        ecs.submit_container_state_change(cluster=attached, task=arn, containerName="nope", status="RUNNING")


def test_addresses_are_unique_and_freed_when_tasks_stop(aws, attached):
    ec2, ecs = aws("ec2"), aws("ecs")
    vpc_id = ec2.create_vpc(CidrBlock="10.71.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.71.5.0/28")["Subnet"]["SubnetId"]  # 11 usable addresses
    group = ec2.create_security_group(GroupName=f"g-{uuid.uuid4().hex[:6]}", Description="t", VpcId=vpc_id)["GroupId"]
    network = {"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group]}}
    definition, agent = register(ecs, f"job-{attached}"), Agent(ecs, attached)
    run = ecs.run_task(cluster=attached, taskDefinition=definition, launchType="FARGATE", count=10,
                       networkConfiguration=network)["tasks"]
    seen = [address(t) for t in run]
    assert len(set(seen)) == 10
    assert all(ipaddress.ip_address(a) in ipaddress.ip_network("10.71.5.0/28") for a in seen)
    assert not {"10.71.5.0", "10.71.5.1", "10.71.5.2", "10.71.5.3", "10.71.5.15"} & set(seen)
    for task in run[:3]:
        agent.report(task["taskArn"], "STOPPED")
    more = ecs.run_task(cluster=attached, taskDefinition=definition, launchType="FARGATE", count=4,
                        networkConfiguration=network)["tasks"]
    live = seen[3:] + [address(t) for t in more]
    assert len(set(live)) == len(live) == 11


# --- services -----------------------------------------------------------------------------------

def create_service(ecs, cluster, vpc, name="web", desired=2, definition=None, breaker=None):
    return ecs.create_service(
        cluster=cluster, serviceName=name, taskDefinition=definition or register(ecs, f"{name}-{cluster}"),
        desiredCount=desired, launchType="FARGATE", networkConfiguration=vpc["network"],
        loadBalancers=[{"targetGroupArn": vpc["targetGroup"], "containerName": "app", "containerPort": 8080}],
        deploymentConfiguration={"deploymentCircuitBreaker": breaker or {"enable": False, "rollback": False},
                                 "maximumPercent": 200, "minimumHealthyPercent": 100},
    )["service"]


def steady(ecs, agent, cluster, name="web") -> dict:
    """Runs every task the scheduler has launched; returns the service."""
    for task in agent.new_tasks():
        agent.run(task["taskArn"])
    return service(ecs, cluster, name)


def test_service_runs_registers_targets_and_replaces_stopped_tasks(aws, delays, attached, vpc):
    delays(ecs_service=0.2)
    ecs, elbv2, agent = aws("ecs"), aws("elbv2"), Agent(aws("ecs"), attached)
    created = create_service(ecs, attached, vpc)
    time.sleep(0.4)  # the simulated rollout would have completed by now
    launched = agent.tasks(serviceName="web")
    deployment = service(ecs, attached, "web")["deployments"][0]
    assert [(t["lastStatus"], t["startedBy"], t["group"], t["launchType"]) for t in launched] == \
        [("PROVISIONING", deployment["id"], "service:web", "FARGATE")] * 2
    svc = service(ecs, attached, "web")
    assert (svc["runningCount"], svc["pendingCount"], svc["deployments"][0]["rolloutState"]) == (0, 2, "IN_PROGRESS")
    assert created["serviceName"] == "web" and targets(elbv2, vpc["targetGroup"]) == set()
    ids = sorted(t["taskArn"].rsplit("/", 1)[-1] for t in launched)
    started = next(m for m in messages(svc) if "has started" in m)
    assert started.startswith("(service web) has started 2 tasks: ") and all(f"(task {i})" in started for i in ids)

    agent.run(launched[0]["taskArn"])
    svc = service(ecs, attached, "web")
    assert (svc["runningCount"], svc["pendingCount"]) == (1, 1)
    assert targets(elbv2, vpc["targetGroup"]) == {f"{address(launched[0])}:8080"}
    agent.run(launched[1]["taskArn"])
    svc = service(ecs, attached, "web")
    assert (svc["runningCount"], svc["pendingCount"]) == (2, 0)
    assert [(d["status"], d["rolloutState"], d["runningCount"]) for d in svc["deployments"]] == [("PRIMARY", "COMPLETED", 2)]
    assert messages(svc)[0] == "(service web) has reached a steady state."
    assert targets(elbv2, vpc["targetGroup"]) == {f"{address(t)}:8080" for t in launched}

    victim = launched[0]
    ecs.stop_task(cluster=attached, task=victim["taskArn"], reason="chaos")
    assert targets(elbv2, vpc["targetGroup"]) == {f"{address(launched[1])}:8080"}, "deregistered before it stops"
    replacement = agent.new_tasks()
    assert len(replacement) == 1 and replacement[0]["taskArn"] != victim["taskArn"]
    assert address(replacement[0]) != address(launched[1])
    agent.report(victim["taskArn"], "STOPPED")
    svc = steady(ecs, agent, attached)
    assert (svc["runningCount"], svc["pendingCount"], svc["desiredCount"]) == (2, 0, 2)
    assert messages(svc)[0] == "(service web) has reached a steady state."
    assert sum(m == "(service web) has reached a steady state." for m in messages(svc)) == 2
    assert agent.task(victim["taskArn"])["stopCode"] == "UserInitiated"

    crashed = replacement[0]
    agent.exit(crashed["taskArn"], 137, reason="OutOfMemoryError: Container killed due to memory usage")
    svc = service(ecs, attached, "web")
    assert svc["deployments"][0]["failedTasks"] == 1 and svc["runningCount"] == 1
    assert (f"(service web) (task {crashed['taskArn'].rsplit('/', 1)[-1]}) failed: "
            "OutOfMemoryError: Container killed due to memory usage") in messages(svc)
    assert len(agent.new_tasks()) == 1, "a crashed task is replaced"


def test_a_stopped_load_balanced_task_is_deactivating_for_the_deregistration_delay(aws, delays, attached, vpc):
    """As ECS: RUNNING -> DEACTIVATING while its targets drain -> STOPPING -> STOPPED when the agent stops it."""
    delays(ecs_service=0.2)
    ecs, elbv2, agent = aws("ecs"), aws("elbv2"), Agent(aws("ecs"), attached)
    elbv2.modify_target_group_attributes(TargetGroupArn=vpc["targetGroup"],
                                         Attributes=[{"Key": "deregistration_delay.timeout_seconds", "Value": "1"}])
    create_service(ecs, attached, vpc, desired=1)
    time.sleep(0.3)
    steady(ecs, agent, attached)
    victim = agent.tasks(serviceName="web")[0]
    assert victim["lastStatus"] == "RUNNING"
    ecs.stop_task(cluster=attached, task=victim["taskArn"], reason="chaos")
    assert targets(elbv2, vpc["targetGroup"]) == set(), "deregistered at once"
    described = agent.task(victim["taskArn"])
    assert (described["desiredStatus"], described["lastStatus"]) == ("STOPPED", "DEACTIVATING")
    time.sleep(1.1)
    assert agent.task(victim["taskArn"])["lastStatus"] == "STOPPING", "the delay is over: the agent stops it"
    agent.report(victim["taskArn"], "STOPPED")
    assert agent.task(victim["taskArn"])["lastStatus"] == "STOPPED"


def test_deployment_waits_for_the_alb_health_checks_of_an_attached_alb_plane(aws, control, attached, vpc):
    """As ECS: a task behind a load balancer counts once its target is healthy, not when it runs."""
    ecs, elbv2, agent = aws("ecs"), aws("elbv2"), Agent(aws("ecs"), attached)
    group_name = vpc["targetGroup"].split(":")[-1].split("/")[1]
    attachment = {"region": REGION, "namePrefix": group_name}
    assert attachment in control.ok("POST", "/_tps/elbv2/data-plane", attachment)["attached"]
    try:
        create_service(ecs, attached, vpc, desired=1)
        (task,) = agent.new_tasks()
        agent.run(task["taskArn"])
        svc = service(ecs, attached, "web")
        assert (svc["runningCount"], svc["deployments"][0]["rolloutState"]) == (1, "IN_PROGRESS"), "running, not yet healthy"
        target = {"id": address(task), "port": 8080}
        control.ok("POST", "/_tps/elbv2/target-health",
                   {"targetGroupArn": vpc["targetGroup"], "targets": [{**target, "state": "initial"}]})
        assert service(ecs, attached, "web")["deployments"][0]["rolloutState"] == "IN_PROGRESS"
        control.ok("POST", "/_tps/elbv2/target-health",
                   {"targetGroupArn": vpc["targetGroup"], "targets": [{**target, "state": "healthy"}]})
        svc = service(ecs, attached, "web")
        assert svc["deployments"][0]["rolloutState"] == "COMPLETED"
        assert messages(svc)[0] == "(service web) has reached a steady state."
        status, answer = control.call("POST", "/_tps/elbv2/target-health", {"targetGroupArn": "nope", "targets": []})
        assert status == 400 and "targetGroupArn" in answer["error"]
    finally:
        control.ok("DELETE", f"/_tps/elbv2/data-plane?region={REGION}&namePrefix={group_name}")
    assert attachment not in control.ok("GET", "/_tps/elbv2/data-plane")["attached"]


def test_scale_in_deregisters_then_stops(aws, attached, vpc):
    ecs, elbv2, agent = aws("ecs"), aws("elbv2"), Agent(aws("ecs"), attached)
    create_service(ecs, attached, vpc, desired=3)
    steady(ecs, agent, attached)
    assert len(targets(elbv2, vpc["targetGroup"])) == 3

    ecs.update_service(cluster=attached, service="web", desiredCount=1)
    leaving = agent.tasks("STOPPED")
    deployment = service(ecs, attached, "web")["deployments"]
    assert len(deployment) == 1
    assert [(t["lastStatus"], t["stoppedReason"]) for t in leaving] == \
        [("DEACTIVATING", f"Scaling activity initiated by (deployment {deployment[0]['id']})")] * 2
    assert targets(elbv2, vpc["targetGroup"]) == {f"{address(t)}:8080" for t in agent.tasks()}
    assert len(agent.tasks()) == 1
    svc = service(ecs, attached, "web")
    assert svc["runningCount"] == 3, "still running until the agent reports them stopped"
    assert any(m.startswith("(service web) has stopped 2 running tasks: ") for m in messages(svc))
    for task in leaving:
        agent.report(task["taskArn"], "STOPPED", containers=[{"containerName": "app", "status": "STOPPED", "exitCode": 0}])
    assert {agent.task(t["taskArn"])["stopCode"] for t in leaving} == {"ServiceSchedulerInitiated"}
    svc = service(ecs, attached, "web")
    assert (svc["runningCount"], svc["deployments"][0]["failedTasks"]) == (1, 0)
    assert messages(svc)[0] == "(service web) has reached a steady state."


def test_new_deployment_replaces_old_tasks_once_running(aws, attached, vpc):
    ecs, elbv2, agent = aws("ecs"), aws("elbv2"), Agent(aws("ecs"), attached)
    create_service(ecs, attached, vpc)
    old = {t["taskArn"] for t in agent.tasks()}
    steady(ecs, agent, attached)
    second = register(ecs, f"web-{attached}", cpu="512")
    ecs.update_service(cluster=attached, service="web", taskDefinition=second)
    svc = service(ecs, attached, "web")
    assert [(d["status"], d["rolloutState"]) for d in svc["deployments"]] == [("PRIMARY", "IN_PROGRESS"), ("ACTIVE", "COMPLETED")]
    fresh = agent.new_tasks()
    assert {t["taskDefinitionArn"] for t in fresh} == {second} and len(fresh) == 2
    assert {t["startedBy"] for t in fresh} == {svc["deployments"][0]["id"]}

    agent.run(fresh[0]["taskArn"])
    assert {t["taskArn"] for t in agent.tasks("STOPPED")} == set(), "old tasks run until the new ones all run"
    agent.run(fresh[1]["taskArn"])
    leaving = agent.tasks("STOPPED")
    assert {t["taskArn"] for t in leaving} == old
    assert {t["stoppedReason"] for t in leaving} == {"Task stopped by deployment"}
    assert targets(elbv2, vpc["targetGroup"]) == {f"{address(t)}:8080" for t in fresh}
    svc = service(ecs, attached, "web")
    assert [d["status"] for d in svc["deployments"]] == ["PRIMARY", "ACTIVE"], "old deployment drains until its tasks stop"
    for arn in old:
        agent.report(arn, "STOPPED")
    svc = service(ecs, attached, "web")
    assert [(d["status"], d["rolloutState"], d["taskDefinition"]) for d in svc["deployments"]] == [("PRIMARY", "COMPLETED", second)]
    assert messages(svc)[:2] == ["(service web) has reached a steady state.",
                                 f"(service web) (deployment {svc['deployments'][0]['id']}) deployment completed."]


def test_circuit_breaker_fails_the_deployment_and_rolls_back(aws, attached, vpc):
    ecs, agent = aws("ecs"), Agent(aws("ecs"), attached)
    good = register(ecs, f"web-{attached}")
    create_service(ecs, attached, vpc, definition=good, breaker={"enable": True, "rollback": True})
    first = service(ecs, attached, "web")["deployments"][0]["id"]
    steady(ecs, agent, attached)
    bad = register(ecs, f"web-{attached}", cpu="512")
    ecs.update_service(cluster=attached, service="web", taskDefinition=bad)
    failing = service(ecs, attached, "web")["deployments"][0]

    for attempt in range(3):  # ECS's threshold for 2 desired tasks: max(ceil(0.5 x 2), 3) = 3
        svc = service(ecs, attached, "web")
        assert svc["deployments"][0]["id"] == failing["id"] and svc["deployments"][0]["rolloutState"] == "IN_PROGRESS"
        victim = next(t for t in agent.new_tasks() if t["taskDefinitionArn"] == bad)
        if attempt == 1:
            agent.exit(victim["taskArn"], 1, reason="CannotStartContainerError: exec format error")
        else:
            agent.run(victim["taskArn"])
            agent.exit(victim["taskArn"], 2)

    svc = service(ecs, attached, "web")
    by_id = {d["id"]: d for d in svc["deployments"]}
    assert by_id[failing["id"]]["rolloutState"] == "FAILED"
    assert by_id[failing["id"]]["rolloutStateReason"] == "ECS deployment circuit breaker: tasks failed to start."
    assert by_id[failing["id"]]["failedTasks"] == 3
    rollback = svc["deployments"][0]
    assert (rollback["status"], rollback["taskDefinition"], rollback["rolloutState"]) == ("PRIMARY", good, "IN_PROGRESS")
    assert rollback["id"] not in (first, failing["id"])
    assert svc["taskDefinition"] == good
    assert f"(service web) (deployment {failing['id']}) deployment failed: ECS deployment circuit breaker: tasks failed to start." in messages(svc)
    assert f"(service web) rolling back to deployment {first}." in messages(svc)
    assert any("failed: CannotStartContainerError: exec format error" in m for m in messages(svc))

    originals = [t["taskArn"] for t in agent.tasks() if t["startedBy"] == first]
    assert len(originals) == 2, "the last good deployment's tasks still run during the rollback"
    fresh = [t for t in agent.new_tasks() if t["startedBy"] == rollback["id"]]
    assert len(fresh) == 2 and {t["taskDefinitionArn"] for t in fresh} == {good}
    for leftover in agent.tasks():  # tasks of the failed deployment still starting
        if leftover["startedBy"] == failing["id"]:
            agent.report(leftover["taskArn"], "STOPPED")
    for task in fresh:
        agent.run(task["taskArn"])
    for arn in originals:
        agent.report(arn, "STOPPED")
    svc = service(ecs, attached, "web")
    assert [(d["id"], d["rolloutState"]) for d in svc["deployments"]] == [(rollback["id"], "COMPLETED")]
    assert svc["runningCount"] == 2


def test_circuit_breaker_without_rollback_stops_launching(aws, attached, vpc):
    ecs, agent = aws("ecs"), Agent(aws("ecs"), attached)
    create_service(ecs, attached, vpc, desired=1, breaker={"enable": True, "rollback": False})
    for _ in range(3):
        (task,) = agent.new_tasks()
        agent.exit(task["taskArn"], 1)
    svc = service(ecs, attached, "web")
    assert [(d["status"], d["rolloutState"], d["failedTasks"]) for d in svc["deployments"]] == [("PRIMARY", "FAILED", 3)]
    assert agent.tasks() == [], "a FAILED deployment launches no more tasks"


def test_delete_service_stops_its_tasks(aws, attached, vpc):
    ecs, elbv2, agent = aws("ecs"), aws("elbv2"), Agent(aws("ecs"), attached)
    create_service(ecs, attached, vpc)
    steady(ecs, agent, attached)
    deleted = ecs.delete_service(cluster=attached, service="web", force=True)["service"]
    assert deleted["status"] == "DRAINING"
    leaving = agent.tasks("STOPPED")
    assert len(leaving) == 2 and agent.tasks() == []
    assert targets(elbv2, vpc["targetGroup"]) == set()
    assert service(ecs, attached, "web")["status"] == "DRAINING"
    for task in leaving:
        agent.report(task["taskArn"], "STOPPED")
    assert service(ecs, attached, "web")["status"] == "INACTIVE"
    assert agent.tasks() == [], "no replacements for a deleted service"
    ecs.delete_cluster(cluster=attached)


def test_a_task_that_cannot_be_placed_is_an_event_not_an_error(aws, attached):
    ec2, ecs, agent = aws("ec2"), aws("ecs"), Agent(aws("ecs"), attached)
    vpc_id = ec2.create_vpc(CidrBlock="10.72.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.72.5.0/28")["Subnet"]["SubnetId"]  # 11 usable addresses
    group = ec2.create_security_group(GroupName=f"g-{uuid.uuid4().hex[:6]}", Description="t", VpcId=vpc_id)["GroupId"]
    ecs.create_service(cluster=attached, serviceName="big", taskDefinition=register(ecs, f"big-{attached}"), desiredCount=12,
                       launchType="FARGATE", networkConfiguration={"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group]}})
    svc = service(ecs, attached, "big")
    assert svc["pendingCount"] == 11 and len(agent.tasks(serviceName="big")) == 11
    assert messages(svc)[0].startswith("(service big) was unable to place a task. Reason: No free IPv4 address left in subnet")
    assert any(m.startswith("(service big) has started 11 tasks: ") for m in messages(svc))
    enis = ec2.describe_network_interfaces(Filters=[{"Name": "subnet-id", "Values": [subnet]}])["NetworkInterfaces"]
    assert len(enis) == 11, "no ENI left behind by the attempts that found no address"
    ecs.update_service(cluster=attached, service="big", desiredCount=11)
    assert len(agent.tasks(serviceName="big")) == 11 and agent.tasks("STOPPED") == []
