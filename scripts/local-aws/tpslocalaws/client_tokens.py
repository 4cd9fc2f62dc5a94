"""ClientToken idempotency for EC2 creates whose moto response ignores the token: the same
token (in the same region) answers what was first created with it."""

from __future__ import annotations

from typing import Callable

from moto.core.responses import ActionResult


def idempotent_create(result_key: str, existing: Callable[[object], object]):
    """A `wrap` factory for an EC2 response method: `existing(response)` gives the backend's
    resources of that kind (id -> resource), `result_key` names the created one in the result."""

    def make(original):
        def create(self):
            token = self._get_param("ClientToken")
            if token:
                for resource in existing(self).values():
                    if getattr(resource, "_tps_client_token", None) == token:
                        return ActionResult({result_key: resource, "ClientToken": token})
            result = original(self)
            if token:
                result.result[result_key]._tps_client_token = token  # type: ignore[attr-defined]
            return result

        return create

    return make
