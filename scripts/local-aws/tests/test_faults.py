"""Fault injection: each protocol's own error format, counts, scoping, latency, resets."""

import json
import time
import xml.etree.ElementTree as ET

import botocore.exceptions
import pytest

from conftest import OTHER_REGION, REGION


def add_fault(control, access_key, **spec):
    return control.ok("POST", "/_tps/faults", {"accessKeyId": access_key, **spec})["id"]


def fault_state(control, fault_id):
    return next(f for f in control.ok("GET", "/_tps/faults")["faults"] if f["id"] == fault_id)


def local_name(tag: str) -> str:
    return tag.split("}", 1)[-1]


def test_throttle_json_1_0(control, access_key, raw):
    add_fault(control, access_key, service="dynamodb", action="ListTables", kind="throttle")
    status, headers, body = raw("dynamodb", REGION, "POST", "/", {
        "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0"}, b"{}")
    assert status == 400
    assert headers["x-amzn-ErrorType"].split(":")[0] == "ThrottlingException"
    assert headers["Content-Type"] == "application/x-amz-json-1.0"
    assert json.loads(body)["__type"] == "ThrottlingException"


def test_throttle_json_1_1_seen_by_an_sdk(aws, control, access_key):
    add_fault(control, access_key, service="ecs", kind="throttle", count=1)
    ecs = aws("ecs")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        ecs.list_clusters()
    assert raised.value.response["Error"]["Code"] == "ThrottlingException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    ecs.list_clusters()  # count exhausted: passes


def test_throttle_query(control, access_key, raw):
    add_fault(control, access_key, service="elasticache", kind="throttle")
    status, _, body = raw("elasticache", REGION, "POST", "/", {"Content-Type": "application/x-www-form-urlencoded"},
                          b"Action=DescribeReplicationGroups&Version=2015-02-02")
    root = ET.fromstring(body)
    assert status == 400
    assert local_name(root.tag) == "ErrorResponse"
    error = {local_name(child.tag): child.text for child in root.find("Error")}
    assert error["Code"] == "Throttling" and error["Type"] == "Sender"
    assert root.find("RequestId") is not None


def test_throttle_ec2_query(aws, control, access_key, raw):
    add_fault(control, access_key, service="ec2", action="DescribeVpcs", kind="throttle")
    status, _, body = raw("ec2", REGION, "POST", "/", {"Content-Type": "application/x-www-form-urlencoded"},
                          b"Action=DescribeVpcs&Version=2016-11-15")
    root = ET.fromstring(body)
    assert status == 503
    assert root.tag == "Response"
    assert root.find("Errors/Error/Code").text == "RequestLimitExceeded"
    assert root.find("RequestID") is not None
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        aws("ec2").describe_vpcs()
    assert raised.value.response["Error"]["Code"] == "RequestLimitExceeded"


def test_throttle_rest_xml(aws, control, access_key):
    add_fault(control, access_key, service="cloudfront", action="ListDistributions", kind="throttle")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        aws("cloudfront", "us-east-1").list_distributions()
    assert raised.value.response["Error"]["Code"] == "Throttling"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_server_errors_with_status_and_code(aws, control, access_key):
    sqs = aws("sqs")
    add_fault(control, access_key, service="sqs", action="ListQueues", kind="server-error", count=1)
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        sqs.list_queues()
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert raised.value.response["Error"]["Code"] == "InternalFailure"

    add_fault(control, access_key, service="sqs", action="ListQueues", kind="server-error", status=503, count=1)
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        sqs.list_queues()
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    assert raised.value.response["Error"]["Code"] == "ServiceUnavailable"

    add_fault(control, access_key, service="iam", kind="throttle", code="TooManyRequestsException", count=1)
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        aws("iam").list_roles()
    assert raised.value.response["Error"]["Code"] == "TooManyRequestsException"


def test_count_limits_hits_and_reports_them(aws, control, access_key):
    fault_id = add_fault(control, access_key, service="ec2", kind="throttle", count=2)
    ec2 = aws("ec2")
    for _ in range(2):
        with pytest.raises(botocore.exceptions.ClientError):
            ec2.describe_vpcs()
    ec2.describe_vpcs()
    state = fault_state(control, fault_id)
    assert (state["hits"], state["remaining"]) == (2, 0)
    log = control.ok("GET", f"/_tps/requests?accessKeyId={access_key}")["requests"]
    assert [(e["status"], e["fault"]) for e in log] == [(503, "throttle"), (503, "throttle"), (200, None)]


def test_faults_match_region_and_action_only(aws, control, access_key):
    add_fault(control, access_key, service="ec2", region=OTHER_REGION, kind="server-error")
    add_fault(control, access_key, service="ec2", action="CreateVpc", kind="server-error")
    aws("ec2", REGION).describe_vpcs()
    with pytest.raises(botocore.exceptions.ClientError):
        aws("ec2", OTHER_REGION).describe_vpcs()
    with pytest.raises(botocore.exceptions.ClientError):
        aws("ec2", REGION).create_vpc(CidrBlock="10.98.0.0/16")


def test_service_aliases(aws, control, access_key):
    add_fault(control, access_key, service="elbv2", kind="throttle", count=1)
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        aws("elbv2").describe_load_balancers()
    assert raised.value.response["Error"]["Code"] == "Throttling"


def test_latency_is_added(aws, control, access_key):
    fault_id = add_fault(control, access_key, service="sts", kind="latency", latencyMs=400)
    started = time.monotonic()
    aws("sts").get_caller_identity()
    assert time.monotonic() - started >= 0.4
    assert fault_state(control, fault_id)["hits"] == 1


def test_reset_closes_the_connection_without_an_answer(aws, control, access_key):
    add_fault(control, access_key, service="sts", kind="reset", count=1)
    sts = aws("sts")
    with pytest.raises((botocore.exceptions.ConnectionClosedError, botocore.exceptions.EndpointConnectionError)):
        sts.get_caller_identity()
    assert sts.get_caller_identity()["Account"]
    log = control.ok("GET", f"/_tps/requests?accessKeyId={access_key}")["requests"]
    assert [(e["status"], e["fault"]) for e in log] == [(0, "reset"), (200, None)]


def test_delete_one_and_all(control, access_key):
    first = add_fault(control, access_key, kind="throttle")
    add_fault(control, access_key, kind="latency", latencyMs=1)
    assert control.call("DELETE", f"/_tps/faults/{first}")[0] == 200
    assert control.call("DELETE", f"/_tps/faults/{first}")[0] == 404
    assert control.ok("DELETE", f"/_tps/faults?accessKeyId={access_key}")["removed"] == 1


@pytest.mark.parametrize("spec, field", [
    ({"kind": "explode"}, "fault.kind"),
    ({"kind": "server-error", "status": 200}, "fault.status"),
    ({"kind": "throttle", "count": 0}, "fault.count"),
    ({"kind": "latency"}, "fault.latencyMs"),
    ({"kind": "throttle", "servise": "sqs"}, "servise"),
    ({"kind": "throttle", "probability": 1.5}, "fault.probability"),
    ({"kind": "throttle", "probability": "half"}, "fault.probability"),
    ({"kind": "throttle", "probability": True}, "fault.probability"),
])
def test_bad_fault_specs_are_refused_naming_the_field(control, spec, field):
    status, payload = control.call("POST", "/_tps/faults", spec)
    assert status == 400
    assert field in payload["error"]


def test_throttle_rpc_v2_cbor(aws, control, access_key):
    add_fault(control, access_key, service="cloudwatch", action="DescribeAlarms", kind="throttle", count=1)
    cloudwatch = aws("cloudwatch")
    with pytest.raises(botocore.exceptions.ClientError) as raised:
        cloudwatch.describe_alarms()
    assert raised.value.response["Error"]["Code"] == "ThrottlingException"
    cloudwatch.describe_alarms()
    log = control.ok("GET", f"/_tps/requests?accessKeyId={access_key}")["requests"]
    assert [(e["service"], e["action"], e["status"]) for e in log] == [
        ("monitoring", "DescribeAlarms", 400), ("monitoring", "DescribeAlarms", 200)]


def test_probability_hits_about_that_share_and_a_miss_falls_through(aws, control, access_key):
    """20 % throttle, then 25 % of the rest 503 (4 % + … of all): each drawn per request."""
    throttle = add_fault(control, access_key, service="sts", kind="throttle", probability=0.2)
    unavailable = add_fault(control, access_key, service="sts", kind="server-error", status=503,
                            code="ServiceUnavailable", probability=0.25)
    never = add_fault(control, access_key, service="sts", kind="server-error", probability=0)
    sts = aws("sts")
    calls = 400
    for _ in range(calls):
        try:
            sts.get_caller_identity()
        except botocore.exceptions.ClientError:
            pass
    throttled, failed = fault_state(control, throttle)["hits"], fault_state(control, unavailable)["hits"]
    # Binomial(400, 0.2): mean 80, sd 8; the 503 rule sees only the ~320 requests the first let through.
    assert 40 <= throttled <= 120, throttled
    assert 40 <= failed <= 120, failed
    assert fault_state(control, never)["hits"] == 0
    log = control.ok("GET", f"/_tps/requests?accessKeyId={access_key}")["requests"]
    assert sum(e["fault"] == "throttle" for e in log) == throttled
    assert sum(e["fault"] == "server-error" for e in log) == failed
    assert fault_state(control, throttle)["probability"] == 0.2
