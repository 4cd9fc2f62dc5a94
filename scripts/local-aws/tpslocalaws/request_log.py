"""The request log: every AWS call the emulator answered (or refused), in order.

Tests use it to prove a converged `up` makes zero mutating calls and to count calls in
benchmarks. Entries carry a sequence number so a test can ask for `?since=N`; filters
by service/region/accessKeyId let tests running in parallel count only their own calls.
"""

from __future__ import annotations

import threading
import time

from .request_info import AwsRequest

_FILTERS = {"service", "region", "action", "accessKeyId"}


class RequestLog:
    def __init__(self, capacity: int = 200_000) -> None:
        self._lock = threading.Lock()
        self._entries: list[dict] = []
        self._next_seq = 1
        self._capacity = capacity

    def record(self, request: AwsRequest, status: int, fault: str | None) -> None:
        entry = request.as_dict()
        entry["status"] = status
        entry["fault"] = fault
        entry["time"] = round(time.time(), 3)
        with self._lock:
            entry["seq"] = self._next_seq
            self._next_seq += 1
            self._entries.append(entry)
            if len(self._entries) > self._capacity:
                del self._entries[: len(self._entries) - self._capacity]

    def query(self, params: dict[str, str]) -> dict:
        since = int(params.get("since", "0") or 0)
        filters = {k: v for k, v in params.items() if k in _FILTERS}
        with self._lock:
            selected = [
                e for e in self._entries
                if e["seq"] > since and all(e.get(k) == v for k, v in filters.items())
            ]
            last = self._next_seq - 1
        mutations = sum(1 for e in selected if e["mutating"])
        return {
            "requests": selected,
            "reads": len(selected) - mutations,
            "mutations": mutations,
            "lastSeq": last,
        }

    def clear(self, params: dict[str, str]) -> int:
        filters = {k: v for k, v in params.items() if k in _FILTERS}
        with self._lock:
            keep = [e for e in self._entries if filters and not all(e.get(k) == v for k, v in filters.items())]
            removed = len(self._entries) - len(keep)
            self._entries = keep
            return removed
