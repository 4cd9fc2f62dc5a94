"""GetMetricData answers percentile statistics from the datapoints put.

Few datapoints: botocore gzips larger PutMetricData bodies, which the emulator does not take.
"""

import uuid
from datetime import datetime, timedelta, timezone


def test_percentiles_are_nearest_rank_over_the_period_and_basic_stats_unchanged(aws):
    cloudwatch = aws("cloudwatch")
    namespace = f"Test/{uuid.uuid4().hex[:8]}"
    now = datetime.now(timezone.utc).replace(microsecond=0)
    dimensions = [{"Name": "TargetGroup", "Value": "targetgroup/tg/1"}]
    cloudwatch.put_metric_data(Namespace=namespace, MetricData=[
        {"MetricName": "TargetResponseTime", "Dimensions": dimensions, "Timestamp": now - timedelta(seconds=30),
         "Value": float(value)} for value in range(1, 21)])

    def query(stat):
        return {"Id": "q" + stat.replace(".", "_").lower(), "MetricStat": {
            "Metric": {"Namespace": namespace, "MetricName": "TargetResponseTime", "Dimensions": dimensions},
            "Period": 120, "Stat": stat}}

    answer = cloudwatch.get_metric_data(StartTime=now - timedelta(seconds=60), EndTime=now,
                                        MetricDataQueries=[query(s) for s in ("p50", "p95", "p99.9", "Maximum", "Sum")])
    values = {r["Id"]: r["Values"] for r in answer["MetricDataResults"]}
    assert values == {"qp50": [10.0], "qp95": [19.0], "qp99_9": [20.0], "qmaximum": [20.0], "qsum": [210.0]}
