"""A spouse's summary for a coach to print: profile, sponsor, eligibility, MyCAA, casework.

The minimum-necessary variant masks the spouse's and the sponsor's DoD IDs (last four digits
kept) and withholds the date of birth: use it whenever the reader does not need them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Spacer
from sqlalchemy import Connection

from seco_desktop.domain.eligibility import Decision, MyCAABalance, balance, decide_all, format_usd
from seco_desktop.domain.errors import FieldError, ValidationError
from seco_desktop.domain.models import Address, FollowUp, Note, Spouse
from seco_desktop.domain.reference import Program, pay_grade_label
from seco_desktop.services.clock import today
from seco_desktop.services.permissions import Permission
from seco_desktop.services.reports.document import (
    CONTENT_WIDTH,
    Styles,
    fields_table,
    grid_table,
    keep,
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
from seco_desktop.store import casework, spouses
from seco_desktop.store.report_queries import staff_names

KIND = "spouse-summary"
WITHHELD = "Withheld (minimum necessary)"


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    minimum_necessary: bool = False
    notes_from: date | None = None  # None: from the first note
    notes_to: date | None = None  # None: up to today

    def check(self) -> None:
        if self.notes_from and self.notes_to and self.notes_from > self.notes_to:
            raise ValidationError(
                (FieldError("notes_from", "Notes from must be on or before notes to"),)
            )


@dataclass(frozen=True, slots=True)
class SummaryData:
    spouse: Spouse
    decisions: dict[Program, Decision]
    mycaa: MyCAABalance
    notes: list[Note]
    follow_ups: list[FollowUp]
    staff: dict[str, str]
    options: SummaryOptions
    on: date


def mask_dod_id(dod_id: str) -> str:
    return "******" + dod_id[-4:]


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _address(a: Address | None) -> str:
    if a is None:
        return "—"
    street = ", ".join(p for p in (a.line1, a.line2) if p)
    return f"{street}, {a.city} {a.state} {a.postal_code}"


def summary_recipe(
    session: Session, spouse_id: str, options: SummaryOptions
) -> ReportRecipe[SummaryData]:
    on = today(session.clock)

    def collect(conn: Connection) -> SummaryData:
        spouse = spouses.get_spouse(conn, spouse_id)
        mycaa_rules = session.rulebook.effective(Program.MYCAA, on)
        return SummaryData(
            spouse=spouse,
            decisions=decide_all(spouse, on, session.rulebook),
            mycaa=balance(spouse, on, mycaa_rules),
            notes=casework.notes_for(conn, spouse_id, options.notes_from, options.notes_to),
            follow_ups=casework.follow_ups_for(conn, spouse_id),
            staff=staff_names(conn),
            options=options,
            on=on,
        )

    return ReportRecipe(
        kind=KIND,
        title="Spouse summary",
        permission=Permission.PRINT_RECORD,
        collect=collect,
        subtitle=_subtitle,
        story=summary_story,
    )


def build_summary(
    session: Session,
    spouse_id: str,
    options: SummaryOptions | None = None,
    progress: ReportProgress | None = None,
) -> BuiltReport:
    """The summary PDF of one spouse (``Permission.PRINT_RECORD``; audited as a print)."""
    options = options or SummaryOptions()
    options.check()
    recipe = summary_recipe(session, spouse_id, options)
    return produce(session, recipe, subject_id=spouse_id, progress=progress)


def _subtitle(data: SummaryData) -> str:
    variant = (
        "Minimum-necessary copy: DoD IDs masked, date of birth withheld. "
        if (data.options.minimum_necessary)
        else ""
    )
    return f"{variant}Eligibility as of {data.on.isoformat()}. Notes {_notes_range(data)}."


def _notes_range(data: SummaryData) -> str:
    o = data.options
    if o.notes_from is None and o.notes_to is None:
        return "all dates"
    return (
        f"from {_d(o.notes_from) if o.notes_from else 'the first'} to {_d(o.notes_to or data.on)}"
    )


def summary_story(data: SummaryData, styles: Styles) -> list[Flowable]:
    s, minimum = data.spouse, data.options.minimum_necessary
    sp = s.sponsor
    story: list[Flowable] = [
        *section(s.name.display(), styles),
        fields_table(
            [
                ("DoD ID", mask_dod_id(s.dod_id) if minimum else s.dod_id),
                ("Date of birth", WITHHELD if minimum else s.date_of_birth.isoformat()),
                ("Gender", s.gender.label),
                ("Mailing address", _address(s.address)),
                ("Email", s.email or "—"),
                ("Phone", s.phone or "—"),
                ("Years as a military spouse", s.years_as_military_spouse),
                ("Career goals", s.career_goals or "—"),
                ("MSEP candidate search", "Opted in" if s.msep_opt_in else "Not opted in"),
                ("Assigned coach", data.staff.get(s.assigned_coach or "", "Not assigned")),
                ("Registered", f"{s.created_at:%Y-%m-%d}" if s.created_at else "—"),
            ],
            styles,
        ),
        *section("Sponsor", styles),
        fields_table(
            [
                ("Name", sp.name.display()),
                ("DoD ID", mask_dod_id(sp.dod_id) if minimum else sp.dod_id),
                ("Branch and component", f"{sp.branch.label}, {sp.component.label}"),
                ("Pay grade", pay_grade_label(sp.pay_grade)),
                ("Service status", sp.status.label),
                ("Time in service from", _d(sp.service_entry_date)),
                ("Projected separation", _d(sp.projected_separation_date)),
                ("Separated on", _d(sp.separation_date)),
            ],
            styles,
        ),
    ]
    story += _eligibility(data, styles)
    story += _profile_lists(s, styles)
    story += _notes(data, styles)
    story += _follow_ups(data, styles)
    return story


def _eligibility(data: SummaryData, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [*section("Eligibility", styles)]
    for program, name in ((Program.SECO, "SECO"), (Program.MYCAA, "MyCAA")):
        d = data.decisions[program]
        verdict = "Eligible" if d.eligible else "Not eligible"
        out.append(
            keep(
                text(f"{name}: {verdict} (rule set {d.ruleset_version})", styles.cell_bold),
                *(text(f"• {reason}", styles.cell) for reason in d.reasons),
                Spacer(1, 4),
            )
        )
    b = data.mycaa
    out.append(
        fields_table(
            [
                ("MyCAA lifetime cap", format_usd(b.lifetime_cap_cents)),
                ("MyCAA used", format_usd(b.used_cents)),
                ("MyCAA remaining", format_usd(b.remaining_cents)),
                (f"Remaining in FY{b.fiscal_year}", format_usd(b.remaining_this_fy_cents)),
            ],
            styles,
        )
    )
    awards = data.spouse.mycaa_awards
    if awards:
        table = grid_table(
            ("Fiscal year", "Pays for", "Description", "Amount"),
            [
                (
                    f"FY{a.fiscal_year}",
                    a.program_type.value.replace("_", " "),
                    a.description + (" (cap waived)" if a.waiver else ""),
                    format_usd(a.amount_cents),
                )
                for a in awards
            ],
            styles,
            (0.9 * inch, 1.4 * inch, CONTENT_WIDTH - 3.3 * inch, 1.0 * inch),
            numeric_from=3,
        )
        out.append(keep(Spacer(1, 6), text("MyCAA awards", styles.cell_bold), table))
    return out


def _profile_lists(s: Spouse, styles: Styles) -> list[Flowable]:
    rows: list[tuple[str, object]] = []
    rows += [
        (
            "Education",
            f"{e.level.value.replace('_', ' ')}, {e.field_of_study or 'no field given'}, "
            f"{e.institution}" + (" (completed)" if e.completed else ""),
        )
        for e in s.education
    ]
    rows += [
        (
            "Work experience",
            f"{w.title}, {w.employer} "
            f"({_d(w.start_date)} – {_d(w.end_date) if w.end_date else 'now'})",
        )
        for w in s.work_experience
    ]
    rows += [
        ("Certificate / license", f"{c.name}" + (f", {c.issuer}" if c.issuer else ""))
        for c in s.credentials
    ]
    if s.skills:
        rows.append(("Skills", ", ".join(k.name for k in s.skills)))
    if not rows:
        return []
    return [*section("Education, work and skills", styles), fields_table(rows, styles)]


def _notes(data: SummaryData, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [*section(f"Notes ({len(data.notes)}, {_notes_range(data)})", styles)]
    if not data.notes:
        return [*out, text("No notes in this date range.", styles.body)]
    out.append(
        grid_table(
            ("Date (UTC)", "By", "Contact", "Topic and note"),
            [
                (
                    f"{n.created_at:%Y-%m-%d %H:%M}",
                    data.staff.get(n.author, "Unknown user"),
                    n.contact_type.value.replace("_", " "),
                    f"{n.topic}\n{n.body}",
                )
                for n in data.notes
            ],
            styles,
            (1.2 * inch, 1.25 * inch, 0.75 * inch, CONTENT_WIDTH - 3.2 * inch),
        )
    )
    return out


def _follow_ups(data: SummaryData, styles: Styles) -> list[Flowable]:
    out: list[Flowable] = [*section(f"Follow-ups ({len(data.follow_ups)})", styles)]
    if not data.follow_ups:
        return [*out, text("No follow-ups.", styles.body)]
    out.append(
        grid_table(
            ("Due", "Assigned to", "Status", "What"),
            [
                (
                    f.due_date.isoformat(),
                    data.staff.get(f.assignee, "Unknown user"),
                    f"Done {f.done_at:%Y-%m-%d}"
                    if f.done and f.done_at
                    else ("Overdue" if f.due_date < data.on else "Open"),
                    f.description,
                )
                for f in data.follow_ups
            ],
            styles,
            (0.9 * inch, 1.3 * inch, 1.0 * inch, CONTENT_WIDTH - 3.2 * inch),
        )
    )
    return out
