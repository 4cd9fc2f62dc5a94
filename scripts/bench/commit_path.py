"""The commit path's benchmark steps for scripts/bench-commit.sh (one subcommand each, JSON out).

  queue NAME                       a FIFO commit queue NAME.fifo in high-throughput mode, with its
                                   DLQ (redrive after 5 receives); prints {"url": …}
  table NAME                       a seat-lock table as stage 03 makes it (hash key seatKey, TTL)
  cleanup PREFIX                   deletes the queues and tables named PREFIX…
  enqueue URL EVENT FIRST COUNT old|new
                                   commits of seats FIRST…FIRST+COUNT-1 (as scripts/bench/
                                   worker-setup.sql names them), ten per SendMessageBatch, grouped
                                   by the event (old key) or by CommitMessage.messageGroupId (new)
  http CONFIRM_URL EVENT FIRST COUNT RUN
                                   the same commits through POST /confirm/commit, 64 at a time on
                                   keep-alive connections,
                                   each with a room token signed with ROOM_TOKEN_KEY (environment)
  hops CONFIRM_URL EVENT FIRST COUNT RUN
                                   the same commits one at a time, each timed hop by hop from the
                                   local AWS's request log (its answer times, this run's key) and
                                   the order's created_at: median milliseconds per hop
  wait IDEM_PREFIX COUNT TIMEOUT   polls PostgreSQL until COUNT orders exist; prints how many were
                                   decided and the rate between the first and the last order

The local AWS is reached at TPS_LOCAL_AWS_ENDPOINT with the access key id AKIDBENCHCOMMIT (its
own request log and quotas); PostgreSQL through the PG* variables, so no password is in argv.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

REGION = "ap-northeast-1"


def aws(service: str):
    return boto3.client(service, endpoint_url=os.environ["TPS_LOCAL_AWS_ENDPOINT"], region_name=REGION,
                        aws_access_key_id="AKIDBENCHCOMMIT", aws_secret_access_key="bench-secret",
                        config=Config(retries={"mode": "adaptive", "max_attempts": 10}, max_pool_connections=64))


def seat(n: int) -> str:
    return f"S01-{n:05d}"


def message(event: str, n: int, run: str) -> dict:
    """The CommitMessage of seat n, for the rows scripts/bench/worker-setup.sql made for it."""
    return {"idem": f"bench-{run}-c-{n}", "payload": {
        "intentId": str(uuid.UUID(hashlib.md5(f"i{n}".encode()).hexdigest())), "eventId": event,
        "seatIds": [seat(n)], "userId": f"u-{n}"}}


def group_id(payload: dict) -> str:
    """CommitMessage.messageGroupId, the same computation as the Swift contract."""
    seats = "\n".join(sorted(set(payload["seatIds"])))
    digest = hashlib.sha256((payload["eventId"] + "\n" + seats).encode()).hexdigest()
    return payload["eventId"] + "." + digest[:16]


def cmd_queue(name: str) -> dict:
    sqs = aws("sqs")
    mode = {"FifoQueue": "true", "DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}
    dlq = sqs.create_queue(QueueName=f"{name}-dlq.fifo", Attributes=mode)["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    url = sqs.create_queue(QueueName=f"{name}.fifo", Attributes={
        **mode, "VisibilityTimeout": "30",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": arn, "maxReceiveCount": 5})})["QueueUrl"]
    return {"url": url}


def cmd_table(name: str) -> dict:
    dynamo = aws("dynamodb")
    dynamo.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                        AttributeDefinitions=[{"AttributeName": "seatKey", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "seatKey", "KeyType": "HASH"}])
    dynamo.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiresAt"})
    return {"table": name}


def cmd_cleanup(prefix: str) -> dict:
    sqs, dynamo = aws("sqs"), aws("dynamodb")
    queues = sqs.list_queues(QueueNamePrefix=prefix).get("QueueUrls", [])
    for url in queues:
        sqs.delete_queue(QueueUrl=url)
    tables = [t for t in dynamo.list_tables()["TableNames"] if t.startswith(prefix)]
    for table in tables:
        dynamo.delete_table(TableName=table)
    return {"queues": len(queues), "tables": len(tables)}


def cmd_enqueue(url: str, event: str, first: int, count: int, key: str, run: str) -> dict:
    sqs = aws("sqs")
    numbers = list(range(first, first + count))

    def send(chunk: list[int]) -> int:
        entries = []
        for index, n in enumerate(chunk):
            body = message(event, n, run)
            entries.append({"Id": f"m{index}", "MessageBody": json.dumps(body, separators=(",", ":")),
                            "MessageGroupId": event if key == "old" else group_id(body["payload"]),
                            "MessageDeduplicationId": body["idem"]})
        result = sqs.send_message_batch(QueueUrl=url, Entries=entries)
        if result.get("Failed"):
            raise SystemExit(f"enqueue: {len(result['Failed'])} messages refused: {result['Failed'][0]}")
        return len(entries)

    chunks = [numbers[i:i + 10] for i in range(0, len(numbers), 10)]
    # One sender keeps the old key's single group in send order, as confirm-api would.
    with ThreadPoolExecutor(1 if key == "old" else 8) as pool:
        sent = sum(pool.map(send, chunks))
    return {"sent": sent}


def room_token(secret: str, user: str, event: str) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).decode().rstrip("=")
    claims = json.dumps({"eventId": event, "issuedAt": int(time.time()), "position": 1, "userId": user},
                        separators=(",", ":"), sort_keys=True)
    payload = b64(claims.encode())
    return payload + "." + b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())


def cmd_http(confirm: str, event: str, first: int, count: int, run: str) -> dict:
    secret = os.environ["ROOM_TOKEN_KEY"]
    address = urllib.parse.urlsplit(confirm)
    connections = threading.local()   # one keep-alive connection per sending thread, as a client pool

    def commit(n: int) -> int:
        body = message(event, n, run)
        if getattr(connections, "http", None) is None:
            connections.http = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        try:
            connections.http.request("POST", "/confirm/commit", body=json.dumps(body["payload"]).encode(), headers={
                "content-type": "application/json", "Idempotency-Key": body["idem"],
                "x-room-token": room_token(secret, body["payload"]["userId"], event)})
            response = connections.http.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            connections.http = None   # a broken connection: the status is not known, so it counts as refused
            return 0

    started = time.time()
    with ThreadPoolExecutor(64) as pool:
        statuses = list(pool.map(commit, range(first, first + count)))
    accepted = sum(1 for s in statuses if s == 202)
    if accepted != count:
        others = sorted({s for s in statuses if s != 202})
        raise SystemExit(f"http: {count - accepted} of {count} commits not accepted (statuses {others})")
    return {"accepted": accepted, "started": started, "sendSeconds": round(time.time() - started, 3)}


def request_log(since: int) -> list[dict]:
    url = f"{os.environ['TPS_LOCAL_AWS_ENDPOINT']}/_tps/requests?accessKeyId=AKIDBENCHCOMMIT&since={since}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())["requests"]


def cmd_hops(confirm: str, event: str, first: int, count: int, run: str) -> dict:
    """One commit at a time, on an idle worker: where a single commit's time goes."""
    secret = os.environ["ROOM_TOKEN_KEY"]
    hops: dict[str, list[float]] = {}
    since = max([0] + [e["seq"] for e in request_log(0)])
    for n in range(first, first + count):
        body = message(event, n, run)
        request = urllib.request.Request(f"{confirm}/confirm/commit", method="POST",
                                         data=json.dumps(body["payload"]).encode(), headers={
            "content-type": "application/json", "Idempotency-Key": body["idem"],
            "x-room-token": room_token(secret, body["payload"]["userId"], event)})
        asked = time.time()
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 202, f"hops: commit answered {response.status}"
        accepted = time.time()
        deadline = time.monotonic() + 30
        while True:
            entries = request_log(since)
            actions = [e["action"] for e in entries]
            # The holds are removed beside the message's deletion (HoldReleaseBacklog): wait for both.
            if ("DeleteMessageBatch" in actions and "DeleteItem" in actions) or time.monotonic() > deadline:
                break
            time.sleep(0.02)
        since = max([since] + [e["seq"] for e in entries])
        at = {}
        for entry in entries:
            at.setdefault(entry["action"], entry["time"])
        sent = at["SendMessage"]
        received = min(e["time"] for e in entries if e["action"] == "ReceiveMessage" and e["time"] >= sent)
        started = float(psql(f"SELECT extract(epoch FROM created_at) FROM orders WHERE idem = '{body['idem']}'"))
        for name, value in (("api: request → SendMessage answered", sent - asked),
                            ("api: SendMessage answered → 202 at the client", accepted - sent),
                            ("worker: SendMessage → ReceiveMessage answered (wake-up)", received - sent),
                            ("worker: ReceiveMessage → transaction start", started - received),
                            ("worker: transaction start → DeleteMessageBatch answered", at["DeleteMessageBatch"] - started),
                            ("total: request → message deleted", at["DeleteMessageBatch"] - asked),
                            ("beside it: transaction start → hold's DynamoDB DeleteItem answered", at["DeleteItem"] - started)):
            hops.setdefault(name, []).append(value * 1000)
    return {name: round(sorted(values)[len(values) // 2], 1) for name, values in hops.items()}


def psql(query: str) -> str:
    return subprocess.run(["psql", "-X", "-tA", "-c", query], check=True, capture_output=True, text=True).stdout.strip()


def cmd_wait(prefix: str, count: int, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        row = psql(f"""SELECT count(*), count(*) FILTER (WHERE status = 'confirmed'),
                              coalesce(extract(epoch FROM min(created_at)), 0), coalesce(extract(epoch FROM max(created_at)), 0)
                       FROM orders WHERE idem LIKE '{prefix}%'""")
        total, confirmed, first, last = row.split("|")
        if int(total) >= count or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    span = float(last) - float(first)
    return {"decided": int(total), "confirmed": int(confirmed), "first": float(first), "last": float(last),
            "perSecond": round((int(total) - 1) / span, 1) if span > 0 else 0.0}


def main(argv: list[str]) -> None:
    command, args = argv[0], argv[1:]
    if command == "queue":
        out = cmd_queue(args[0])
    elif command == "table":
        out = cmd_table(args[0])
    elif command == "cleanup":
        out = cmd_cleanup(args[0])
    elif command == "enqueue":
        out = cmd_enqueue(args[0], args[1], int(args[2]), int(args[3]), args[4], args[5])
    elif command == "http":
        out = cmd_http(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif command == "hops":
        out = cmd_hops(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif command == "wait":
        out = cmd_wait(args[0], int(args[1]), float(args[2]))
    else:
        raise SystemExit(f"commit_path.py: unknown command {command}")
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
