"""FIFO deduplication: per message group in high-throughput mode, for the whole interval."""

import uuid

import pytest

HIGH_THROUGHPUT = {"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}


def _queue(aws, attributes):
    sqs = aws("sqs")
    return sqs, sqs.create_queue(QueueName=f"dedup-{uuid.uuid4().hex[:8]}.fifo", Attributes=attributes)["QueueUrl"]


def _bodies(sqs, queue):
    messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, VisibilityTimeout=30).get("Messages", [])
    return sorted(m["Body"] for m in messages)


def test_one_deduplication_id_in_two_groups_is_two_messages_with_message_group_scope(aws):
    sqs, queue = _queue(aws, HIGH_THROUGHPUT)
    for group in ("a", "b"):
        sqs.send_message(QueueUrl=queue, MessageBody=group, MessageGroupId=group, MessageDeduplicationId="same")
    assert _bodies(sqs, queue) == ["a", "b"]


def test_one_deduplication_id_in_two_groups_is_one_message_with_queue_scope(aws):
    sqs, queue = _queue(aws, {"FifoQueue": "true"})
    for group in ("a", "b"):
        sqs.send_message(QueueUrl=queue, MessageBody=group, MessageGroupId=group, MessageDeduplicationId="same")
    assert _bodies(sqs, queue) == ["a"]


@pytest.mark.parametrize("attributes", [HIGH_THROUGHPUT, {"FifoQueue": "true"}])
def test_a_duplicate_of_a_deleted_message_is_accepted_but_not_delivered(aws, attributes):
    sqs, queue = _queue(aws, attributes)
    sqs.send_message(QueueUrl=queue, MessageBody="first", MessageGroupId="g", MessageDeduplicationId="d")
    [message] = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    answer = sqs.send_message(QueueUrl=queue, MessageBody="again", MessageGroupId="g", MessageDeduplicationId="d")
    assert answer["MessageId"]
    sqs.send_message(QueueUrl=queue, MessageBody="other", MessageGroupId="g", MessageDeduplicationId="e")
    assert _bodies(sqs, queue) == ["other"]


def test_content_based_deduplication_still_drops_the_same_body(aws):
    sqs, queue = _queue(aws, {"FifoQueue": "true", "ContentBasedDeduplication": "true"})
    for _ in range(2):
        sqs.send_message(QueueUrl=queue, MessageBody="same body", MessageGroupId="g")
    sqs.send_message(QueueUrl=queue, MessageBody="another body", MessageGroupId="g")
    assert _bodies(sqs, queue) == ["another body", "same body"]


def test_a_fifo_send_without_group_or_deduplication_id_is_refused(aws):
    sqs, queue = _queue(aws, {"FifoQueue": "true"})
    with pytest.raises(sqs.exceptions.ClientError) as missing_group:
        sqs.send_message(QueueUrl=queue, MessageBody="x", MessageDeduplicationId="d")
    assert "MessageGroupId" in str(missing_group.value)
    with pytest.raises(sqs.exceptions.ClientError) as missing_id:
        sqs.send_message(QueueUrl=queue, MessageBody="x", MessageGroupId="g")
    assert "ContentBasedDeduplication" in str(missing_id.value)
