"""SimulatePrincipalPolicy: a role's policies now, judged per action and resource, with the
caller's context entries (what `tpsctl verify` asks about a task execution role)."""

from __future__ import annotations

import json
import uuid

import botocore.exceptions
import pytest

TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
SECRET = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:sim-app-AbCdEf"
RDS_SECRET = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!cluster-1234"
CLUSTER = "arn:aws:rds:ap-northeast-1:123456789012:cluster:sim-aurora"


def decisions(iam, role_arn, actions, resources, context=()):
    answer = iam.simulate_principal_policy(PolicySourceArn=role_arn, ActionNames=actions, ResourceArns=resources,
                                           ContextEntries=list(context))
    return {(r["EvalActionName"], r["EvalResourceName"]): r["EvalDecision"] for r in answer["EvaluationResults"]}


@pytest.fixture
def role(aws):
    iam = aws("iam")
    name = "sim-" + uuid.uuid4().hex[:10]
    arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    yield iam, name, arn
    for policy in iam.list_role_policies(RoleName=name)["PolicyNames"]:
        iam.delete_role_policy(RoleName=name, PolicyName=policy)
    iam.delete_role(RoleName=name)


def test_inline_allow_implicit_and_explicit_deny(role):
    iam, name, arn = role
    assert decisions(iam, arn, ["secretsmanager:GetSecretValue"], [SECRET]) == {
        ("secretsmanager:GetSecretValue", SECRET): "implicitDeny"}
    iam.put_role_policy(RoleName=name, PolicyName="read", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                       "Resource": "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:sim-app-??????"}]}))
    other = SECRET.replace("sim-app", "sim-other")
    assert decisions(iam, arn, ["secretsmanager:GetSecretValue"], [SECRET, other]) == {
        ("secretsmanager:GetSecretValue", SECRET): "allowed",
        ("secretsmanager:GetSecretValue", other): "implicitDeny"}
    iam.put_role_policy(RoleName=name, PolicyName="deny", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": "secretsmanager:*", "Resource": "*"}]}))
    assert decisions(iam, arn, ["secretsmanager:GetSecretValue"], [SECRET])[
        ("secretsmanager:GetSecretValue", SECRET)] == "explicitDeny"


def test_resource_tag_conditions_come_from_the_context_entries(role):
    iam, name, arn = role
    iam.put_role_policy(RoleName=name, PolicyName="rds", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                       "Resource": "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:rds!cluster-*",
                       "Condition": {"StringEquals": {
                           "secretsmanager:ResourceTag/aws:rds:primaryDBClusterArn": CLUSTER}}}]}))
    key = "secretsmanager:ResourceTag/aws:rds:primaryDBClusterArn"
    action = ("secretsmanager:GetSecretValue", RDS_SECRET)
    assert decisions(iam, arn, [action[0]], [RDS_SECRET])[action] == "implicitDeny"
    tagged = [{"ContextKeyName": key, "ContextKeyValues": [CLUSTER], "ContextKeyType": "string"}]
    assert decisions(iam, arn, [action[0]], [RDS_SECRET], tagged)[action] == "allowed"
    wrong = [{"ContextKeyName": key, "ContextKeyValues": [CLUSTER + "x"], "ContextKeyType": "string"}]
    assert decisions(iam, arn, [action[0]], [RDS_SECRET], wrong)[action] == "implicitDeny"


def test_an_unknown_role_is_no_such_entity(aws):
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        aws("iam").simulate_principal_policy(PolicySourceArn="arn:aws:iam::123456789012:role/nope-" + uuid.uuid4().hex,
                                             ActionNames=["s3:GetObject"])
    assert raised.value.response["Error"]["Code"] == "NoSuchEntity"
