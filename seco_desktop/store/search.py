"""Finding a caller's record: one query box, ranked tiers, light rows, paged.

Every kind of query becomes a list of small index-backed SQL lookups ("steps"), each in a fixed
order, run best tier first until the page is full:

    exact DoD ID > sponsor's DoD ID > exact name > name prefix > substring > misspelled > other

A row found by an earlier step is not repeated by a later one. Within a step the order is
deterministic (``last_key, first_key, seq``, or ``seq`` for the trigram index). Only the columns a
result list shows are read, never the ``profile`` JSON. Filters and the tombstone check apply to
every step. See ``name_terms`` for how misspellings are matched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection

from seco_desktop.domain.query import QueryKind, SearchFilters, SearchQuery
from seco_desktop.domain.reference import Branch, SponsorStatus
from seco_desktop.store.name_terms import Kind, TermIndex, term_index


class MatchKind(StrEnum):
    EXACT_ID = "exact_id"
    SPONSOR_ID = "sponsor_id"  # the caller gave the sponsor's DoD ID
    EXACT_NAME = "exact_name"
    PREFIX = "prefix"
    SUBSTRING = "substring"
    FUZZY = "fuzzy"
    OTHER = "other"  # date of birth, email or phone


_SCORES = {
    MatchKind.EXACT_ID: 1.0,
    MatchKind.SPONSOR_ID: 0.95,
    MatchKind.EXACT_NAME: 0.9,
    MatchKind.PREFIX: 0.8,
    MatchKind.SUBSTRING: 0.7,
    MatchKind.FUZZY: 0.6,  # minus 0.05 per edit
    MatchKind.OTHER: 0.5,
}


@dataclass(frozen=True, slots=True)
class SpouseRow:
    """One line of a result list; safe to show to an agent (DoD ID masked)."""

    id: str
    name: str  # "Last, First M Suffix"
    dod_id_masked: str  # "******1234"
    date_of_birth: date
    branch: Branch
    sponsor_status: SponsorStatus
    assigned_coach: str | None
    match: MatchKind
    score: float


@dataclass(frozen=True, slots=True)
class SearchPage:
    rows: tuple[SpouseRow, ...]
    total_estimate: int | None  # exact when every lookup was exhausted, else None
    has_more: bool


@dataclass(frozen=True, slots=True)
class _Step:
    where: str
    params: tuple[Any, ...]
    order: str
    match: MatchKind
    score: float
    fts: str | None = None  # a trigram MATCH expression: rows come from spouse_fts


#: The columns of a result row, in the order :func:`light_row` reads them.
LIGHT_COLUMNS = (
    "s.seq, s.id, s.dod_id, s.first_name, s.middle_name, s.last_name, s.suffix, "
    "s.date_of_birth, s.branch, s.sponsor_status, s.assigned_coach"
)
_BY_NAME = "s.last_key, s.first_key, s.seq"
#: A misspelled "first last" looks up at most this many (last, first) key pairs per step.
MAX_PAIRS = 2000


def mask_dod_id(dod_id: str) -> str:
    """Only the last four digits are ever shown in a list."""
    return "******" + dod_id[-4:] if len(dod_id) >= 4 else "******"


def display_name(first: str, middle: str, last: str, suffix: str) -> str:
    """ "Last, First M Suffix": the middle name as an initial."""
    given = " ".join(p for p in (first, middle[:1]) if p)
    text = f"{last}, {given}" if given else last
    return f"{text} {suffix}" if suffix else text


def search(
    conn: Connection,
    query: SearchQuery,
    filters: SearchFilters | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
) -> SearchPage:
    """One page of matches for ``query``, best first."""
    if limit <= 0 or offset < 0:
        raise ValueError("limit must be positive and offset not negative")
    filter_sql, filter_params = _filter_clause(filters or SearchFilters())
    need = offset + limit + 1
    found: dict[int, SpouseRow] = {}
    exhausted = True
    for step in _plan(conn, query):
        if len(found) >= need:
            exhausted = False
            break
        rows = _run(conn, step, filter_sql, filter_params, need)
        if len(rows) >= need:
            exhausted = False
        for row in rows:
            if row[0] not in found:
                found[row[0]] = light_row(row, step.match, step.score)
    ordered = list(found.values())
    page = tuple(ordered[offset : offset + limit])
    return SearchPage(
        rows=page,
        total_estimate=len(ordered) if exhausted else None,
        has_more=len(ordered) > offset + limit,
    )


def _filter_clause(filters: SearchFilters) -> tuple[str, tuple[Any, ...]]:
    sql = " AND s.deleted = 0"
    params: list[Any] = []
    if filters.branch is not None:
        sql += " AND s.branch = ?"
        params.append(filters.branch.value)
    if filters.sponsor_status is not None:
        sql += " AND s.sponsor_status = ?"
        params.append(filters.sponsor_status.value)
    if filters.assigned_coach is not None:
        sql += " AND s.assigned_coach = ?"
        params.append(filters.assigned_coach)
    return sql, tuple(params)


def _run(
    conn: Connection, step: _Step, filter_sql: str, filter_params: tuple[Any, ...], need: int
) -> Sequence[Any]:
    # The SQL text is assembled only from this module's fixed fragments; every value is bound.
    if step.fts is not None:
        sql = (
            f"SELECT {LIGHT_COLUMNS} FROM spouse_fts CROSS JOIN spouse s "  # noqa: S608
            f"ON s.seq = spouse_fts.rowid WHERE spouse_fts MATCH ?{step.where}{filter_sql} "
            "ORDER BY spouse_fts.rowid LIMIT ?"
        )
        params: tuple[Any, ...] = (step.fts, *step.params, *filter_params, need)
    else:
        sql = (
            f"SELECT {LIGHT_COLUMNS} FROM spouse s WHERE {step.where}{filter_sql} "  # noqa: S608
            f"ORDER BY {step.order} LIMIT ?"
        )
        params = (*step.params, *filter_params, need)
    return conn.exec_driver_sql(sql, params).fetchall()


def light_row(row: Any, match: MatchKind, score: float) -> SpouseRow:
    """A result row from the first columns of ``row`` (selected with ``LIGHT_COLUMNS``)."""
    _seq, id_, dod_id, first, middle, last, suffix, dob, branch, status, coach = row[:11]
    return SpouseRow(
        id=id_,
        name=display_name(first, middle, last, suffix),
        dod_id_masked=mask_dod_id(dod_id),
        date_of_birth=dob if isinstance(dob, date) else date.fromisoformat(dob),
        branch=Branch(branch),
        sponsor_status=SponsorStatus(status),
        assigned_coach=coach,
        match=match,
        score=score,
    )


# --- Planning ------------------------------------------------------------------------------------


def _plan(conn: Connection, query: SearchQuery) -> Iterable[_Step]:
    kind = query.kind
    if kind is QueryKind.DOD_ID and query.dod_id:
        return _dod_id_steps(query.dod_id, query.phone)
    if kind is QueryKind.EMAIL and query.email:
        lo, hi = _prefix_range(query.email)
        return [_other("s.email >= ? AND s.email < ?", (lo, hi), "s.email, s.seq")]
    if kind is QueryKind.PHONE and query.phone:
        return [_phone_step(query.phone)]
    if kind is QueryKind.DATE_OF_BIRTH and query.date_of_birth:
        return [_other("s.date_of_birth = ?", (query.date_of_birth.isoformat(),), _BY_NAME)]
    if kind is QueryKind.NAME and query.words:
        return _name_steps(conn, query)
    return []


def _other(where: str, params: tuple[Any, ...], order: str) -> _Step:
    return _Step(where, params, order, MatchKind.OTHER, _SCORES[MatchKind.OTHER])


def _step(where: str, params: tuple[Any, ...], order: str, match: MatchKind) -> _Step:
    return _Step(where, params, order, match, _SCORES[match])


def _phone_step(phone: str) -> _Step:
    # "+12025550143" also finds "+12025550143;ext=12" (";" < "<" in byte order).
    return _other(
        "(s.phone = ? OR (s.phone >= ? AND s.phone < ?))",
        (phone, phone + ";", phone + "<"),
        "s.phone, s.seq",
    )


def _dod_id_steps(dod_id: str, phone: str | None) -> list[_Step]:
    steps = [
        _step("s.dod_id = ?", (dod_id,), "s.seq", MatchKind.EXACT_ID),
        _step("s.sponsor_dod_id = ?", (dod_id,), _BY_NAME, MatchKind.SPONSOR_ID),
    ]
    if phone:  # ten digits may also be a phone number read out
        steps.append(_phone_step(phone))
    return steps


def _prefix_range(text: str) -> tuple[str, str]:
    """``smi`` -> (``smi``, ``smj``): every key starting with ``smi`` sorts in between."""
    return text, text[:-1] + chr(ord(text[-1]) + 1)


def _orientations(query: SearchQuery) -> list[tuple[str, str]]:
    """(first, last) readings of the words: "first last" splits, then "last first" ones."""
    if query.last is not None:
        return [(query.first or "", query.last)]
    words = query.words
    n = len(words)
    readings = [(" ".join(words[:k]), " ".join(words[k:])) for k in range(1, n)]
    if n >= 3:  # "first middle last"
        readings.append((words[0], words[-1]))
    readings += [(" ".join(words[k:]), " ".join(words[:k])) for k in range(1, n)]
    return list(dict.fromkeys(readings))


def _name_steps(conn: Connection, query: SearchQuery) -> Iterator[_Step]:
    """Exact, prefix and substring steps, then (only if the page is not full by then) the
    misspelling steps, whose candidates cost a pass over the term index."""
    dob_sql = ""
    dob_params: tuple[str, ...] = ()
    if query.date_of_birth is not None:
        dob_sql, dob_params = " AND s.date_of_birth = ?", (query.date_of_birth.isoformat(),)
    steps: list[_Step] = []

    def add(where: str, params: tuple[Any, ...], order: str, match: MatchKind) -> None:
        steps.append(_step(_narrowed(where, dob_sql), params + dob_params, order, match))

    exact, prefix = MatchKind.EXACT_NAME, MatchKind.PREFIX
    if len(query.words) == 1 and query.last is None:
        word = query.words[0]
        add("s.last_key = ?", (word,), "s.first_key, s.seq", exact)
        add("s.first_key = ?", (word,), "s.last_key, s.seq", exact)
        add("s.last_key >= ? AND s.last_key < ?", _prefix_range(word), _BY_NAME, prefix)
        by_first = "s.first_key, s.last_key, s.seq"
        add("s.first_key >= ? AND s.first_key < ?", _prefix_range(word), by_first, prefix)
    else:
        readings = _orientations(query)
        for first, last in readings:
            if first:
                add("s.last_key = ? AND s.first_key = ?", (last, first), "s.seq", exact)
            else:
                add("s.last_key = ?", (last,), "s.first_key, s.seq", exact)
        for first, last in readings:
            where = "s.last_key >= ? AND s.last_key < ?"
            params: tuple[str, ...] = _prefix_range(last)
            if first:
                where += " AND s.first_key >= ? AND s.first_key < ?"
                params += _prefix_range(first)
            add(where, params, _BY_NAME, prefix)
    trigrams = [w for w in query.words if len(w) >= 3]
    if trigrams and dob_sql:  # a few dozen rows share a birthday: test them directly
        likes = " AND ".join("s.full_key LIKE ?" for _ in trigrams)
        add(likes, tuple(f"%{w}%" for w in trigrams), _BY_NAME, MatchKind.SUBSTRING)
    elif trigrams:
        expression = " AND ".join(f'"{w}"' for w in trigrams)  # words are [a-z] only
        substring = MatchKind.SUBSTRING
        steps.append(_Step("", (), "", substring, _SCORES[substring], expression))
    yield from steps
    for s in _fuzzy_steps(term_index(conn), query):
        yield _Step(_narrowed(s.where, dob_sql), s.params + dob_params, s.order, s.match, s.score)


def _narrowed(where: str, dob_sql: str) -> str:
    """With a date of birth, read by the date index (a few dozen rows even in a million):
    unary ``+`` keeps SQLite from walking every Smith in name order instead."""
    if not dob_sql:
        return where
    unindexed = where.replace("s.last_key", "+s.last_key").replace("s.first_key", "+s.first_key")
    return unindexed + dob_sql


def _fuzzy_steps(index: TermIndex, query: SearchQuery) -> list[_Step]:
    """Misspelled names: stored keys near each typed word, looked up nearest first."""
    groups: list[tuple[int, int, str, tuple[str, ...], tuple[str, ...]]] = []
    if len(query.words) == 1 and query.last is None:
        word = query.words[0]
        kinds: tuple[Kind, Kind] = ("last", "first")
        for kind_order, kind in enumerate(kinds):
            for distance, terms in _by_distance(index.candidates(word, kind)).items():
                groups.append((distance, kind_order, kind, terms, ()))
    else:
        for order, (first, last) in enumerate(_orientations(query)):
            last_groups = _by_distance(index.candidates(last, "last"))
            first_groups = _by_distance(index.candidates(first, "first")) if first else {}
            for dl, last_terms in last_groups.items():
                if not first:
                    groups.append((dl, order, "last", last_terms, ()))
                for df, first_terms in first_groups.items():
                    pairs_cap = max(1, MAX_PAIRS // len(last_terms))  # bounds the index seeks
                    groups.append((dl + df, order, "both", last_terms, first_terms[:pairs_cap]))
    steps: list[_Step] = []
    for distance, _order, cols, terms, first_terms in sorted(groups, key=lambda g: g[:2]):
        score = round(_SCORES[MatchKind.FUZZY] - 0.05 * distance, 2)
        where, params = _in_clause(cols, terms, first_terms)
        steps.append(_Step(where, params, _BY_NAME, MatchKind.FUZZY, score))
    return steps


def _by_distance(candidates: list[tuple[str, int]]) -> dict[int, tuple[str, ...]]:
    grouped: dict[int, list[str]] = {}
    for term, distance in candidates:
        grouped.setdefault(distance, []).append(term)
    return {d: tuple(terms) for d, terms in sorted(grouped.items())}


def _in_clause(
    cols: str, terms: tuple[str, ...], first_terms: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    marks = ", ".join("?" * len(terms))
    if cols == "first":
        return f"s.first_key IN ({marks})", terms
    if cols == "last":
        return f"s.last_key IN ({marks})", terms
    first_marks = ", ".join("?" * len(first_terms))
    return f"s.last_key IN ({marks}) AND s.first_key IN ({first_marks})", terms + first_terms
