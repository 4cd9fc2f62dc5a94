"""NAT gateways as AWS runs them: slow state changes, EIPs held until deletion, tag filters.

- CreateNatGateway: `pending` -> `available`; DeleteNatGateway: `deleting` -> `deleted`
  (delay "nat-gateway"). moto makes both instant.
- ReleaseAddress of an EIP still used by a NAT gateway that is not yet `deleted` fails
  with InvalidIPAddress.InUse, as AWS does (moto releases it silently), so teardown order
  is tested for real.
- CreateNatGateway honours ClientToken (same token -> same gateway), which moto ignores.
- DescribeNatGateways accepts tag:<key> / tag-key filters (moto only knows ids/vpc/subnet/state).
"""

from __future__ import annotations

from moto.ec2.exceptions import EC2ClientError
from moto.ec2.models.elastic_ip_addresses import ElasticAddressBackend
from moto.ec2.models.nat_gateways import NatGateway, NatGatewayBackend
from moto.ec2.responses.nat_gateways import NatGateways

from .client_tokens import idempotent_create
from .timed_state import timed_status, wrap


def install() -> None:
    NatGateway.state = timed_status("state", {"available": "pending", "deleted": "deleting"}, "nat-gateway")
    wrap(NatGatewayBackend, "describe_nat_gateways", _with_tag_filters)
    wrap(ElasticAddressBackend, "release_address", _refusing_addresses_in_use)
    wrap(NatGateways, "create_nat_gateway", _idempotent_by_client_token)


def _with_tag_filters(original):
    def describe_nat_gateways(self, filters, nat_gateway_ids):
        filters = dict(filters or {})
        tag_filters = {k: v for k, v in filters.items() if k.startswith("tag:") or k == "tag-key"}
        for key in tag_filters:
            del filters[key]
        found = original(self, filters or None, nat_gateway_ids)
        return [gw for gw in found if _tags_match(gw, tag_filters)]

    return describe_nat_gateways


def _tags_match(resource, tag_filters: dict) -> bool:
    tags = {t["key"]: t["value"] for t in resource.get_tags()}
    for name, wanted in tag_filters.items():
        if name == "tag-key":
            if not set(wanted) & set(tags):
                return False
        elif tags.get(name[4:]) not in wanted:
            return False
    return True


def _refusing_addresses_in_use(original):
    def release_address(self, address=None, allocation_id=None):
        eips = self.address_by_ip([address]) if address else self.address_by_allocation([allocation_id])
        for eip in eips:
            for gateway in self.nat_gateways.values():
                used = any(a.get("allocationId") == eip.allocation_id for a in gateway.address_set)
                if used and gateway.state != "deleted":
                    raise EC2ClientError(
                        "InvalidIPAddress.InUse",
                        f"Address {eip.public_ip} is in use by {gateway.id} ({gateway.state}).",
                    )
        return original(self, address=address, allocation_id=allocation_id)

    return release_address


_idempotent_by_client_token = idempotent_create("NatGateway", lambda response: response.ec2_backend.nat_gateways)
