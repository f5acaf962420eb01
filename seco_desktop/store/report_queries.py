"""Aggregations for the supervisors' program reports, done in SQL so 100,000 records stay fast.

Every query takes a :class:`ReportScope` (a date range of whole days plus optional coach,
branch and component filters) and returns counts, never records. Periods and ages use SQLite's
date functions: reports run on the local store, which is always SQLite (SQLCipher).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    case,
    func,
    literal,
    select,
    true,
)

from seco_desktop.store.schema import app_user
from seco_desktop.store.schema import eligibility_decision as dec
from seco_desktop.store.schema import follow_up as fu
from seco_desktop.store.schema import note as nt
from seco_desktop.store.schema import spouse as sp

#: Upper bounds (days since registration) of the caseload age bands; the last band is open.
AGE_BANDS: tuple[int, ...] = (30, 90, 180, 365)


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"  # weeks start on Monday
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class ReportScope:
    """Whole days ``date_from``..``date_to`` (both included) and the optional filters."""

    date_from: date
    date_to: date
    coach_id: str | None = None
    branch: str | None = None
    component: str | None = None

    @property
    def start(self) -> datetime:
        return datetime.combine(self.date_from, time.min)

    @property
    def end(self) -> datetime:
        """The first instant after the range (exclusive bound)."""
        return datetime.combine(self.date_to + timedelta(days=1), time.min)


@dataclass(frozen=True, slots=True)
class EligibilityMix:
    program: str
    eligible: int
    not_eligible: int
    no_decision: int  # registered in the range with no decision recorded for the program


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    coach_id: str | None  # None: not assigned to anyone
    open_cases: int
    by_age: tuple[int, ...]  # one count per band of AGE_BANDS, then the open band
    mean_age_days: float


@dataclass(frozen=True, slots=True)
class ActivityRow:
    user_id: str
    notes: int
    registrations: int
    follow_ups_closed: int


def _spouse_filters(scope: ReportScope, *, by_coach: bool = True) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [sp.c.deleted.is_(False)]
    if by_coach and scope.coach_id is not None:
        # Wrapped so SQLite stays on the covering ix_spouse_report instead of ix_spouse_coach,
        # which would read each of the coach's rows, JSON profile and all.
        where.append(func.coalesce(sp.c.assigned_coach, "") == scope.coach_id)
    if scope.branch is not None:
        where.append(sp.c.branch == scope.branch)
    if scope.component is not None:
        where.append(sp.c.component == scope.component)
    return where


def _registered_in(scope: ReportScope) -> list[ColumnElement[bool]]:
    return [*_spouse_filters(scope), sp.c.created_at >= scope.start, sp.c.created_at < scope.end]


def _period_start(column: Any, period: Period) -> Any:
    if period is Period.DAY:
        return func.date(column)
    if period is Period.WEEK:  # the Monday on or before the day
        return func.date(column, "-6 days", "weekday 1")
    return func.strftime("%Y-%m-01", column)


def registrations_by_period(
    conn: Connection, scope: ReportScope, period: Period
) -> list[tuple[date, int]]:
    """Registrations per period start, oldest first; periods with none are left out."""
    start = _period_start(sp.c.created_at, period).label("period")
    rows = conn.execute(
        select(start, func.count()).where(*_registered_in(scope)).group_by(start).order_by(start)
    )
    return [(date.fromisoformat(str(p)), int(n)) for p, n in rows]


def eligibility_mix(
    conn: Connection, scope: ReportScope, programs: tuple[str, ...]
) -> list[EligibilityMix]:
    """For the spouses registered in the range: their latest decision per program."""
    mix = []
    for program in programs:
        latest = (
            select(dec.c.eligible)
            .where(dec.c.spouse_id == sp.c.id, dec.c.program == program)
            .order_by(dec.c.decided_at.desc(), dec.c.id.desc())  # synced ones arrive late
            .limit(1)
            .scalar_subquery()
            .label("latest")
        )
        decided = select(latest).where(*_registered_in(scope)).subquery()
        row = conn.execute(
            select(
                func.count(),
                func.sum(case((decided.c.latest.is_(True), 1), else_=0)),
                func.sum(case((decided.c.latest.is_(False), 1), else_=0)),
            )
        ).one()
        total, yes, no = int(row[0]), int(row[1] or 0), int(row[2] or 0)
        mix.append(EligibilityMix(program, yes, no, total - yes - no))
    return mix


def caseload(conn: Connection, scope: ReportScope) -> list[CaseloadRow]:
    """Records on file at the end of the range, per assigned coach, with their age bands."""
    age = func.julianday(literal(scope.end)) - func.julianday(sp.c.created_at)
    bands: list[Any] = []
    lower = 0
    for upper in AGE_BANDS:
        bands.append(func.sum(case((and_(age >= lower, age < upper), 1), else_=0)))
        lower = upper
    bands.append(func.sum(case((age >= lower, 1), else_=0)))
    # Grouping by an expression keeps SQLite on the narrow covering index: grouping by the bare
    # column makes it walk ix_spouse_coach and read every row's profile.
    coach = func.coalesce(sp.c.assigned_coach, "")
    rows = conn.execute(
        select(coach, func.count(), func.avg(age), *bands)
        .where(*_spouse_filters(scope), sp.c.created_at < scope.end)
        .group_by(coach)
        .order_by(func.count().desc())
    ).all()
    return [
        CaseloadRow(
            coach_id=row[0] or None,
            open_cases=int(row[1]),
            mean_age_days=float(row[2] or 0.0),
            by_age=tuple(int(v or 0) for v in row[3:]),
        )
        for row in rows
    ]


def coach_activity(conn: Connection, scope: ReportScope) -> list[ActivityRow]:
    """Per staff member, in the range: notes written, registrations recorded (the consent's
    recorder), follow-ups closed (those assigned to them). Branch and component filter on the
    spouse the work was about; a coach filter keeps that coach's own work only."""
    spouse_where = _spouse_filters(scope, by_coach=False)  # the coach's own work, any spouse
    spouses = select(sp.c.id).where(*spouse_where).scalar_subquery()
    notes: dict[str, int] = dict(
        conn.execute(
            select(nt.c.author, func.count())
            .where(nt.c.created_at >= scope.start, nt.c.created_at < scope.end)
            .where(nt.c.spouse_id.in_(spouses))
            .where(nt.c.author == scope.coach_id if scope.coach_id else true())
            .group_by(nt.c.author)
        ).all()
    )
    recorder = sp.c.registered_by  # None: the spouse registered online, nobody's activity
    registrations: dict[str, int] = dict(
        conn.execute(
            select(recorder, func.count())
            .where(*spouse_where, sp.c.created_at >= scope.start, sp.c.created_at < scope.end)
            .where(recorder.is_not(None))
            .where(recorder == scope.coach_id if scope.coach_id else true())
            .group_by(recorder)
        ).all()
    )
    closed: dict[str, int] = dict(
        conn.execute(
            select(fu.c.assignee, func.count())
            .where(fu.c.done_at >= scope.start, fu.c.done_at < scope.end, fu.c.done.is_(True))
            .where(fu.c.spouse_id.in_(spouses))
            .where(fu.c.assignee == scope.coach_id if scope.coach_id else true())
            .group_by(fu.c.assignee)
        ).all()
    )
    users = sorted(set(notes) | set(registrations) | set(closed), key=str)
    return [
        ActivityRow(
            user_id=str(u),
            notes=int(notes.get(u, 0)),
            registrations=int(registrations.get(u, 0)),
            follow_ups_closed=int(closed.get(u, 0)),
        )
        for u in users
    ]


def staff_names(conn: Connection) -> dict[str, str]:
    """Every staff account's id → display name (reports name people, not ids)."""
    return {str(i): str(n) for i, n in conn.execute(select(app_user.c.id, app_user.c.display_name))}
