"""SendMessage and DeleteMessage at a cost independent of the queue's length.

Measured (issue 14, scripts/bench/sqs_ceiling.py): one SendMessage to a FIFO queue of a few
hundred messages took 25–35 ms, so a local commit path was as fast as the emulator's
bookkeeping, not as our services. moto read `Queue.attributes` four times per send (to learn
whether the queue deduplicates by content), and every read computes all attributes, the
ApproximateNumberOf* counts among them — passes over every message, each message asking the
clock twice through a datetime round trip. Here:
  - a message's `visible` / `delayed` read the clock directly (the same epoch milliseconds);
  - a send reads `ContentBasedDeduplication` from the queue itself;
  - a delete finds its message in one pass and stops there, instead of two full passes.
What SQS answers does not change; deduplication itself is sqs_deduplication.py's.
"""

from __future__ import annotations

import hashlib
import string
import time
from typing import Any

from moto.moto_api._internal import mock_random as random
from moto.sqs.exceptions import InvalidParameterValue, MissingParameter, ReceiptHandleIsInvalid
from moto.sqs.models import MAXIMUM_MESSAGE_DELAY, Message, Queue, SQSBackend


def _now_millis() -> float:
    return time.time() * 1000.0


def content_based(queue: Queue) -> bool:
    return str(getattr(queue, "content_based_deduplication", False)).lower() == "true"


def install() -> None:
    if getattr(SQSBackend.send_message, "_tps_direct", False):
        return

    Message.visible = property(lambda self: _now_millis() > self.visible_at)  # type: ignore[assignment]
    Message.delayed = property(lambda self: _now_millis() < self.delayed_until)  # type: ignore[assignment]

    def _validate_message(self, queue: Queue, message_body: str, delay_seconds: int, deduplication_id: str | None = None,
                          group_id: str | None = None, validate_group_id: bool = True) -> None:
        if queue.fifo_queue:
            if not content_based(queue) and not group_id:
                raise MissingParameter("MessageGroupId")
            if not content_based(queue) and group_id and not deduplication_id:
                raise InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or "
                                            "MessageDeduplicationId provided explicitly")
            if delay_seconds > 0:
                raise InvalidParameterValue(
                    f"Value {delay_seconds} for parameter DelaySeconds is invalid. Reason: "
                    "The request include parameter that is not valid for this queue type.")
        if len(message_body) > queue.maximum_message_size:  # type: ignore[attr-defined]
            raise InvalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than "
                                        f"{queue.maximum_message_size} bytes.")  # type: ignore[attr-defined]
        if group_id is None and queue.fifo_queue:
            raise MissingParameter("MessageGroupId")

    def send_message(self, queue_name: str, message_body: str, message_attributes: dict[str, Any] | None = None,
                     delay_seconds: int | None = None, deduplication_id: str | None = None, group_id: str | None = None,
                     system_attributes: dict[str, Any] | None = None, validate_group_id: bool = True) -> Message:
        queue = self.get_queue(queue_name)
        self._validate_message(queue, message_body=message_body, delay_seconds=int(delay_seconds or 0),
                               deduplication_id=deduplication_id, group_id=group_id, validate_group_id=validate_group_id)
        delay = int(delay_seconds) if delay_seconds is not None else queue.delay_seconds  # type: ignore[attr-defined]
        message = Message(str(random.uuid4()), message_body, system_attributes)
        if content_based(queue):
            message.deduplication_id = hashlib.sha256(message_body.encode("utf-8")).hexdigest()
        if deduplication_id is not None:
            message.deduplication_id = deduplication_id
            message.sequence_number = "".join(random.choice(string.digits) for _ in range(20))
        if group_id is not None:
            message.group_id = group_id
        if message_attributes:
            message.message_attributes = message_attributes
        if delay > MAXIMUM_MESSAGE_DELAY:
            raise InvalidParameterValue(f"Value {delay} for parameter DelaySeconds is invalid. "
                                        "Reason: DelaySeconds must be >= 0 and <= 900.")
        message.mark_sent(delay_seconds=delay)
        queue.add_message(message)
        return message

    def delete_message(self, receipt_handle: str) -> None:
        if receipt_handle in self.deleted_messages:
            return  # already deleted: SQS answers success again
        with self._messages_lock:  # sends append under it: none is lost to the new list
            for index, message in enumerate(self._messages):
                if message.receipt_handle == receipt_handle or receipt_handle in message._old_receipt_handles:
                    self.pending_messages.discard(message)
                    self.deleted_messages.update(message.all_receipt_handles)
                    # A new list, as moto made: a receive iterating the old one is not disturbed.
                    self._messages = self._messages[:index] + self._messages[index + 1:]
                    return
        raise ReceiptHandleIsInvalid()

    send_message._tps_direct = True  # type: ignore[attr-defined]
    SQSBackend._validate_message = _validate_message  # type: ignore[assignment]
    SQSBackend.send_message = send_message  # type: ignore[assignment]
    Queue.delete_message = delete_message  # type: ignore[assignment]

