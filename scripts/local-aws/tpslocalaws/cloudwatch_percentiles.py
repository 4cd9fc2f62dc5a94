"""Percentile statistics (`p95`, `p99.9`) in GetMetricData, as CloudWatch computes them.

moto answers Sum/Average/Minimum/Maximum/SampleCount and fails on any other Stat (its
statistic is None, which the JSON answer cannot carry). The load bot's figures read the
ALB's TargetResponseTime p95/p99, so this computes them from the raw datapoints of the
period: nearest rank over the values put with PutMetricData (StatisticValues sets, which
carry no distribution, are not counted).
"""

from __future__ import annotations

import math
import re

from moto.cloudwatch.models import Statistics

from .timed_state import wrap

_PERCENTILE = re.compile(r"^p(\d{1,2}(?:\.\d+)?|100)$")


def install() -> None:
    wrap(Statistics, "get_statistics_for_type", _with_percentiles)


def percentile(values: list[float], rank: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least rank% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, math.ceil(rank / 100 * len(ordered)) - 1)
    return ordered[min(index, len(ordered) - 1)]


def _with_percentiles(original):
    def get_statistics_for_type(self, stat):
        match = _PERCENTILE.match(stat or "")
        if match is None:
            return original(self, stat)
        return percentile([float(v) for v in self.metric_single_values_list], float(match.group(1)))

    return get_statistics_for_type
