"""Shared helpers for benchmark scripts: percentiles and the JSON result lines."""

from __future__ import annotations

import json
import math
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


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


LOCAL_PG = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


@contextmanager
def throwaway_database(dsn: str = LOCAL_PG) -> Iterator[str]:
    """A fresh PostgreSQL database on the local server for one run (its SQLAlchemy URL),
    dropped afterwards whatever happens."""
    import psycopg  # noqa: PLC0415 - only the sync benchmarks need the driver

    name = f"seco_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
