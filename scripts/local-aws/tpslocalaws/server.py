"""Builds the application: applies the model patches, then wires the extensions."""

from __future__ import annotations

from .app import LocalAws


def build_app() -> LocalAws:
    from . import cloudfront_policies, ecs_rollout, nat_gateways, rds_lifecycle

    nat_gateways.install()
    rds_lifecycle.install()
    ecs_rollout.install()
    return LocalAws(extensions=[cloudfront_policies.CloudFrontPolicies()])
