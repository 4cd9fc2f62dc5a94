#!/usr/bin/env python3
"""The local AWS's own ceiling on the commit path: the calls per second it answers, per action.

The commit path's reference limit (issue 14): whatever our services do, a commit costs the
emulator a SendMessage, a tenth of a ReceiveMessage and of a DeleteMessageBatch (full batches),
and the worker's conditional DeleteItem of the seat lock, so its answer rates bound the
commits/s measurable locally: `commitsPerSecond` = 1 / (1/send + 1/deleteItem + 0.1/receive +
0.1/deleteBatch), the emulator alone at full batches. Creates a high-throughput FIFO queue
(`bench-sqs-ceiling-<n>.fifo`), lifts its per-action quota for the run (POST /_tps/sqs/quotas,
its own prefix only, cleared at the end) so the figure is the emulator's cost and not the
quota, then for `seconds` each, from `threads` keep-alive connections:
  send     SendMessage, each message its own group (as commits of distinct seat sets)
  receive  ReceiveMessage of up to 10, WaitTimeSeconds 0, from the queue the sends filled
  delete   DeleteMessageBatch of the received handles, 10 per call
  deleteItem  DynamoDB DeleteItem with the worker's condition (holdId = :holdId), on a scratch
           table (`bench-ceiling-<n>`) filled beforehand
  wake-up  a long poll (WaitTimeSeconds 20) waiting on an empty queue: the time from a
           SendMessage's request to the long poll's answer, median of `wakeups` tries
Prints one JSON line. The driver is raw http.client (SigV4 credential scope only; the emulator
reads the scope, it does not verify signatures), so the driver costs little of the host.

    scripts/bench/local_aws_ceiling.py [--seconds 3] [--threads 16] [--wakeups 20]
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import threading
import time
import urllib.parse
import urllib.request
import uuid

REGION = "ap-northeast-1"
TARGETS = {"sqs": "AmazonSQS", "dynamodb": "DynamoDB_20120810"}


class Connection:
    """One keep-alive connection speaking a service's JSON protocol (sqs or dynamodb)."""

    def __init__(self, endpoint: str, service: str = "sqs") -> None:
        url = urllib.parse.urlsplit(endpoint)
        self.http = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        self.service = service
        self.authorization = (f"AWS4-HMAC-SHA256 Credential=AKIDBENCHCEILING/20260101/{REGION}/{service}/aws4_request, "
                              "SignedHeaders=host;x-amz-date, Signature=0")

    def call(self, action: str, params: dict) -> dict:
        body = json.dumps(params).encode()
        self.http.request("POST", "/", body=body, headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"{TARGETS[self.service]}.{action}",
            "Authorization": self.authorization, "X-Amz-Date": "20260101T000000Z"})
        response = self.http.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{action} answered {response.status}: {data[:200]!r}")
        return json.loads(data or b"{}")


def control(endpoint: str, method: str, path: str, body: dict | None = None) -> None:
    request = urllib.request.Request(endpoint + path, method=method, headers={"Content-Type": "application/json"},
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def timed(threads: int, seconds: float, step, service: str = "sqs") -> tuple[float, float]:
    """Runs step(connection) from `threads` threads until `seconds` pass; (calls/s, items per call)."""
    calls, items = [0] * threads, [0] * threads
    deadline = time.monotonic() + seconds
    endpoint = os.environ["TPS_LOCAL_AWS_ENDPOINT"]

    def worker(index: int) -> None:
        connection = Connection(endpoint, service)
        while time.monotonic() < deadline:
            got = step(connection)
            if got is None:
                break
            calls[index] += 1
            items[index] += got

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return sum(calls) / (time.monotonic() - started), sum(items) / max(1, sum(calls))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--wakeups", type=int, default=20)
    args = parser.parse_args()
    endpoint = os.environ["TPS_LOCAL_AWS_ENDPOINT"]
    prefix = f"bench-ceiling-{os.getpid()}"
    setup, dynamodb = Connection(endpoint), Connection(endpoint, "dynamodb")
    mode = {"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}
    url = setup.call("CreateQueue", {"QueueName": f"{prefix}.fifo", "Attributes": mode})["QueueUrl"]
    control(endpoint, "POST", "/_tps/sqs/quotas", {"queueNamePrefix": prefix, "highThroughputCallsPerSecond": 1e9})
    try:
        def send(connection: Connection) -> int:
            key = uuid.uuid4().hex
            connection.call("SendMessage", {"QueueUrl": url, "MessageBody": '{"bench":"' + key + '"}',
                                            "MessageGroupId": key, "MessageDeduplicationId": key})
            return 1

        send_rate, _ = timed(args.threads, args.seconds, send)
        handles: list[str] = []
        lock = threading.Lock()

        def receive(connection: Connection) -> int | None:
            messages = connection.call("ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": 10,
                                                          "WaitTimeSeconds": 0, "VisibilityTimeout": 600}).get("Messages", [])
            if not messages:
                return None
            with lock:
                handles.extend(m["ReceiptHandle"] for m in messages)
            return len(messages)

        receive_rate, per_receive = timed(args.threads, args.seconds, receive)

        def delete(connection: Connection) -> int | None:
            with lock:
                chunk = [handles.pop() for _ in range(min(10, len(handles)))]
            if not chunk:
                return None
            connection.call("DeleteMessageBatch", {"QueueUrl": url, "Entries": [
                {"Id": f"m{i}", "ReceiptHandle": h} for i, h in enumerate(chunk)]})
            return len(chunk)

        delete_rate, per_delete = timed(args.threads, args.seconds, delete)

        dynamodb.call("CreateTable", {"TableName": prefix, "BillingMode": "PAY_PER_REQUEST",
                                      "AttributeDefinitions": [{"AttributeName": "seatKey", "AttributeType": "S"}],
                                      "KeySchema": [{"AttributeName": "seatKey", "KeyType": "HASH"}]})
        locks = [f"evt-b#{n}" for n in range(4000)]
        for key in locks:
            dynamodb.call("PutItem", {"TableName": prefix, "Item": {"seatKey": {"S": key}, "holdId": {"S": key}}})

        def delete_item(connection: Connection) -> int | None:
            with lock:
                key = locks.pop() if locks else None
            if key is None:
                return None
            connection.call("DeleteItem", {"TableName": prefix, "Key": {"seatKey": {"S": key}},
                                           "ConditionExpression": "holdId = :holdId",
                                           "ExpressionAttributeValues": {":holdId": {"S": key}}})
            return 1

        delete_item_rate, _ = timed(args.threads, args.seconds, delete_item, "dynamodb")
        dynamodb.call("DeleteTable", {"TableName": prefix})

        # Wake-up: the queue is drained of visible messages first (the rest stay in flight).
        delays = []
        for _ in range(args.wakeups):
            result: dict = {}

            def long_poll() -> None:
                poller = Connection(endpoint)
                poller.call("ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 20,
                                               "VisibilityTimeout": 600})
                result["answered"] = time.monotonic()

            thread = threading.Thread(target=long_poll)
            thread.start()
            time.sleep(0.3)
            result["sent"] = time.monotonic()
            send(setup)
            thread.join()
            delays.append((result["answered"] - result["sent"]) * 1000)
        print(json.dumps({
            "sendPerSecond": round(send_rate), "receivePerSecond": round(receive_rate),
            "messagesPerReceive": round(per_receive, 1),
            "deleteBatchPerSecond": round(delete_rate), "messagesPerDeleteBatch": round(per_delete, 1),
            "deleteItemPerSecond": round(delete_item_rate),
            "commitsPerSecond": round(1 / (1 / send_rate + 1 / delete_item_rate + 0.1 / receive_rate + 0.1 / delete_rate), 1),
            "wakeUpMillisecondsMedian": round(statistics.median(delays), 1),
            "wakeUpMillisecondsMax": round(max(delays), 1)}))
    finally:
        control(endpoint, "DELETE", f"/_tps/sqs/quotas?queueNamePrefix={prefix}")
        setup.call("DeleteQueue", {"QueueUrl": url})


if __name__ == "__main__":
    main()
