"""ELBv2 creates that are idempotent on AWS, and duplicates AWS refuses.

AWS returns the existing load balancer, target group or listener when the same create
call is repeated with the same settings (what a resumed `tpsctl up` does after losing a
response), and refuses a different one with the same name or port. moto created a second
load balancer with the same name and a second listener on the same port, and refused an
identical target group.
"""

from __future__ import annotations

from moto.elbv2.exceptions import DuplicateListenerError, DuplicateLoadBalancerName, DuplicateTargetGroupName
from moto.elbv2.models import ELBv2Backend

from .timed_state import wrap


def install() -> None:
    wrap(ELBv2Backend, "create_load_balancer", _same_load_balancer)
    wrap(ELBv2Backend, "create_target_group", _same_target_group)
    wrap(ELBv2Backend, "create_listener", _same_listener)


def _same_load_balancer(original):
    def create_load_balancer(self, name, security_groups, subnet_ids, subnet_mappings=None,
                             scheme="internet-facing", loadbalancer_type=None, **kwargs):
        for balancer in self.load_balancers.values():
            if balancer.name != name:
                continue
            wanted = set(subnet_ids or []) | {m["SubnetId"] for m in subnet_mappings or []}
            same = (
                {s.id for s in balancer.subnets} == wanted
                and (balancer.scheme or "internet-facing") == (scheme or "internet-facing")
                and balancer.type == (loadbalancer_type or "application")
                and set(balancer.security_groups or []) == set(security_groups or [])
            )
            if same:
                return balancer
            raise DuplicateLoadBalancerName()
        return original(self, name, security_groups, subnet_ids, subnet_mappings=subnet_mappings,
                        scheme=scheme, loadbalancer_type=loadbalancer_type, **kwargs)

    return create_load_balancer


def _same_target_group(original):
    def create_target_group(self, name, **kwargs):
        for group in self.target_groups.values():
            if group.name != name:
                continue
            same = (
                group.protocol == kwargs.get("protocol")
                and str(group.port) == str(kwargs.get("port"))
                and group.vpc_id == kwargs.get("vpc_id")
                and group.target_type == (kwargs.get("target_type") or "instance")
            )
            if same:
                return group
            raise DuplicateTargetGroupName()
        return original(self, name, **kwargs)

    return create_target_group


def _same_listener(original):
    def create_listener(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions, *args, **kwargs):
        balancer = self.load_balancers.get(load_balancer_arn)
        if balancer is not None:
            for listener in balancer.listeners.values():
                if str(listener.port) != str(port):
                    continue
                if listener.protocol == protocol:
                    return listener
                raise DuplicateListenerError()
        return original(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions, *args, **kwargs)

    return create_listener
