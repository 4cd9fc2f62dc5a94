"""FIFO order within a message group after messages become visible again.

On AWS a message whose visibility timeout ran out (or was set to 0) is no longer in flight,
and its group's messages come back in order. moto counted such a message as still pending
until a receive reached it, so of two messages of one group that became visible again, the
first was skipped ("its group is in flight": the second was) and the second delivered first
— a redelivery, a dead-lettering and a redrive all reordered a group's commits.
"""

from __future__ import annotations

from moto.sqs.models import Queue


def install() -> None:
    if getattr(Queue.pending_message_groups.fget, "_tps_visible_released", False):
        return

    def pending_message_groups(self) -> set[str]:
        return {
            message.group_id
            for message in self._pending_messages
            if message.group_id is not None and not message.visible
        }

    prop = property(pending_message_groups)
    prop.fget._tps_visible_released = True  # type: ignore[attr-defined]
    Queue.pending_message_groups = prop  # type: ignore[assignment]
