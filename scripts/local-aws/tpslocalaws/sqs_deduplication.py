"""FIFO deduplication as SQS does it: per message group in high-throughput mode, and for the
whole five-minute interval, deleted messages included.

moto compared a new message's deduplication id with every message still in the queue: the
whole queue was one scope (AWS: `DeduplicationScope=messageGroup` scopes it to the group), a
message deleted or moved to the DLQ no longer deduplicated anything (AWS: "accepted but not
delivered during the 5-minute deduplication interval"), and each send paid a pass over the
queue. Each queue keeps a window of (scope, deduplication id) → first send time instead, in
send order, so expired entries leave from its front. A dropped duplicate is answered as a
success, as SQS does. Lambda event-source mappings keep moto's own path.
"""

from __future__ import annotations

from collections import OrderedDict

from moto.sqs.models import DEDUPLICATION_TIME_IN_SECONDS, Message, Queue

from .sqs_call_cost import content_based

WINDOW_MILLISECONDS = DEDUPLICATION_TIME_IN_SECONDS * 1000


def install() -> None:
    if getattr(Queue.add_message, "_tps_scoped", False):
        return
    moto_add_message = Queue.add_message

    def add_message(self, message: Message) -> None:
        if self.lambda_event_source_mappings:
            return moto_add_message(self, message)
        if self.fifo_queue and (message.deduplication_id or content_based(self)):
            window: OrderedDict = self.__dict__.setdefault("_tps_deduplication", OrderedDict())
            now = message.sent_timestamp
            while window:
                oldest_key, oldest_sent = next(iter(window.items()))
                if now - oldest_sent < WINDOW_MILLISECONDS:
                    break
                window.popitem(last=False)
            scope = message.group_id if getattr(self, "deduplication_scope", "queue") == "messageGroup" else None
            key = (scope, message.deduplication_id)
            if key in window:
                return
            window[key] = now
        with self._messages_lock:
            self._messages.append(message)
            self._messages_lock.notify_all()

    add_message._tps_scoped = True  # type: ignore[attr-defined]
    Queue.add_message = add_message  # type: ignore[assignment]
