"""S3 for the ALB access logs: the request log names S3's REST operations, and
ModifyLoadBalancerAttributes checks the log bucket as ELB does."""

import json
import uuid

import botocore.exceptions
import pytest

from conftest import OTHER_REGION, REGION

ELB_ACCOUNT = "582318560864"  # ap-northeast-1's log-delivery account


def s3_client(aws, region=REGION):
    client = aws("s3", region)
    # Path-style, as tpsctl addresses the local endpoint.
    client.meta.config.s3 = {"addressing_style": "path"}
    return client


@pytest.fixture
def balancer(aws):
    ec2, elbv2 = aws("ec2"), aws("elbv2")
    vpc = ec2.create_vpc(CidrBlock="10.72.0.0/16")["Vpc"]["VpcId"]
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.72.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")["Subnet"]["SubnetId"]
               for i, zone in ((1, "a"), (2, "c"))]
    arn = elbv2.create_load_balancer(Name=f"al-{uuid.uuid4().hex[:8]}", Subnets=subnets, Type="application",
                                     Scheme="internet-facing")["LoadBalancers"][0]["LoadBalancerArn"]
    yield elbv2, arn
    elbv2.delete_load_balancer(LoadBalancerArn=arn)


def bucket(aws, region=REGION, policy_prefix=None, principal=None):
    s3 = s3_client(aws, region)
    name = f"alb-logs-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    if policy_prefix is not None:
        s3.put_bucket_policy(Bucket=name, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": principal or {"AWS": f"arn:aws:iam::{ELB_ACCOUNT}:root"}, "Action": "s3:PutObject",
            "Resource": f"arn:aws:s3:::{name}/{policy_prefix}AWSLogs/123456789012/*"}]}))
    return s3, name


def enable(elbv2, arn, name, prefix="logs"):
    return elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[
        {"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": name},
        {"Key": "access_logs.s3.prefix", "Value": prefix}])


def refusal(call) -> tuple[str, str]:
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        call()
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def test_request_log_names_s3_operations(aws, control, access_key):
    s3, name = bucket(aws)
    s3.put_object(Bucket=name, Key="a.log.gz", Body=b"x")
    s3.copy_object(Bucket=name, Key="b.log.gz", CopySource={"Bucket": name, "Key": "a.log.gz"})
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
        {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 7}}]})
    s3.get_bucket_lifecycle_configuration(Bucket=name)
    log = control.ok("GET", f"/_tps/requests?accessKeyId={access_key}&service=s3")["requests"]
    assert [e["action"] for e in log] == [
        "CreateBucket", "PutObject", "CopyObject", "PutBucketLifecycleConfiguration", "GetBucketLifecycleConfiguration"]


def test_enabling_access_logs_checks_the_bucket_like_elb(aws, balancer):
    elbv2, arn = balancer
    assert refusal(lambda: enable(elbv2, arn, f"missing-{uuid.uuid4().hex[:8]}"))[0] == "InvalidConfigurationRequest"
    _, elsewhere = bucket(aws, OTHER_REGION, policy_prefix="logs/")
    code, message = refusal(lambda: enable(elbv2, arn, elsewhere))
    assert code == "InvalidConfigurationRequest" and OTHER_REGION in message
    _, unpoliced = bucket(aws)
    assert refusal(lambda: enable(elbv2, arn, unpoliced)) == (
        "InvalidConfigurationRequest", f"Access Denied for bucket: {unpoliced}. Please check S3bucket permission")
    _, other_prefix = bucket(aws, policy_prefix="elsewhere/")
    assert refusal(lambda: enable(elbv2, arn, other_prefix))[1].startswith("Access Denied for bucket")
    s3, granted = bucket(aws, policy_prefix="logs/")
    assert refusal(lambda: enable(elbv2, arn, granted, prefix="x/AWSLogs"))[0] == "InvalidConfigurationRequest"
    attributes = {a["Key"]: a["Value"] for a in elbv2.describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]}
    assert attributes.get("access_logs.s3.enabled") != "true", "nothing refused was stored"

    enable(elbv2, arn, granted)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=granted).get("Contents", [])]
    assert keys == ["logs/AWSLogs/123456789012/ELBAccessLogTestFile"], "ELB writes its test file on enabling"
    # Off needs no bucket; the service principal (newer regions' form) is accepted too.
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=arn, Attributes=[{"Key": "access_logs.s3.enabled", "Value": "false"}])
    _, service = bucket(aws, policy_prefix="logs/", principal={"Service": "logdelivery.elasticloadbalancing.amazonaws.com"})
    enable(elbv2, arn, service)
