"""Plain-text rendering of results for the terminal."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from seco_desktop.domain.eligibility import format_usd
from seco_desktop.domain.models import Address, Spouse, User
from seco_desktop.domain.reference import Program
from seco_desktop.services.records import RecordView
from seco_desktop.store.search import SearchPage


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    rows = [list(r) for r in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(out)


def search_page(page: SearchPage, page_number: int, page_size: int) -> str:
    if not page.rows:
        return "No matching records."
    body = table(
        ("#", "Name", "DoD ID", "Born", "Branch", "Sponsor", "Match", "Record id"),
        (
            (
                str(page_number * page_size + i + 1),
                r.name,
                r.dod_id_masked,
                r.date_of_birth.isoformat(),
                r.branch.label,
                r.sponsor_status.label,
                r.match.value.replace("_", " "),
                r.id,
            )
            for i, r in enumerate(page.rows)
        ),
    )
    more = "\nMore results: add --page " + str(page_number + 1) if page.has_more else ""
    return body + more


def users(items: Iterable[User]) -> str:
    everyone = list(items)
    names = {u.id: u.username for u in everyone}
    return table(
        ("User", "Name", "Role", "Team of", "Disabled", "Last sign-in (UTC)", "Note"),
        (
            (
                u.username,
                u.display_name,
                u.role.value,
                names.get(u.supervisor_id or "", ""),
                "yes" if u.disabled else "",
                u.last_sign_in_at.strftime("%Y-%m-%d %H:%M") if u.last_sign_in_at else "never",
                f"renamed by sync from {u.renamed_from}" if u.renamed_from else "",
            )
            for u in everyone
        ),
    )


def _address(a: Address | None) -> str:
    if a is None:
        return "-"
    lines = ", ".join(p for p in (a.line1, a.line2) if p)
    return f"{lines}, {a.city} {a.state} {a.postal_code}"


def _d(value: date | None) -> str:
    return value.isoformat() if value else "-"


def record(view: RecordView, today: date) -> str:
    s: Spouse = view.spouse
    sp = s.sponsor
    out = [
        f"{s.name.display()}",
        f"  DoD ID          {s.dod_id}",
        f"  Born            {_d(s.date_of_birth)}",
        f"  Gender          {s.gender.label}",
        f"  Email / phone   {s.email or '-'} / {s.phone or '-'}",
        f"  Address         {_address(s.address)}",
        f"  Military spouse {s.years_as_military_spouse} years",
        f"  MSEP opt-in     {'yes' if s.msep_opt_in else 'no'}",
        "Sponsor",
        f"  {sp.name.display()}  DoD ID {sp.dod_id}",
        f"  {sp.branch.label}, {sp.component.label}, {sp.pay_grade}, {sp.status.label}",
        f"  Projected separation {_d(sp.projected_separation_date)}"
        + (
            f" ({(sp.projected_separation_date - today).days} days)"
            if sp.projected_separation_date
            else ""
        ),
        "Eligibility",
    ]
    for program in (Program.SECO, Program.MYCAA):
        d = view.decisions[program]
        verdict = "eligible" if d.eligible else "NOT eligible"
        out.append(f"  {program.value.upper()}: {verdict} (rule set {d.ruleset_version})")
        out += [f"    - {reason}" for reason in d.reasons]
    b = view.mycaa_balance
    out.append(
        f"  MyCAA used {format_usd(b.used_cents)} of {format_usd(b.lifetime_cap_cents)}; "
        f"remaining {format_usd(b.remaining_cents)} "
        f"({format_usd(b.remaining_this_fy_cents)} in FY{b.fiscal_year})"
    )
    out.append(f"Notes ({len(view.notes)})")
    out += [
        f"  {n.created_at:%Y-%m-%d} {n.contact_type.value:9} {n.topic}" for n in view.notes[-10:]
    ]
    open_items = [f for f in view.follow_ups if not f.done]
    out.append(f"Open follow-ups ({len(open_items)})")
    out += [f"  due {f.due_date.isoformat()}  {f.description}" for f in open_items]
    return "\n".join(out)
