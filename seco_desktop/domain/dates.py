"""Reading a date the way a person types it (US order: month first).

Re-exported by :mod:`seco_desktop.domain.normalise`; import from there.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from seco_desktop.domain.errors import InvalidValue
from seco_desktop.domain.text import unify_digits_and_spacing

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9
_MONTH_NAMES = ("", *(calendar.month_name[n] for n in range(1, 13)))

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_US = re.compile(r"(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d+)")
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th)\b")
_WORDY = re.compile(r"[a-z0-9 ,./-]+")
_TOKEN = re.compile(r"[a-z]+|\d+")
_EXAMPLE = "enter it as MM/DD/YYYY, for example 03/07/1990"


def parse_date(text: str, *, label: str = "Date") -> date:
    """Read a typed date: ``1990-03-07``, ``03/07/1990``, ``3/7/1990``, ``03-07-1990``,
    ``03071990``, ``19900307``, ``Mar 7 1990``, ``7 Mar 1990``, ``March 7, 1990``.

    Slashes and dashes are read month first (US). Two-digit years are refused rather than
    guessed. ``label`` names the field in messages.
    """
    s = " ".join(unify_digits_and_spacing(text).lower().split())
    if not s:
        raise InvalidValue(f"{label} is required; {_EXAMPLE}")
    if len(s) > 40:
        raise InvalidValue(f"{label} is not a date; {_EXAMPLE}")
    if re.fullmatch(r"\d{8}", s):
        return _compact(s, label)
    if re.fullmatch(r"\d{6}", s):
        raise InvalidValue(f"{label} needs a four-digit year; {_EXAMPLE}")
    if match := _ISO.fullmatch(s):
        year, month, day = (int(g) for g in match.groups())
        return _build(year, month, day, label)
    if match := _US.fullmatch(s):
        month_text, day_text, year_text = match.groups()
        return _build(_year(year_text, label), int(month_text), int(day_text), label)
    return _wordy(_ORDINAL.sub(r"\1", s), label)


def _compact(s: str, label: str) -> date:
    """Eight digits: YYYYMMDD when that reads as a real date, otherwise MMDDYYYY.

    The two cannot both be real: a year 1800-2199 read as MMDD gives month 18-21."""
    year, month, day = int(s[:4]), int(s[4:6]), int(s[6:])
    if 1800 <= year <= 2199 and 1 <= month <= 12 and 1 <= day <= _days_in(year, month):
        return date(year, month, day)
    return _build(int(s[4:]), int(s[:2]), int(s[2:4]), label)


def _wordy(s: str, label: str) -> date:
    """A month written as a word, a day and a four-digit year, in any order."""
    tokens = _TOKEN.findall(s) if _WORDY.fullmatch(s) else []
    words = [t for t in tokens if t.isalpha()]
    numbers = [t for t in tokens if t.isdigit()]
    if len(words) != 1 or len(numbers) != 2:
        raise InvalidValue(f"{label} is not a date that can be read; {_EXAMPLE}")
    month = _MONTHS.get(words[0])
    if month is None:
        raise InvalidValue(f"{label} has a month name that is not recognised; {_EXAMPLE}")
    years = [t for t in numbers if len(t) > 2]
    if len(years) != 1:
        raise InvalidValue(f"{label} needs a four-digit year, for example 1990")
    day_text = numbers[1] if numbers[0] == years[0] else numbers[0]
    return _build(_year(years[0], label), month, int(day_text), label)


def _year(text: str, label: str) -> int:
    if len(text) != 4:
        raise InvalidValue(f"{label} needs a four-digit year, for example 1990")
    return int(text)


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _build(year: int, month: int, day: int, label: str) -> date:
    """A date, or a message that says which part is impossible."""
    if not 1000 <= year <= 9999:
        raise InvalidValue(f"{label} needs a four-digit year, for example 1990")
    if not 1 <= month <= 12:
        raise InvalidValue(
            f"{label} has a month outside 1 to 12 (dates are read month first: MM/DD/YYYY)"
        )
    if not 1 <= day <= 31:
        raise InvalidValue(f"{label} has a day outside 1 to 31")
    last = _days_in(year, month)
    if day > last:
        days = f"{last} days that year" if month == 2 else f"{last} days"
        raise InvalidValue(f"{label} does not exist: {_MONTH_NAMES[month]} has only {days}")
    return date(year, month, day)
