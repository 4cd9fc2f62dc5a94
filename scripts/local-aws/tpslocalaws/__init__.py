"""tpslocalaws: the project's local AWS — moto's server plus what tpsctl's tests need.

Modules, one concern each:
  request_info        who a request is for (service, region, action, protocol)
  rest_operations     REST paths -> operation names, from botocore's service models
  error_responses     error bodies in each wire protocol's own format
  faults              fault injection rules (throttle, server-error, latency, reset)
  request_log         the request log with read/mutation counts
  delays              how long slow resources take (POST /_tps/delays)
  timed_state         a status that moves from a transient value to a final one over time
  nat_gateways, rds_lifecycle, ecs_rollout, elasticache_groups, ...  patches of moto's models
  ecs_attachments     which ECS clusters have a real data plane (the local agent) attached
  ecs_control_plane   ECS's control plane for those: agent APIs, StopTask, the service scheduler
  elb_target_health   target health the local ALB data plane reports (deployments wait for it)
  cloudwatch_percentiles  p95/p99 statistics in GetMetricData (moto has only the basic five)
  cloudfront_policies CloudFront cache and origin request policies (moto has none)
  control_api         the /_tps/* HTTP endpoints
  app                 the WSGI application tying it together
"""
