"""``column IN (a list of values)`` as one bound JSON array (SQLite's ``json_each``).

An ``IN (?, ?, …)`` list of a thousand values is a thousand bind parameters to compile, render
and bind on every call (and must be cut under SQLite's variable limit); one JSON text is one
parameter and a statement SQLAlchemy caches. SQLite reads the subquery into a temporary index
and probes the column's own index as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import ColumnElement, bindparam, column, text


def one_of(col: ColumnElement[object], values: Iterable[object]) -> ColumnElement[bool]:
    """``col IN values`` with the values bound as one JSON array."""
    listed = text("SELECT value FROM json_each(:id_list)").bindparams(
        bindparam("id_list", json.dumps(list(values)), unique=True)
    )
    return col.in_(listed.columns(column("value")))
