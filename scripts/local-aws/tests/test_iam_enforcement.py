"""IAM enforcement for role-session credentials: the role's policies now, per resource ARN."""

from __future__ import annotations

import json
import re
import time
import uuid

import boto3
import botocore
import botocore.exceptions
import pytest
from botocore.config import Config

from conftest import REGION

ACCOUNT = "123456789012"
TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def policy(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action, resource="*", **extra) -> dict:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action, resource="*", **extra) -> dict:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


@pytest.fixture
def names(access_key):
    suffix = access_key.lower()[-8:]
    return lambda base: f"{base}-{suffix}"


@pytest.fixture
def session(aws, endpoint):
    """session(role_name) -> a boto3 client factory signing with credentials of an assumed role."""

    def assume(role_name: str, session_name: str = "task-1"):
        sts = aws("sts")
        credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{role_name}",
                                      RoleSessionName=session_name)["Credentials"]
        assert credentials["AccessKeyId"].startswith("ASIA")

        def client(service: str, region: str = REGION):
            return boto3.client(
                service, endpoint_url=endpoint, region_name=region,
                aws_access_key_id=credentials["AccessKeyId"],
                aws_secret_access_key=credentials["SecretAccessKey"],
                aws_session_token=credentials["SessionToken"],
                config=Config(retries={"total_max_attempts": 1, "mode": "standard"}),
            )
        client.access_key_id = credentials["AccessKeyId"]
        return client

    return assume


def denied(call) -> botocore.exceptions.ClientError:
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call()
    return caught.value


def test_secret_read_follows_the_roles_inline_policy_now(aws, control, session, names):
    iam, secrets = aws("iam"), aws("secretsmanager")
    role = names("app-task")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    mine = secrets.create_secret(Name=names("app/db"), SecretString="s3cret")["ARN"]
    other = secrets.create_secret(Name=names("other/db"), SecretString="nope")["ARN"]
    assert re.search(r"-[A-Za-z0-9]{6}$", mine)
    document = policy(allow("secretsmanager:GetSecretValue", mine))
    iam.put_role_policy(RoleName=role, PolicyName="read-secret", PolicyDocument=document)

    task = session(role)
    client = task("secretsmanager")
    assert client.get_secret_value(SecretId=mine)["SecretString"] == "s3cret"
    assert client.get_secret_value(SecretId=names("app/db"))["SecretString"] == "s3cret"  # by name → full ARN

    error = denied(lambda: client.get_secret_value(SecretId=names("other/db")))
    assert error.response["Error"]["Code"] == "AccessDeniedException"
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Error"]["Message"] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{role}/task-1 is not authorized to perform: "
        f"secretsmanager:GetSecretValue on resource: {other} because no identity-based policy allows "
        "the secretsmanager:GetSecretValue action")
    assert denied(lambda: client.describe_secret(SecretId=mine)).response["Error"]["Code"] == "AccessDeniedException"

    iam.delete_role_policy(RoleName=role, PolicyName="read-secret")
    assert denied(lambda: client.get_secret_value(SecretId=mine)).response["Error"]["Code"] == "AccessDeniedException"
    iam.put_role_policy(RoleName=role, PolicyName="read-secret", PolicyDocument=document)
    assert client.get_secret_value(SecretId=mine)["SecretString"] == "s3cret"

    log = control.ok("GET", f"/_tps/requests?accessKeyId={task.access_key_id}")["requests"]
    assert [(e["action"], e["status"]) for e in log] == [
        ("GetSecretValue", 200), ("GetSecretValue", 200), ("GetSecretValue", 400), ("DescribeSecret", 400),
        ("GetSecretValue", 400), ("GetSecretValue", 200)]


def test_sqs_is_authorized_per_queue_arn(aws, session, names):
    iam, sqs = aws("iam"), aws("sqs")
    role = names("worker")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    allowed_url = sqs.create_queue(QueueName=names("jobs"))["QueueUrl"]
    other_url = sqs.create_queue(QueueName=names("audit"))["QueueUrl"]
    iam.put_role_policy(RoleName=role, PolicyName="jobs", PolicyDocument=policy(allow(
        ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl"],
        f"arn:aws:sqs:{REGION}:{ACCOUNT}:{names('jobs')}")))

    client = session(role)("sqs")
    assert client.get_queue_url(QueueName=names("jobs"))["QueueUrl"] == allowed_url
    client.send_message(QueueUrl=allowed_url, MessageBody="hello")
    client.send_message_batch(QueueUrl=allowed_url, Entries=[{"Id": "1", "MessageBody": "batched"}])
    messages = client.receive_message(QueueUrl=allowed_url, MaxNumberOfMessages=10)["Messages"]
    client.delete_message(QueueUrl=allowed_url, ReceiptHandle=messages[0]["ReceiptHandle"])

    error = denied(lambda: client.send_message(QueueUrl=other_url, MessageBody="hello"))
    assert error.response["Error"]["Code"] == "AccessDenied"  # SQS's query-compatible code
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error.response["Error"]["Message"] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{role}/task-1 is not authorized to perform: sqs:sendmessage "
        f"on resource: arn:aws:sqs:{REGION}:{ACCOUNT}:{names('audit')} because no identity-based policy allows "
        "the sqs:sendmessage action")
    assert denied(lambda: client.send_message_batch(QueueUrl=other_url, Entries=[{"Id": "1", "MessageBody": "x"}])
                  ).response["Error"]["Code"] == "AccessDenied"
    assert denied(lambda: client.get_queue_url(QueueName=names("audit"))).response["Error"]["Code"] == "AccessDenied"
    assert denied(lambda: client.get_queue_attributes(QueueUrl=allowed_url, AttributeNames=["All"])
                  ).response["Error"]["Code"] == "AccessDenied"
    assert denied(lambda: client.list_queues()).response["Error"]["Code"] == "AccessDenied"


def test_an_explicit_deny_wins(aws, session, names):
    iam, secrets = aws("iam"), aws("secretsmanager")
    role = names("denied")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    open_arn = secrets.create_secret(Name=names("open"), SecretString="a")["ARN"]
    closed_arn = secrets.create_secret(Name=names("closed"), SecretString="b")["ARN"]
    iam.put_role_policy(RoleName=role, PolicyName="all", PolicyDocument=policy(allow("secretsmanager:*")))
    iam.put_role_policy(RoleName=role, PolicyName="not-that", PolicyDocument=policy(
        deny("secretsmanager:Get*", f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{names('closed')}-*")))

    client = session(role)("secretsmanager")
    assert client.get_secret_value(SecretId=open_arn)["SecretString"] == "a"
    client.describe_secret(SecretId=closed_arn)  # the Deny names Get* only
    error = denied(lambda: client.get_secret_value(SecretId=closed_arn))
    assert error.response["Error"]["Message"].endswith(
        f"secretsmanager:GetSecretValue on resource: {closed_arn} with an explicit deny in an identity-based policy")


def test_not_action_not_resource_and_resource_tag_conditions(aws, session, names):
    iam, secrets = aws("iam"), aws("secretsmanager")
    role = names("tagged")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    tagged = secrets.create_secret(Name=names("tagged"), SecretString="t", Tags=[{"Key": "app", "Value": "tps"}])["ARN"]
    untagged = secrets.create_secret(Name=names("untagged"), SecretString="u")["ARN"]
    iam.put_role_policy(RoleName=role, PolicyName="by-tag", PolicyDocument=policy(
        allow("secretsmanager:GetSecretValue", Condition={"StringEquals": {"secretsmanager:ResourceTag/app": "tps"}}),
        allow("secretsmanager:DescribeSecret", Condition={"StringLike": {"aws:ResourceTag/app": "t*"}}),
        allow("secretsmanager:ListSecrets", Condition={"NumericLessThan": {"aws:MultiFactorAuthAge": "60"}}),
        {"Effect": "Deny", "NotAction": "secretsmanager:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "sqs:ListQueues", "NotResource": f"arn:aws:sqs:*:*:{names('x')}"},
    ))

    task = session(role)
    client = task("secretsmanager")
    assert client.get_secret_value(SecretId=tagged)["SecretString"] == "t"
    client.describe_secret(SecretId=tagged)
    assert denied(lambda: client.get_secret_value(SecretId=untagged)).response["Error"]["Code"] == "AccessDeniedException"
    assert denied(lambda: client.describe_secret(SecretId=untagged)).response["Error"]["Code"] == "AccessDeniedException"
    # unsupported condition operator: the statement never applies
    assert denied(lambda: client.list_secrets()).response["Error"]["Code"] == "AccessDeniedException"
    # NotAction Deny: every non-Secrets-Manager action, even one an Allow names
    error = denied(lambda: task("sqs").list_queues())
    assert error.response["Error"]["Message"].endswith("with an explicit deny in an identity-based policy")


def test_the_ecs_task_execution_managed_policy_allows_logs_and_ecr_pulls(aws, session, names):
    iam, logs = aws("iam"), aws("logs")
    role = names("execution")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    group = f"/ecs/{names('api')}"
    logs.create_log_group(logGroupName=group)

    client = session(role)("logs")
    error = denied(lambda: client.create_log_stream(logGroupName=group, logStreamName="api/app/1"))
    assert error.response["Error"]["Message"] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{role}/task-1 is not authorized to perform: "
        f"logs:CreateLogStream on resource: arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{group}:log-stream:api/app/1 "
        "because no identity-based policy allows the logs:CreateLogStream action")

    iam.attach_role_policy(RoleName=role, PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    client.create_log_stream(logGroupName=group, logStreamName="api/app/1")
    client.put_log_events(logGroupName=group, logStreamName="api/app/1",
                          logEvents=[{"timestamp": int(time.time() * 1000), "message": "started"}])
    session(role)("ecr").get_authorization_token()
    # the managed policy does not grant reading secrets or creating log groups
    assert denied(lambda: session(role)("secretsmanager").get_secret_value(SecretId="absent")
                  ).response["Error"]["Code"] == "AccessDeniedException"
    error = denied(lambda: client.create_log_group(logGroupName=group + "-2"))
    assert f"log-group:{group}-2:log-stream: because" in error.response["Error"]["Message"]

    iam.detach_role_policy(RoleName=role, PolicyArn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy")
    assert denied(lambda: client.put_log_events(
        logGroupName=group, logStreamName="api/app/1",
        logEvents=[{"timestamp": int(time.time() * 1000), "message": "again"}])).response["Error"]["Code"] == "AccessDeniedException"


def test_dynamodb_tables_and_query_protocol_answers(aws, session, names):
    iam, dynamodb = aws("iam"), aws("dynamodb")
    role = names("db")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    for table in (names("orders"), names("users")):
        dynamodb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                              AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                              KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    iam.put_role_policy(RoleName=role, PolicyName="orders", PolicyDocument=policy(
        allow("dynamodb:*Item", f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{names('orders')}")))

    task = session(role)
    client = task("dynamodb")
    client.put_item(TableName=names("orders"), Item={"id": {"S": "1"}})
    error = denied(lambda: client.put_item(TableName=names("users"), Item={"id": {"S": "1"}}))
    assert error.response["Error"]["Code"] == "AccessDeniedException"
    assert f"table/{names('users')} because" in error.response["Error"]["Message"]

    # Query protocol (IAM) and CloudWatch, whose action has no resource ARN
    error = denied(lambda: task("iam").list_roles())
    assert error.response["Error"]["Code"] == "AccessDenied"
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error.response["Error"]["Message"] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{role}/task-1 is not authorized to perform: iam:ListRoles "
        "because no identity-based policy allows the iam:ListRoles action")
    error = denied(lambda: task("cloudwatch").put_metric_data(
        Namespace="TPS", MetricData=[{"MetricName": "m", "Value": 1.0}]))
    assert error.response["Error"]["Code"] == "AccessDenied"
    assert "cloudwatch:PutMetricData because" in error.response["Error"]["Message"]
    error = denied(lambda: task("ec2").describe_vpcs())
    assert error.response["Error"]["Code"] == "UnauthorizedOperation"


def test_caller_identity_and_plain_keys_are_never_denied(aws, session, names, access_key):
    iam = aws("iam")
    role = names("nothing")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)  # no policies at all
    iam.put_role_policy(RoleName=role, PolicyName="deny-all", PolicyDocument=policy(deny("*")))
    task = session(role, session_name="s-1")
    assert task("sts").get_caller_identity()["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/{role}/s-1"
    assert denied(lambda: task("sqs").list_queues()).response["Error"]["Code"] == "AccessDenied"

    # the test's own (non-session) key: allow-all, whatever the roles say
    sqs = aws("sqs")
    url = sqs.create_queue(QueueName=names("free"))["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="x")
    aws("secretsmanager").list_secrets()

    # a session of a role that does not exist (moto lets any ARN be assumed) is not enforced
    phantom = session(f"phantom-{uuid.uuid4().hex[:8]}")
    phantom("sqs").send_message(QueueUrl=url, MessageBody="y")
    # ... and a role's trust policy is not checked: TRUST names ECS tasks, the test's key assumed it


def test_a_deleted_role_denies_its_sessions(aws, session, names):
    iam = aws("iam")
    role = names("gone")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(RoleName=role, PolicyName="sqs", PolicyDocument=policy(allow("sqs:ListQueues")))
    client = session(role)("sqs")
    client.list_queues()
    iam.delete_role_policy(RoleName=role, PolicyName="sqs")
    iam.delete_role(RoleName=role)
    assert denied(lambda: client.list_queues()).response["Error"]["Code"] == "AccessDenied"


def test_web_identity_sessions_are_enforced_too(aws, endpoint, names):
    iam = aws("iam")
    role = names("ci")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(RoleName=role, PolicyName="sqs", PolicyDocument=policy(allow("sqs:ListQueues")))
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=REGION,
                       config=Config(signature_version=botocore.UNSIGNED))
    credentials = sts.assume_role_with_web_identity(
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{role}", RoleSessionName="ci-run",
        WebIdentityToken="eyJ0b2tlbiI6MX0")["Credentials"]
    make = lambda service: boto3.client(  # noqa: E731
        service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"], aws_session_token=credentials["SessionToken"])
    make("sqs").list_queues()
    error = denied(lambda: make("ecs").list_clusters())
    assert error.response["Error"]["Message"] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{role}/ci-run is not authorized to perform: ecs:ListClusters "
        "because no identity-based policy allows the ecs:ListClusters action")


def test_session_policy_and_permissions_boundary_narrow_the_role(aws, endpoint, names):
    iam = aws("iam")
    boundary = iam.create_policy(PolicyName=names("boundary"), PolicyDocument=policy(allow(["sqs:*", "ecs:*"])))
    role = names("bounded")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST,
                    PermissionsBoundary=boundary["Policy"]["Arn"])
    iam.put_role_policy(RoleName=role, PolicyName="broad", PolicyDocument=policy(allow("*")))
    credentials = aws("sts").assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/{role}", RoleSessionName="narrow",
                                         Policy=policy(allow(["sqs:*", "secretsmanager:*"])))["Credentials"]
    make = lambda service: boto3.client(  # noqa: E731
        service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"], aws_session_token=credentials["SessionToken"])
    make("sqs").list_queues()
    error = denied(lambda: make("secretsmanager").list_secrets())
    assert error.response["Error"]["Message"].endswith(
        "because no permissions boundary allows the secretsmanager:ListSecrets action")
    error = denied(lambda: make("ecs").list_clusters())
    assert error.response["Error"]["Message"].endswith("because no session policy allows the ecs:ListClusters action")


def test_iam_roles_ecs_clusters_and_services_and_ecr_tags_are_authorized_per_arn(aws, session, names):
    iam, ecs, ecr = aws("iam"), aws("ecs"), aws("ecr")
    role = names("deployer")
    iam.create_role(RoleName=role, AssumeRolePolicyDocument=TRUST)
    mine, other = names("mine"), names("other")
    for name in (mine, other):
        iam.create_role(RoleName=f"{name}-task", AssumeRolePolicyDocument=TRUST)
        ecs.create_cluster(clusterName=f"{name}-cluster")
        ecs.create_service(cluster=f"{name}-cluster", serviceName="api", desiredCount=0)
        ecr.create_repository(repositoryName=f"{name}/api")
    iam.put_role_policy(RoleName=role, PolicyName="deploy", PolicyDocument=policy(
        allow(["iam:GetRole"], f"arn:aws:iam::{ACCOUNT}:role/{mine}-*"),
        allow(["ecs:DescribeClusters", "ecs:DescribeServices", "ecs:UpdateService"],
              [f"arn:aws:ecs:*:{ACCOUNT}:cluster/{mine}-*", f"arn:aws:ecs:*:{ACCOUNT}:service/{mine}-*/*"]),
        allow(["ecr:ListTagsForResource"], f"arn:aws:ecr:*:{ACCOUNT}:repository/{mine}/*")))

    client = session(role)
    assert client("iam").get_role(RoleName=f"{mine}-task")["Role"]["RoleName"] == f"{mine}-task"
    error = denied(lambda: client("iam").get_role(RoleName=f"{other}-task"))
    assert error.response["Error"]["Code"] == "AccessDenied"
    assert f"on resource: arn:aws:iam::{ACCOUNT}:role/{other}-task" in error.response["Error"]["Message"]

    assert client("ecs").describe_clusters(clusters=[f"{mine}-cluster"])["clusters"][0]["clusterName"] == f"{mine}-cluster"
    client("ecs").describe_services(cluster=f"{mine}-cluster", services=["api"])
    client("ecs").update_service(cluster=f"{mine}-cluster", service="api", desiredCount=0)
    assert denied(lambda: client("ecs").describe_clusters(clusters=[f"{other}-cluster"])
                  ).response["Error"]["Code"] == "AccessDeniedException"
    assert denied(lambda: client("ecs").update_service(cluster=f"{other}-cluster", service="api", desiredCount=0)
                  ).response["Error"]["Code"] == "AccessDeniedException"

    arn = lambda name: f"arn:aws:ecr:{REGION}:{ACCOUNT}:repository/{name}/api"  # noqa: E731
    client("ecr").list_tags_for_resource(resourceArn=arn(mine))
    assert denied(lambda: client("ecr").list_tags_for_resource(resourceArn=arn(other))
                  ).response["Error"]["Code"] == "AccessDeniedException"
