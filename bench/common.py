"""Shared helpers for benchmark scripts: percentiles and the JSON result lines."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p95 is a time that happened)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def emit(bench: str, metric: str, value: float, unit: str, budget: float | None) -> None:
    """One result line; ``budget`` is the limit the value must stay within (None: none)."""
    print(
        json.dumps(
            {
                "bench": bench,
                "metric": metric,
                "value": round(value, 3),
                "unit": unit,
                "budget": budget,
            }
        ),
        flush=True,
    )
