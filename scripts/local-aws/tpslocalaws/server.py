"""Builds the application: applies the model patches, then wires the extensions."""

from __future__ import annotations

from .app import LocalAws


def build_app() -> LocalAws:
    from . import (
        acm_dns_validation,
        cloudfront_distributions,
        cloudfront_policies,
        cloudwatch_percentiles,
        dispatch_cost,
        ec2_dependencies,
        ecs_clusters,
        ecs_control_plane,
        ecs_load_balancer_ports,
        ecs_rollout,
        ecs_tasks,
        elasticache_groups,
        elasticache_replicas,
        elasticache_subnet_groups,
        elbv2_access_logs,
        elbv2_idempotency,
        iam_enforcement,
        iam_simulation,
        nat_gateways,
        rds_lifecycle,
        rds_proxies,
        route_tables,
        service_quotas,
        sqs_call_cost,
        sqs_deduplication,
        sqs_fifo_order,
        sqs_long_poll,
        sqs_receive_cost,
        tagging_coverage,
        vpc_endpoints,
        wafv2_web_acls,
    )

    for patch in (nat_gateways, vpc_endpoints, route_tables, ec2_dependencies, rds_lifecycle, rds_proxies, ecs_rollout, ecs_clusters, ecs_tasks,
                  ecs_control_plane, ecs_load_balancer_ports,
                  elasticache_groups, elasticache_subnet_groups, elbv2_idempotency, elbv2_access_logs, cloudfront_distributions, tagging_coverage,
                  cloudwatch_percentiles, sqs_fifo_order, sqs_receive_cost, sqs_call_cost, sqs_deduplication, sqs_long_poll, dispatch_cost,
                  elasticache_replicas, service_quotas, acm_dns_validation, iam_simulation, wafv2_web_acls):
        patch.install()
    return LocalAws(extensions=[iam_enforcement.IamEnforcement(), cloudfront_policies.CloudFrontPolicies()])
