#!/usr/bin/env python3
"""The seat-lock table's write ceiling in the local AWS, before and after warm throughput.

Creates a scratch on-demand table (`tps-bench-ceiling-<n>`), enables the local AWS's DynamoDB
throughput rule on it (POST /_tps/dynamodb/throughput, `scale` as given), and for `seconds` each
sends conditional PutItems as the holds do, from `threads` threads: first as a new table (4,000
write units/s on AWS), then after UpdateTable WarmThroughput for `holds` holds/s (2 writes each).
Prints JSON: accepted and throttled writes per second of each run, and the ratio. Deletes the
table and the rule at the end. Needs TPS_LOCAL_AWS_ENDPOINT and credentials (.testenv/env).

    scripts/bench/dynamodb_ceiling.py [--scale 0.005] [--seconds 3] [--threads 8] [--holds 10000]
"""
import argparse
import json
import os
import threading
import time
import urllib.request
import uuid

import boto3
from botocore.config import Config


def control(endpoint, method, path, body=None):
    request = urllib.request.Request(endpoint + path, method=method, headers={"Content-Type": "application/json"},
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def run(client, table, seconds, threads):
    counts = {"accepted": 0, "throttled": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        while time.monotonic() < deadline:
            key = f"evt-b#{uuid.uuid4().hex}"
            try:
                client.put_item(TableName=table, Item={"seatKey": {"S": key}, "expiresAt": {"N": "9999999999"}},
                                ConditionExpression="attribute_not_exists(seatKey) OR expiresAt < :now",
                                ExpressionAttributeValues={":now": {"N": str(int(time.time()))}})
                outcome = "accepted"
            except client.exceptions.ProvisionedThroughputExceededException:
                outcome = "throttled"
            with lock:
                counts[outcome] += 1

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return {k: round(v / seconds, 1) for k, v in counts.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.005)
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--holds", type=int, default=10000)
    args = parser.parse_args()
    endpoint = os.environ["TPS_LOCAL_AWS_ENDPOINT"].rstrip("/")
    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="ap-northeast-1",
                          config=Config(retries={"total_max_attempts": 1}, max_pool_connections=args.threads))
    table = f"tps-bench-ceiling-{uuid.uuid4().hex[:8]}"
    client.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                        AttributeDefinitions=[{"AttributeName": "seatKey", "AttributeType": "S"}],
                        KeySchema=[{"AttributeName": "seatKey", "KeyType": "HASH"}])
    control(endpoint, "POST", "/_tps/dynamodb/throughput", {"tablePrefix": table, "scale": args.scale})
    try:
        new = run(client, table, args.seconds, args.threads)
        write_units = max(4000, 2 * args.holds)
        client.update_table(TableName=table, WarmThroughput={"WriteUnitsPerSecond": write_units,
                                                             "ReadUnitsPerSecond": max(12000, 2 * args.holds)})
        time.sleep(1)
        warm = run(client, table, args.seconds, args.threads)
    finally:
        control(endpoint, "DELETE", f"/_tps/dynamodb/throughput?tablePrefix={table}")
        client.delete_table(TableName=table)
    print(json.dumps({"scale": args.scale, "newTable": new, "warmWriteUnits": write_units, "warmed": warm,
                      "ratio": round(warm["accepted"] / max(new["accepted"], 0.1), 2)}))


if __name__ == "__main__":
    main()
