"""The supervisors' program report for a date range: registrations over time, eligibility mix,
caseload and its age, and coach activity, each as a chart and a table.

All counting happens in SQL (``store/report_queries.py``); this module only lays it out. The
report holds counts and staff names, no spouse's personal data, yet it is marked CUI like every
report because it is drawn from the system of records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer
from sqlalchemy import Connection

from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.reference import Branch, Component, Program, Role
from seco_desktop.services.permissions import Permission, require
from seco_desktop.services.reports.charts import bar_chart, horizontal_stacked
from seco_desktop.services.reports.document import (
    CONTENT_WIDTH,
    Styles,
    fields_table,
    grid_table,
    section,
    text,
)
from seco_desktop.services.reports.framework import (
    BuiltReport,
    ReportProgress,
    ReportRecipe,
    produce,
)
from seco_desktop.services.session import Session
from seco_desktop.store import report_queries as q
from seco_desktop.store.errors import RecordNotFound
from seco_desktop.store.report_queries import (
    AGE_BANDS,
    ActivityRow,
    CaseloadRow,
    EligibilityMix,
    Period,
    ReportScope,
)
from seco_desktop.store.users import get_user, list_users

KIND = "program-report"
MAX_DAYS = 366 * 10
_PROGRAM_NAMES = {Program.SECO.value: "SECO", Program.MYCAA.value: "MyCAA"}
CHART_ROOM = 3.2 * inch  # a section title with less than this below it starts a new page
_CHART_ROWS = 12  # coaches shown in the activity chart (the table lists everyone)


@dataclass(frozen=True, slots=True)
class ProgramFilter:
    """What a supervisor picks: whole days, and optionally one coach, branch or component."""

    date_from: date
    date_to: date
    coach_id: str | None = None
    branch: Branch | None = None
    component: Component | None = None

    def check(self) -> None:
        if self.date_from > self.date_to:
            raise ValidationError((FieldError("date_from", "From must be on or before to"),))
        if (self.date_to - self.date_from).days > MAX_DAYS:
            raise ValidationError((FieldError("date_to", "A report covers at most ten years"),))

    def scope(self) -> ReportScope:
        return ReportScope(
            self.date_from,
            self.date_to,
            coach_id=self.coach_id,
            branch=self.branch.value if self.branch else None,
            component=self.component.value if self.component else None,
        )


@dataclass(frozen=True, slots=True)
class ProgramData:
    filter: ProgramFilter
    period: Period
    registrations: list[tuple[date, int]]
    mix: list[EligibilityMix]
    caseload: list[CaseloadRow]
    activity: list[ActivityRow]
    staff: dict[str, str]


def period_for(date_from: date, date_to: date) -> Period:
    """Days for up to a month, weeks up to half a year, months beyond."""
    days = (date_to - date_from).days + 1
    if days <= 31:
        return Period.DAY
    if days <= 183:
        return Period.WEEK
    return Period.MONTH


def program_recipe(selection: ProgramFilter) -> ReportRecipe[ProgramData]:
    scope = selection.scope()
    period = period_for(selection.date_from, selection.date_to)

    def collect(conn: Connection) -> ProgramData:
        return ProgramData(
            filter=selection,
            period=period,
            registrations=q.registrations_by_period(conn, scope, period),
            mix=q.eligibility_mix(conn, scope, tuple(_PROGRAM_NAMES)),
            caseload=q.caseload(conn, scope),
            activity=q.coach_activity(conn, scope),
            staff=q.staff_names(conn),
        )

    return ReportRecipe(
        kind=KIND,
        title="Program report",
        permission=Permission.VIEW_REPORTS,
        collect=collect,
        subtitle=_subtitle,
        story=program_story,
    )


def build_program_report(
    session: Session, selection: ProgramFilter, progress: ReportProgress | None = None
) -> BuiltReport:
    """The program report PDF (``Permission.VIEW_REPORTS``)."""
    selection.check()
    return produce(session, program_recipe(selection), progress=progress)


def _subtitle(data: ProgramData) -> str:
    f = data.filter
    coach = data.staff.get(f.coach_id, "unknown coach") if f.coach_id else "all coaches"
    branch = f.branch.label if f.branch else "all branches"
    component = f.component.label if f.component else "all components"
    return (
        f"{f.date_from.isoformat()} to {f.date_to.isoformat()} · {coach} · {branch} · {component}"
    )


def _period_label(start: date, period: Period) -> str:
    if period is Period.MONTH:
        return f"{start:%b %Y}"
    if period is Period.WEEK:
        return f"wk {start:%m-%d}"
    return f"{start:%m-%d}"


def _all_periods(data: ProgramData) -> list[tuple[date, int]]:
    """Every period of the range, with zero where nobody registered."""
    counts = dict(data.registrations)
    f, out = data.filter, []
    start = f.date_from
    if data.period is Period.WEEK:
        start -= timedelta(days=start.weekday())
    elif data.period is Period.MONTH:
        start = start.replace(day=1)
    while start <= f.date_to:
        out.append((start, counts.get(start, 0)))
        if data.period is Period.DAY:
            start += timedelta(days=1)
        elif data.period is Period.WEEK:
            start += timedelta(days=7)
        else:
            start = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def program_story(data: ProgramData, styles: Styles) -> list[Flowable]:
    registered = sum(n for _, n in data.registrations)
    on_file = sum(r.open_cases for r in data.caseload)
    story: list[Flowable] = [
        *section("At a glance", styles),
        fields_table(
            [
                ("Registrations in the range", f"{registered:,}"),
                ("Records on file at the end of the range", f"{on_file:,}"),
                ("Notes written", f"{sum(a.notes for a in data.activity):,}"),
                ("Follow-ups closed", f"{sum(a.follow_ups_closed for a in data.activity):,}"),
            ],
            styles,
        ),
    ]
    story += _registrations(data, styles)
    story += _eligibility(data, styles, registered)
    story += _caseload(data, styles)
    story += _activity(data, styles)
    return story


def _registrations(data: ProgramData, styles: Styles) -> list[Flowable]:
    periods = _all_periods(data)
    unit = {Period.DAY: "day", Period.WEEK: "week (from Monday)", Period.MONTH: "month"}
    chart = bar_chart(
        [_period_label(p, data.period) for p, _ in periods],
        [[n for _, n in periods]],
        ["Registrations"],
        styles,
        caption=f"Registrations per {unit[data.period]}",
    )
    table = grid_table(
        ("Period starting", "Registrations"),
        [(p.isoformat(), f"{n:,}") for p, n in periods],
        styles,
        (1.6 * inch, 1.2 * inch),
        numeric_from=1,
    )
    return [*section("Registrations over time", styles, CHART_ROOM), chart, Spacer(1, 6), table]


def _eligibility(data: ProgramData, styles: Styles, registered: int) -> list[Flowable]:
    names = [_PROGRAM_NAMES[m.program] for m in data.mix]
    chart = horizontal_stacked(
        names,
        [
            [m.eligible for m in data.mix],
            [m.not_eligible for m in data.mix],
            [m.no_decision for m in data.mix],
        ],
        ["Eligible", "Not eligible", "No decision recorded"],
        styles,
        caption="Latest decision of the spouses registered in the range",
    )
    rows = [
        (
            _PROGRAM_NAMES[m.program],
            f"{m.eligible:,} ({_pct(m.eligible, registered)})",
            f"{m.not_eligible:,} ({_pct(m.not_eligible, registered)})",
            f"{m.no_decision:,} ({_pct(m.no_decision, registered)})",
        )
        for m in data.mix
    ]
    table = grid_table(
        ("Program", "Eligible", "Not eligible", "No decision recorded"),
        rows,
        styles,
        (1.2 * inch, 1.6 * inch, 1.6 * inch, 1.8 * inch),
        numeric_from=1,
    )
    return [*section("Eligibility mix", styles, CHART_ROOM), chart, Spacer(1, 6), table]


def _band_names() -> list[str]:
    names, lower = [], 0
    for upper in AGE_BANDS:
        names.append(f"{lower}–{upper - 1} days")
        lower = upper
    return [*names, f"{lower}+ days"]


def _coach(data: ProgramData, user_id: str | None) -> str:
    if user_id is None:
        return "Not assigned"
    return data.staff.get(user_id, "Unknown user")


def _caseload(data: ProgramData, styles: Styles) -> list[Flowable]:
    bands = _band_names()
    totals = [sum(r.by_age[i] for r in data.caseload) for i in range(len(bands))]
    chart = bar_chart(
        bands,
        [totals],
        ["Records"],
        styles,
        caption="Records on file by time since registration",
        height=150,
    )
    rows = [
        (_coach(data, r.coach_id), f"{r.open_cases:,}", *(f"{n:,}" for n in r.by_age),
         f"{r.mean_age_days:,.0f}")
        for r in data.caseload
    ]  # fmt: skip
    first = 1.5 * inch
    rest = (CONTENT_WIDTH - first) / (len(bands) + 2)
    table = grid_table(
        ("Coach", "Records", *bands, "Mean age (days)"),
        rows,
        styles,
        (first, *([rest] * (len(bands) + 2))),
        numeric_from=1,
    )
    note = text(
        "Caseload: records on file (not deleted) registered before the end of the range, by "
        "assigned coach; age counts from registration to the end of the range.",
        styles.small,
    )
    return [*section("Caseload and its age", styles, CHART_ROOM), chart, Spacer(1, 6), table, note]


def _activity(data: ProgramData, styles: Styles) -> list[Flowable]:
    if not data.activity:
        return [
            *section("Coach activity", styles),
            text("No notes, registrations or closed follow-ups in this range.", styles.body),
        ]
    busiest = sorted(
        data.activity, key=lambda a: a.notes + a.registrations + a.follow_ups_closed, reverse=True
    )
    shown = busiest[:_CHART_ROWS]
    chart = bar_chart(
        [_short(_coach(data, a.user_id)) for a in shown],
        [
            [a.notes for a in shown],
            [a.registrations for a in shown],
            [a.follow_ups_closed for a in shown],
        ],
        ["Notes", "Registrations", "Follow-ups closed"],
        styles,
        caption=f"Coach activity (the {len(shown)} busiest)",
    )
    rows = [
        (
            _coach(data, a.user_id),
            f"{a.notes:,}",
            f"{a.registrations:,}",
            f"{a.follow_ups_closed:,}",
        )
        for a in busiest
    ]
    table = grid_table(
        ("Staff member", "Notes written", "Registrations", "Follow-ups closed"),
        rows,
        styles,
        (2.4 * inch, 1.3 * inch, 1.3 * inch, 1.5 * inch),
        numeric_from=1,
    )
    note = text(
        "Registrations count the consent each staff member recorded; follow-ups closed count "
        "those assigned to them and marked done in the range.",
        styles.small,
    )
    return [*section("Coach activity", styles, CHART_ROOM), chart, Spacer(1, 6), table, note]


def _short(name: str) -> str:
    return name if len(name) <= 16 else name[:15] + "…"


def coach_id(session: Session, username: str) -> str:
    """The user id of the staff member a supervisor filters a report by (their user name)."""
    require(session, Permission.VIEW_REPORTS)
    with session.store.read() as conn:
        try:
            return get_user(conn, username).id
        except RecordNotFound:
            raise ValidationError(
                (FieldError("coach", f"No staff account with the user name {username!r}"),)
            ) from None


def coaches(session: Session) -> list[tuple[str, str]]:
    """(user id, display name) of every coach account, for the report's coach filter."""
    require(session, Permission.VIEW_REPORTS)
    with session.store.read() as conn:
        users = list_users(conn)
    return [(u.id, u.display_name) for u in users if u.role is Role.COACH]
