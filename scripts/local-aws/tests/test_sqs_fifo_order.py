"""A FIFO group's messages come back in order once they are visible again."""

import json
import uuid


def _queues(aws, max_receive_count):
    sqs = aws("sqs")
    name = f"fifo-{uuid.uuid4().hex[:8]}"
    dlq = sqs.create_queue(QueueName=f"{name}-dlq.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": max_receive_count})
    queue = sqs.create_queue(QueueName=f"{name}.fifo", Attributes={"FifoQueue": "true", "RedrivePolicy": policy})["QueueUrl"]
    for body in ("first", "second"):
        sqs.send_message(QueueUrl=queue, MessageBody=body, MessageGroupId="g", MessageDeduplicationId=body)
    return sqs, queue, dlq


def test_a_group_made_visible_again_is_redelivered_in_order(aws):
    sqs, queue, _ = _queues(aws, 10)
    received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, VisibilityTimeout=0)["Messages"]
    assert [m["Body"] for m in received] == ["first", "second"]
    again = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=30)["Messages"]
    assert [m["Body"] for m in again] == ["first"]
    # The first is in flight now: the rest of its group waits.
    assert sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", []) == []


def test_dead_lettered_messages_keep_their_group_order(aws):
    sqs, queue, dlq = _queues(aws, 3)
    for _ in range(6):
        sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, VisibilityTimeout=0)
    letters = sqs.receive_message(QueueUrl=dlq, MaxNumberOfMessages=10, VisibilityTimeout=0)["Messages"]
    assert [m["Body"] for m in letters] == ["first", "second"]
