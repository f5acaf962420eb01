"""The sponsor, read-only: who they are, where they serve, and how long the SECO window stays open.

Dates are worked out against a ``today`` the caller passes (the services' clock), so the panel
agrees with the eligibility decisions shown beside it.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from seco_desktop.domain.models import Sponsor
from seco_desktop.domain.reference import Component, SponsorStatus, pay_grade_label

SECO_WINDOW_DAYS = 365
NOT_RECORDED = "Not recorded"


def format_date(value: date) -> str:
    """MM/DD/YYYY, as US agents read dates back to callers."""
    return value.strftime("%m/%d/%Y")


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


def time_in_service(entry: date | None, until: date) -> str:
    """ "12 years, 3 months" from ``entry`` to ``until``."""
    if entry is None:
        return NOT_RECORDED
    months = (until.year - entry.year) * 12 + (until.month - entry.month)
    if until.day < entry.day:
        months -= 1
    if months < 0:
        return "Not yet started"
    years, months = divmod(months, 12)
    return f"{_plural(years, 'year')}, {_plural(months, 'month')}"


def separation_text(sponsor: Sponsor, today: date) -> str:
    """The projected or actual separation date and how far it is from ``today``."""
    if sponsor.status is SponsorStatus.SEPARATED:
        if sponsor.separation_date is None:
            return "Separated (date not recorded)"
        ago = (today - sponsor.separation_date).days
        when = format_date(sponsor.separation_date)
        if ago < 0:
            return f"Separates on {when} (in {_days(-ago)})"
        return f"Separated {_days(ago)} ago, on {when}"
    projected = sponsor.projected_separation_date
    if projected is None:
        return NOT_RECORDED
    left = (projected - today).days
    if left >= 0:
        return f"{format_date(projected)} ({_days(left)} remaining)"
    return f"{format_date(projected)} (passed {_days(-left)} ago)"


def seco_window_text(sponsor: Sponsor, today: date, window_days: int = SECO_WINDOW_DAYS) -> str:
    """Whether the SECO window after separation is open, and when it closes."""
    if sponsor.status is SponsorStatus.DIED_ON_ACTIVE_DUTY:
        return "Not applicable (surviving spouse)"
    if sponsor.status is SponsorStatus.SEPARATED:
        if sponsor.separation_date is None:
            return "Unknown: the separation date is needed"
        closes = sponsor.separation_date + timedelta(days=window_days)
        if today < closes:
            left = (closes - today).days
            return f"Open: closes on {format_date(closes)} ({_days(left)} left)"
        return f"Closed on {format_date(closes)}"
    if sponsor.projected_separation_date is None:
        return "Open while the sponsor serves"
    closes = sponsor.projected_separation_date + timedelta(days=window_days)
    return f"Open while the sponsor serves; would close on {format_date(closes)}"


class SponsorPanel(QGroupBox):
    """Read-only sponsor details; :meth:`load` fills them in."""

    _ROWS = (
        ("name", "Name"),
        ("dod_id", "DoD ID"),
        ("pay_grade", "Pay grade"),
        ("branch", "Branch"),
        ("component", "Component"),
        ("status", "Status"),
        ("separation", "Projected separation"),
        ("window", "SECO window"),
        ("service", "Time in service"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Sponsor", parent)
        self.setAccessibleName("Sponsor")
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        self._values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        for key, caption in self._ROWS:
            value = QLabel("", self)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setWordWrap(True)
            value.setAccessibleName(f"Sponsor {caption.lower()}")
            label = QLabel(caption, self)
            label.setBuddy(value)
            form.addRow(label, value)
            self._values[key] = value
            self._captions[key] = label

    def value(self, key: str) -> str:
        """The text shown for a row ("name", "dod_id", "separation", "window", ...)."""
        return self._values[key].text()

    def load(self, sponsor: Sponsor, today: date, window_days: int = SECO_WINDOW_DAYS) -> None:
        status = sponsor.status.label
        if sponsor.component is not Component.ACTIVE_DUTY and sponsor.on_title10_orders:
            status += " (on Title 10 orders)"
        until = today
        if sponsor.status is SponsorStatus.SEPARATED and sponsor.separation_date is not None:
            until = min(today, sponsor.separation_date)
        separated = sponsor.status is SponsorStatus.SEPARATED
        self._captions["separation"].setText("Separation" if separated else "Projected separation")
        texts = {
            "name": sponsor.name.display(),
            "dod_id": sponsor.dod_id,
            "pay_grade": pay_grade_label(sponsor.pay_grade) if sponsor.pay_grade else NOT_RECORDED,
            "branch": sponsor.branch.label,
            "component": sponsor.component.label,
            "status": status,
            "separation": separation_text(sponsor, today),
            "window": seco_window_text(sponsor, today, window_days),
            "service": time_in_service(sponsor.service_entry_date, until),
        }
        for key, text in texts.items():
            self._values[key].setText(text)
