"""CreateRouteTable honours ClientToken, as EC2 does: the same token (in the same region)
answers the route table first created with it instead of a second one (moto ignores the
token), so a create retried after a lost answer or by a resumed run never duplicates.
"""

from __future__ import annotations

from moto.ec2.responses.route_tables import RouteTables

from .client_tokens import idempotent_create
from .timed_state import wrap

_idempotent_by_client_token = idempotent_create("RouteTable", lambda response: response.ec2_backend.route_tables)


def install() -> None:
    wrap(RouteTables, "create_route_table", _idempotent_by_client_token)
