#!/usr/bin/env python3
"""The local AWS's own SQS ceiling: how many calls per second it answers, per action, on this host.

The commit path's reference limit (issue 14): whatever our services do, a commit costs the
emulator a SendMessage, a share of a ReceiveMessage and of a DeleteMessageBatch, so its answer
rate bounds the commits/s measurable locally. Creates a high-throughput FIFO queue
(`bench-sqs-ceiling-<n>.fifo`), lifts its per-action quota for the run (POST /_tps/sqs/quotas,
its own prefix only, cleared at the end) so the figure is the emulator's cost and not the
quota, then for `seconds` each, from `threads` keep-alive connections:
  send     SendMessage, each message its own group (as commits of distinct seat sets)
  receive  ReceiveMessage of up to 10, WaitTimeSeconds 0, from the queue the sends filled
  delete   DeleteMessageBatch of the received handles, 10 per call
  wake-up  a long poll (WaitTimeSeconds 20) waiting on an empty queue: the time from a
           SendMessage's request to the long poll's answer, median of `wakeups` tries
Prints one JSON line. The driver is raw http.client (SigV4 credential scope only; the emulator
reads the scope, it does not verify signatures), so the driver costs little of the host.

    scripts/bench/sqs_ceiling.py [--seconds 3] [--threads 16] [--wakeups 20]
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
AUTHORIZATION = (f"AWS4-HMAC-SHA256 Credential=AKIDBENCHSQSCEILING/20260101/{REGION}/sqs/aws4_request, "
                 "SignedHeaders=host;x-amz-date, Signature=0")


class Connection:
    """One keep-alive connection speaking SQS's JSON protocol."""

    def __init__(self, endpoint: str) -> None:
        url = urllib.parse.urlsplit(endpoint)
        self.http = http.client.HTTPConnection(url.hostname, url.port, timeout=60)

    def call(self, action: str, params: dict) -> dict:
        body = json.dumps(params).encode()
        self.http.request("POST", "/", body=body, headers={
            "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AmazonSQS.{action}",
            "Authorization": AUTHORIZATION, "X-Amz-Date": "20260101T000000Z"})
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


def timed(threads: int, seconds: float, step) -> tuple[float, float]:
    """Runs step(connection) from `threads` threads until `seconds` pass; (calls/s, items per call)."""
    calls, items = [0] * threads, [0] * threads
    deadline = time.monotonic() + seconds
    endpoint = os.environ["TPS_LOCAL_AWS_ENDPOINT"]

    def worker(index: int) -> None:
        connection = Connection(endpoint)
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
    prefix = f"bench-sqs-ceiling-{os.getpid()}"
    setup = Connection(endpoint)
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
            "wakeUpMillisecondsMedian": round(statistics.median(delays), 1),
            "wakeUpMillisecondsMax": round(max(delays), 1)}))
    finally:
        control(endpoint, "DELETE", f"/_tps/sqs/quotas?queueNamePrefix={prefix}")
        setup.call("DeleteQueue", {"QueueUrl": url})


if __name__ == "__main__":
    main()
