"""Long polls wait for a deliverable message, and a FIFO group goes to one receive at a time."""

import threading
import time
import uuid
from collections import Counter

HIGH_THROUGHPUT = {"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}


def _queue(aws):
    sqs = aws("sqs")
    return sqs, sqs.create_queue(QueueName=f"poll-{uuid.uuid4().hex[:8]}.fifo", Attributes=HIGH_THROUGHPUT)["QueueUrl"]


def test_a_long_poll_on_a_busy_group_answers_the_next_message_once_the_first_is_deleted(aws):
    sqs, queue = _queue(aws)
    for body in ("first", "second"):
        sqs.send_message(QueueUrl=queue, MessageBody=body, MessageGroupId="g", MessageDeduplicationId=body)
    [first] = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=60)["Messages"]
    answered = {}

    def long_poll():
        answered["messages"] = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=15,
                                                   VisibilityTimeout=60).get("Messages", [])

    poller = threading.Thread(target=long_poll)
    poller.start()
    poller.join(1.5)
    assert poller.is_alive(), "the second message was delivered while its group was in flight"
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=first["ReceiptHandle"])
    poller.join(15)
    assert [m["Body"] for m in answered["messages"]] == ["second"]


def test_a_long_poll_answers_a_message_that_becomes_visible_again(aws):
    sqs, queue = _queue(aws)
    sqs.send_message(QueueUrl=queue, MessageBody="m", MessageGroupId="g", MessageDeduplicationId="m")
    sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, VisibilityTimeout=2)
    again = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1, WaitTimeSeconds=10,
                                AttributeNames=["ApproximateReceiveCount"]).get("Messages", [])
    assert [(m["Body"], m["Attributes"]["ApproximateReceiveCount"]) for m in again] == [("m", "2")]


def test_parallel_receives_never_hand_out_one_message_or_one_group_twice(aws):
    sqs, queue = _queue(aws)
    groups = [f"g{n}" for n in range(12)]
    for index in range(5):
        for group in groups:
            sqs.send_message(QueueUrl=queue, MessageBody=f"{group}-{index}", MessageGroupId=group,
                             MessageDeduplicationId=f"{group}-{index}")
    delivered, overlaps = [], []
    in_flight: set[str] = set()
    lock = threading.Lock()

    def consumer():
        client = aws("sqs")
        while True:
            messages = client.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                              VisibilityTimeout=60, AttributeNames=["MessageGroupId"]).get("Messages", [])
            if not messages:
                return
            batch_groups = {m["Attributes"]["MessageGroupId"] for m in messages}
            with lock:
                overlaps.extend(batch_groups & in_flight)
                in_flight.update(batch_groups)
                delivered.extend(m["Body"] for m in messages)
            time.sleep(0.05)
            with lock:
                in_flight.difference_update(batch_groups)
            client.delete_message_batch(QueueUrl=queue, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(messages)])

    threads = [threading.Thread(target=consumer) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert overlaps == []
    assert Counter(delivered) == Counter(f"{g}-{i}" for g in groups for i in range(5))
    for group in groups:
        assert [b for b in delivered if b.startswith(group + "-")] == [f"{group}-{i}" for i in range(5)]
