"""A status attribute that shows a transient value for a while before its final one.

moto sets final states at once (a NAT gateway is `available` the moment it is created).
Replacing the model's attribute with `timed_status(...)` turns `self.state = "available"`
into "pending until the configured delay has passed, then available", without touching
moto's code: the class-level property intercepts moto's own assignments.
"""

from __future__ import annotations

import time
from typing import Callable

from . import delays


def timed_status(attribute: str, transient_before: dict[str, str], delay_kind: str) -> property:
    """A property for `attribute`: assigning a key of `transient_before` starts a transition.

    E.g. transient_before={"available": "pending"}: assigning "available" reads back
    "pending" for `delays.get(delay_kind)` seconds, then "available".
    """
    slot = f"_tps_timed_{attribute}"

    def read(instance: object) -> str | None:
        phase = instance.__dict__.get(slot)
        if phase is None:
            return None
        transient, final, deadline = phase
        return final if time.monotonic() >= deadline else transient

    def write(instance: object, value: str) -> None:
        if value in transient_before:
            deadline = time.monotonic() + delays.get(delay_kind)
            instance.__dict__[slot] = (transient_before[value], value, deadline)
        else:
            instance.__dict__[slot] = (value, value, 0.0)

    return property(read, write)


def begin(instance: object, attribute: str, transient: str, final: str, delay_kind: str) -> None:
    """Starts an explicit transition, e.g. `modifying` -> `available`."""
    deadline = time.monotonic() + delays.get(delay_kind)
    instance.__dict__[f"_tps_timed_{attribute}"] = (transient, final, deadline)


def settled_after(instance: object, attribute: str) -> float:
    """Seconds until the attribute's current transition ends (0 when settled)."""
    phase = instance.__dict__.get(f"_tps_timed_{attribute}")
    if phase is None:
        return 0.0
    return max(phase[2] - time.monotonic(), 0.0)


def wrap(owner: type, name: str, make: Callable[[Callable], Callable]) -> None:
    """Replaces owner.name by make(original), once per `make` (installing twice is harmless);
    wrappers from different modules stack, the last installed outermost."""
    original = getattr(owner, name)
    key = f"{make.__module__}.{make.__qualname__}"
    applied = getattr(original, "_tps_wraps", frozenset())
    if key in applied:
        return
    replacement = make(original)
    replacement._tps_wrapped = True  # type: ignore[attr-defined]
    replacement._tps_wraps = applied | {key}  # type: ignore[attr-defined]
    replacement.__name__ = getattr(original, "__name__", name)
    replacement.__doc__ = getattr(original, "__doc__", None)
    setattr(owner, name, replacement)
