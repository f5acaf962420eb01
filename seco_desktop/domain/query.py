"""Reading the one search box the way an agent types into it while a caller talks.

The box takes a DoD ID (10 digits, spaces or dashes allowed), a name ("last, first", "first last"
or the first letters of either), an email address, a phone number, a date of birth, or a name
with a date of birth ("smith 3/7/1990"). The result is a :class:`SearchQuery` of normalised parts;
the store decides how to look them up. Pure: no SQL, no Qt.

Privacy: a query holds personal data, so its ``repr`` names only which parts are present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from seco_desktop.domain.errors import InvalidValue
from seco_desktop.domain.normalise import (
    canonical_suffix,
    name_key,
    normalise_dod_id,
    normalise_email,
    normalise_phone,
    parse_date,
)
from seco_desktop.domain.reference import Branch, SponsorStatus
from seco_desktop.domain.text import unify_digits_and_spacing


class QueryKind(StrEnum):
    EMPTY = "empty"  # nothing typed yet
    INCOMPLETE = "incomplete"  # digits still being typed (a DoD ID in progress)
    INVALID = "invalid"  # looks like a date or phone but cannot be one; ``problem`` says why
    DOD_ID = "dod_id"
    NAME = "name"  # may carry a date of birth that narrows it
    EMAIL = "email"
    PHONE = "phone"
    DATE_OF_BIRTH = "date_of_birth"


@dataclass(frozen=True, slots=True, repr=False)
class SearchQuery:
    """What was typed, normalised. ``words`` are name keys (a-z) in typed order; ``last`` and
    ``first`` are set only when the agent typed "last, first" (``first`` may be empty)."""

    kind: QueryKind
    words: tuple[str, ...] = ()
    last: str | None = None
    first: str | None = None
    dod_id: str | None = None
    email: str | None = None
    phone: str | None = None  # with a DoD ID: the same digits read as a US phone number, if valid
    date_of_birth: date | None = None
    problem: str | None = None

    @property
    def explicit_order(self) -> bool:
        """True when a comma said which part is the last name."""
        return self.last is not None

    def __repr__(self) -> str:
        present = [
            name
            for name in ("words", "dod_id", "email", "phone", "date_of_birth")
            if getattr(self, name)
        ]
        return f"SearchQuery(kind={self.kind.value}, parts={present})"


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Narrowing that applies to every kind of query."""

    branch: Branch | None = None
    sponsor_status: SponsorStatus | None = None
    assigned_coach: str | None = None  # user id


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: Date-shaped pieces inside a longer query. The year part of the numeric forms takes any
#: number of digits so "3/7/90" is reported (two-digit years are refused) instead of ignored.
_DATE_IN_TEXT = re.compile(
    rf"(?<![\w/.-])(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}"
    rf"|\d{{1,2}} ?[-/.] ?\d{{1,2}} ?[-/.] ?\d+"
    rf"|\d{{8}}"
    rf"|{_MONTH} {_DAY},? \d{{4}}"
    rf"|{_DAY} {_MONTH},? \d{{4}})(?![\w/.-])",
    re.IGNORECASE,
)
_DIGITS_AND_DASHES = re.compile(r"[\d -]+")
_PHONE_SHAPE = re.compile(r"\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?)\s*\d+)?", re.IGNORECASE)


def parse_query(text: str) -> SearchQuery:
    """Classify and normalise one search box entry; never raises."""
    s = " ".join(unify_digits_and_spacing(text).split())
    if not s:
        return SearchQuery(QueryKind.EMPTY)
    if "@" in s:
        return _email(s)
    if _DIGITS_AND_DASHES.fullmatch(s) and (
        sum(ch.isdigit() for ch in s) == 10 or not _DATE_IN_TEXT.fullmatch(s)
    ):
        return _digits(s)  # ten digits can never be a date with a four-digit year
    if _DATE_IN_TEXT.fullmatch(s):
        return _date_only(s)
    if _PHONE_SHAPE.fullmatch(s) and sum(ch.isdigit() for ch in s) >= 10:
        try:
            return SearchQuery(QueryKind.PHONE, phone=normalise_phone(s))
        except InvalidValue as exc:
            return SearchQuery(QueryKind.INVALID, problem=exc.message)
    return _name(s)


def _email(s: str) -> SearchQuery:
    try:
        return SearchQuery(QueryKind.EMAIL, email=normalise_email(s))
    except InvalidValue:
        # Still being typed ("ana@"): look it up as the start of an address.
        return SearchQuery(QueryKind.EMAIL, email=s.replace(" ", ""))


def _digits(s: str) -> SearchQuery:
    """Digits with spaces or dashes: a DoD ID, or a US phone number written 1-NXX-NXX-XXXX."""
    digits = s.replace(" ", "").replace("-", "")
    if len(digits) == 10:
        dod_id = normalise_dod_id(digits)
        try:
            phone: str | None = normalise_phone(digits)
        except InvalidValue:
            phone = None
        return SearchQuery(QueryKind.DOD_ID, dod_id=dod_id, phone=phone)
    if len(digits) == 11 and digits.startswith("1"):
        try:
            return SearchQuery(QueryKind.PHONE, phone=normalise_phone(digits))
        except InvalidValue as exc:
            return SearchQuery(QueryKind.INVALID, problem=exc.message)
    if len(digits) > 11:
        return SearchQuery(QueryKind.INVALID, problem="A DoD ID has 10 digits; too many digits")
    return SearchQuery(QueryKind.INCOMPLETE)


def _date_only(s: str) -> SearchQuery:
    try:
        return SearchQuery(
            QueryKind.DATE_OF_BIRTH, date_of_birth=parse_date(s, label="Date of birth")
        )
    except InvalidValue as exc:
        return SearchQuery(QueryKind.INVALID, problem=exc.message)


def _name(s: str) -> SearchQuery:
    """Name text, perhaps with one date of birth somewhere in it."""
    dob: date | None = None
    match = _DATE_IN_TEXT.search(s)
    if match is not None:
        try:
            dob = parse_date(match.group(0), label="Date of birth")
        except InvalidValue as exc:
            return SearchQuery(QueryKind.INVALID, problem=exc.message)
        s = f"{s[: match.start()]} {s[match.end() :]}"
    if "," in s:
        last_text, _, first_text = s.partition(",")
        last, first = _name_words(last_text), _name_words(first_text)
        if last:
            words = (*last, *first)
            return SearchQuery(
                QueryKind.NAME,
                words=words,
                last=" ".join(last),
                first=" ".join(first),
                date_of_birth=dob,
            )
        s = first_text
    words = _name_words(s)
    if words:
        return SearchQuery(QueryKind.NAME, words=words, date_of_birth=dob)
    if dob is not None:
        return SearchQuery(QueryKind.DATE_OF_BIRTH, date_of_birth=dob)
    return SearchQuery(QueryKind.EMPTY)


def _name_words(text: str) -> tuple[str, ...]:
    """Folded name words without generational suffixes ("Smith Jr." -> ("smith",))."""
    words = tuple(name_key(text).split())
    kept = tuple(w for w in words if not canonical_suffix(w))
    return kept or words
