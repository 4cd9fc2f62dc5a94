"""VPC endpoints that take time and honour ClientToken.

- CreateVpcEndpoint: `pending` -> `available`; DeleteVpcEndpoints: `deleting` -> `deleted`
  (delay "vpc-endpoint"); moto makes both instant.
- The same ClientToken returns the endpoint created with it (moto creates another one).
"""

from __future__ import annotations

from moto.ec2.models.vpcs import VPCBackend, VPCEndPoint

from .timed_state import timed_status, wrap


def install() -> None:
    VPCEndPoint.state = timed_status("state", {"available": "pending", "deleted": "deleting"}, "vpc-endpoint")
    wrap(VPCBackend, "create_vpc_endpoint", _idempotent_by_client_token)


def _idempotent_by_client_token(original):
    def create_vpc_endpoint(self, *args, **kwargs):
        token = kwargs.get("client_token")
        if token:
            for endpoint in self.vpc_end_points.values():
                if endpoint.client_token == token and endpoint.state not in ("deleting", "deleted"):
                    return endpoint
        return original(self, *args, **kwargs)

    return create_vpc_endpoint
