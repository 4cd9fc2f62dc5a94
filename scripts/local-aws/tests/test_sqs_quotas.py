"""SQS FIFO's quotas: the per-action rate (300/s, higher in high-throughput mode) and one
in-flight batch per message group."""

import time
import uuid

import pytest
from botocore.exceptions import ClientError

HIGH_THROUGHPUT = {"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}


@pytest.fixture
def prefix(control):
    """A queue-name prefix of this test's own, whose quota overrides are removed afterwards."""
    value = f"quota-{uuid.uuid4().hex[:8]}"
    yield value
    control.ok("DELETE", f"/_tps/sqs/quotas?queueNamePrefix={value}")


def _send(sqs, queue, n, group="g"):
    """How many of n SendMessage calls in a row were accepted before the first throttle."""
    return _timed_send(sqs, queue, n, group)[0]


def _accepted_within(sqs, queue, n, burst, rate):
    """Asserts the accepted count is the burst plus at most what refilled meanwhile, whatever
    the machine's speed: burst <= accepted <= burst + rate * elapsed + 1, and some call was throttled."""
    accepted, elapsed = _timed_send(sqs, queue, n)
    assert burst <= accepted <= burst + rate * elapsed + 1, (accepted, elapsed)
    assert accepted < n, "no call was throttled"
    return accepted


def _timed_send(sqs, queue, n, group="g"):
    started = time.monotonic()
    for i in range(n):
        try:
            sqs.send_message(QueueUrl=queue, MessageBody=str(i), MessageGroupId=group,
                             MessageDeduplicationId=uuid.uuid4().hex)
        except ClientError as error:
            assert error.response["Error"]["Code"] == "ThrottlingException"
            assert error.response["Error"]["Message"] == "Rate exceeded"
            assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
            return i, time.monotonic() - started
    return n, time.monotonic() - started


def test_default_rates_are_aws_figures(control):
    quotas = control.ok("GET", "/_tps/sqs/quotas")
    assert quotas["fifoCallsPerSecond"] == 300
    assert quotas["highThroughputCallsPerSecond"] > quotas["fifoCallsPerSecond"]


def test_a_fifo_queue_is_throttled_per_action_above_its_rate(aws, control, prefix, access_key):
    control.ok("POST", "/_tps/sqs/quotas", {"queueNamePrefix": prefix, "fifoCallsPerSecond": 5})
    sqs = aws("sqs")
    queue = sqs.create_queue(QueueName=f"{prefix}.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    standard = sqs.create_queue(QueueName=f"{prefix}-standard")["QueueUrl"]

    _accepted_within(sqs, queue, 40, burst=5, rate=5)  # one second's worth, then ThrottlingException
    # Another action has its own quota; a standard queue has none.
    assert sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1)["Messages"]
    for _ in range(20):
        sqs.send_message(QueueUrl=standard, MessageBody="x")
    log = control.ok("GET", f"/_tps/requests?accessKeyId={access_key}&action=SendMessage")["requests"]
    throttled = [r for r in log if r["fault"] == "quota"]
    assert len(throttled) == 1 and throttled[0]["status"] == 400

    time.sleep(1.0)   # the bucket refills at the rate, up to one second's worth
    assert 5 <= _send(sqs, queue, 40) < 40


def test_a_batch_counts_once(aws, control, prefix):
    control.ok("POST", "/_tps/sqs/quotas", {"queueNamePrefix": prefix, "fifoCallsPerSecond": 0.5})
    sqs = aws("sqs")
    queue = sqs.create_queue(QueueName=f"{prefix}.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    # One call every two seconds: a batch of ten passes as one call, the next call is throttled.
    entries = [{"Id": f"m{i}", "MessageBody": "x", "MessageGroupId": f"g{i}",
                "MessageDeduplicationId": uuid.uuid4().hex} for i in range(10)]
    assert len(sqs.send_message_batch(QueueUrl=queue, Entries=entries)["Successful"]) == 10
    with pytest.raises(ClientError) as raised:
        sqs.send_message(QueueUrl=queue, MessageBody="x", MessageGroupId="g", MessageDeduplicationId="d")
    assert raised.value.response["Error"]["Code"] == "ThrottlingException"
    received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    deleted = sqs.delete_message_batch(QueueUrl=queue, Entries=[
        {"Id": f"m{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(received)])
    assert len(deleted["Successful"]) == 10


def test_high_throughput_mode_has_the_higher_rate_and_applies_when_switched_in_place(aws, control, prefix):
    control.ok("POST", "/_tps/sqs/quotas",
               {"queueNamePrefix": prefix, "fifoCallsPerSecond": 2, "highThroughputCallsPerSecond": 10})
    sqs = aws("sqs")
    queue = sqs.create_queue(QueueName=f"{prefix}.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    _accepted_within(sqs, queue, 40, burst=2, rate=2)
    sqs.set_queue_attributes(QueueUrl=queue, Attributes=HIGH_THROUGHPUT)
    _accepted_within(sqs, queue, 100, burst=10, rate=10)


def test_bad_quota_settings_name_the_field(control):
    status, body = control.call("POST", "/_tps/sqs/quotas", {"fifoCallsPerSecond": 5})
    assert status == 400 and body["error"].startswith("quota.queueNamePrefix:")
    status, body = control.call("POST", "/_tps/sqs/quotas", {"queueNamePrefix": "x", "fifoCallsPerSecond": 0})
    assert status == 400 and body["error"].startswith("quota.fifoCallsPerSecond:")


def test_a_group_with_messages_in_flight_is_not_delivered_until_they_are_settled(aws):
    sqs = aws("sqs")
    name = f"inflight-{uuid.uuid4().hex[:8]}"
    queue = sqs.create_queue(QueueName=f"{name}.fifo", Attributes={"FifoQueue": "true", **HIGH_THROUGHPUT})["QueueUrl"]
    for body, group in (("a1", "a"), ("a2", "a"), ("b1", "b"), ("c1", "c")):
        sqs.send_message(QueueUrl=queue, MessageBody=body, MessageGroupId=group, MessageDeduplicationId=body)

    first = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=30)["Messages"]
    assert [m["Body"] for m in first] == ["a1"]
    # Group a has a message in flight: a second receiver gets only the other groups.
    second = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, VisibilityTimeout=30)["Messages"]
    assert sorted(m["Body"] for m in second) == ["b1", "c1"]
    assert sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", []) == []
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=first[0]["ReceiptHandle"])
    third = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in third] == ["a2"], "the group's next message, once the one before it is settled"
