"""Drives confirm-worker for scripts/bench-services.sh: buys every available seat of one event
up to the payment intent (enter, hold, intent), then sends all commits at once and times until
the worker has decided every one (orders rows, read with psql). Prints one JSON line.

Usage: commit_load.py PUBLIC_URL CONFIRM_URL EVENT_ID RUN_ID
The database is reached through the standard PG* environment variables (PGPASSWORD included),
so no password appears in argv or output. Room tokens never leave this process.
"""
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

public, confirm, event, run = sys.argv[1:5]


def call(method, url, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


status, entered = call("POST", f"{public}/public/enter", {"userId": f"bench-{run}", "eventId": event})
assert status == 200, f"enter answered {status}"
token = entered["roomToken"]
for _ in range(100):
    status, room = call("GET", f"{public}/public/room-status?token={urllib.parse.quote(token)}")
    if status == 200 and room["ready"]:
        break
    time.sleep(0.1)
else:
    sys.exit("bench: not admitted within 10 s")

status, seat_map = call("GET", f"{public}/public/seats/{event}")
seats = [s["seatId"] for s in seat_map["seats"] if s["state"] == "available"]
if not seats:
    sys.exit(f"bench: no available seat in {event} (re-seed: tpsctl db-init)")


def prepare(seat):
    status, hold = call("POST", f"{public}/public/hold", {"eventId": event, "seatId": seat}, {"x-room-token": token})
    if status != 201:
        return None
    status, intent = call("POST", f"{confirm}/confirm/payment-intent",
                          {"userId": f"bench-{run}", "eventId": event, "seatIds": [seat]},
                          {"Idempotency-Key": f"bench-{run}-i-{seat}"})
    return (seat, intent["intentId"]) if status == 201 else None


with ThreadPoolExecutor(8) as pool:
    prepared = [p for p in pool.map(prepare, seats) if p]
if not prepared:
    sys.exit("bench: no seat could be held and priced")


def commit(item):
    seat, intent_id = item
    status, _ = call("POST", f"{confirm}/confirm/commit",
                     {"intentId": intent_id, "eventId": event, "seatIds": [seat], "userId": f"bench-{run}"},
                     {"Idempotency-Key": f"bench-{run}-c-{seat}"})
    return status


def decided():
    out = subprocess.run(["psql", "-X", "-tA", "-c",
                          f"SELECT count(*), count(*) FILTER (WHERE status = 'confirmed') FROM orders WHERE idem LIKE 'bench-{run}-c-%'"],
                         check=True, capture_output=True, text=True).stdout.strip()
    total, confirmed = out.split("|")
    return int(total), int(confirmed)


started = time.monotonic()
with ThreadPoolExecutor(16) as pool:
    statuses = list(pool.map(commit, prepared))
accepted = sum(1 for s in statuses if s == 202)
sent = time.monotonic()
deadline = started + 300
total = confirmed = 0
while time.monotonic() < deadline:
    total, confirmed = decided()
    if total >= accepted:
        break
    time.sleep(0.05)
elapsed = time.monotonic() - started
print(json.dumps({"commits": accepted, "decided": total, "confirmed": confirmed, "sendSeconds": round(sent - started, 3),
                  "seconds": round(elapsed, 3), "perSecond": round(total / elapsed, 1)}))
