"""CreateRouteTable honours ClientToken, as EC2 does: the same token (in the same region)
answers the route table first created with it instead of a second one (moto ignores the
token), so a create retried after a lost answer or by a resumed run never duplicates.
"""

from __future__ import annotations

from moto.core.responses import ActionResult
from moto.ec2.responses.route_tables import RouteTables

from .timed_state import wrap


def install() -> None:
    wrap(RouteTables, "create_route_table", _idempotent_by_client_token)


def _idempotent_by_client_token(original):
    def create_route_table(self):
        token = self._get_param("ClientToken")
        if token:
            for table in self.ec2_backend.route_tables.values():
                if getattr(table, "_tps_client_token", None) == token:
                    return ActionResult({"RouteTable": table, "ClientToken": token})
        result = original(self)
        if token:
            result.result["RouteTable"]._tps_client_token = token  # type: ignore[attr-defined]
        return result

    return create_route_table
