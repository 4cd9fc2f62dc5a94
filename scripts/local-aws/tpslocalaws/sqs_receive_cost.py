"""ReceiveMessage at a cost independent of the queue's length.

moto checks each message it hands out against the queue's retention period by computing all of
the queue's attributes, ApproximateNumberOfMessages included (a pass over every message), so one
receive of ten from a queue of a few hundred took most of a second: a consumer's throughput
measured locally was the emulator's, and a backlog made it worse. The period is read from the
queue directly instead; what is delivered does not change.
"""

from __future__ import annotations

from moto.core.utils import unix_time
from moto.sqs.models import SQSBackend


def install() -> None:
    if getattr(SQSBackend.is_message_valid_based_on_retention_period, "_tps_direct", False):
        return

    def is_message_valid_based_on_retention_period(self, queue_name, message) -> bool:
        retention = int(self.get_queue(queue_name).message_retention_period)
        return retention + message.sent_timestamp / 1000 > unix_time()

    is_message_valid_based_on_retention_period._tps_direct = True  # type: ignore[attr-defined]
    SQSBackend.is_message_valid_based_on_retention_period = is_message_valid_based_on_retention_period
