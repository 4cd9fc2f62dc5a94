"""ReceiveMessage's long poll as SQS keeps it: it sleeps until a message it may deliver exists,
and a FIFO group is handed to one receive at a time.

moto's long poll woke whenever *any* message was visible, so while a FIFO group was in flight
its visible messages (which must wait) woke every waiting receive at once, again and again, for
the whole WaitTimeSeconds: sixteen idle long polls of one busy group kept the emulator's only
core spinning, and the commit path measured locally was that spin (issue 14: row 4's old key).
It also read the in-flight groups once per call, so a group settled meanwhile stayed blocked
for that call; and two receives in parallel threads could both take one message. Here a
receive's pass over the queue holds the queue's lock (sends and deletes take it too), the
in-flight groups are read at the start of every pass, and the wait is for a deliverable
message: it is woken by a send, a delete or a visibility change, or when the next message
in flight or delayed is due. What is delivered, and in what order, does not change.
"""

from __future__ import annotations

import time
from copy import deepcopy

from moto.sqs.models import Message, Queue, SQSBackend, _filter_message_attributes


def deliverable(queue: Queue) -> bool:
    """A receive now would find something: a visible message whose group is not in flight."""
    blocked = queue.pending_message_groups if queue.fifo_queue else set()
    return any(not (queue.fifo_queue and message.group_id in blocked) for message in queue.messages)


def seconds_until_due(queue: Queue, longest: float) -> float:
    """Until the next invisible or delayed message becomes visible (at most `longest`)."""
    now = time.time() * 1000.0
    due = [at for message in queue._messages for at in (message.visible_at, message.delayed_until) if at > now]
    return max(0.001, min(longest, (min(due) - now) / 1000.0 + 0.001)) if due else longest


def install() -> None:
    if getattr(SQSBackend.receive_message, "_tps_long_poll", False):
        return

    def wait_for_messages(self: Queue, timeout: float) -> None:
        with self._messages_lock:
            self._messages_lock.wait_for(lambda: deliverable(self), timeout=seconds_until_due(self, timeout))

    def receive_message(self: SQSBackend, queue_name: str, count: int, wait_seconds_timeout: int, visibility_timeout: int,
                        message_attribute_names: list[str] | None = None) -> list[Message]:
        queue = self.get_queue(queue_name)
        polling_end = time.monotonic() + wait_seconds_timeout
        result: list[Message] = []
        while True:
            with queue._messages_lock:
                pending_groups = queue.pending_message_groups
                to_dead_letter: list[Message] = []
                for message in queue.messages:
                    if message in queue.pending_messages:
                        # Visible again: its consumer timed out or handed it back.
                        queue.pending_messages.remove(message)
                        pending_groups = queue.pending_message_groups
                    if queue.fifo_queue and message.group_id and message.group_id in pending_groups:
                        continue
                    if (queue.dead_letter_queue is not None and queue.redrive_policy
                            and message.approximate_receive_count >= queue.redrive_policy["maxReceiveCount"]):
                        to_dead_letter.append(message)
                        continue
                    queue.pending_messages.add(message)
                    message.mark_received(visibility_timeout=visibility_timeout)
                    copy = deepcopy(message)
                    _filter_message_attributes(copy, message_attribute_names or [])
                    if not self.is_message_valid_based_on_retention_period(queue_name, message):
                        break
                    result.append(copy)
                    if len(result) >= count:
                        break
                if to_dead_letter:
                    moved = set(map(id, to_dead_letter))
                    queue._messages = [m for m in queue._messages if id(m) not in moved]
                    for message in to_dead_letter:
                        queue.dead_letter_queue.add_message(message)  # type: ignore[union-attr]
            left = polling_end - time.monotonic()
            if result or wait_seconds_timeout == 0 or left <= 0:
                return result
            queue.wait_for_messages(min(1.0, left))

    def woken(method):
        """A backend call after which a waiting receive may find a message (its group freed)."""
        def call(self: SQSBackend, queue_name: str, *args, **kwargs):
            try:
                return method(self, queue_name, *args, **kwargs)
            finally:
                queue = self.get_queue(queue_name)
                with queue._messages_lock:
                    queue._messages_lock.notify_all()
        return call

    receive_message._tps_long_poll = True  # type: ignore[attr-defined]
    Queue.wait_for_messages = wait_for_messages  # type: ignore[assignment]
    SQSBackend.receive_message = receive_message  # type: ignore[assignment]
    for name in ("delete_message", "delete_message_batch", "change_message_visibility", "change_message_visibility_batch"):
        setattr(SQSBackend, name, woken(getattr(SQSBackend, name)))
