"""Plain-words pieces for the reasons a coach reads to a caller."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from seco_desktop.domain.eligibility._reader import split_pay_grade
from seco_desktop.domain.models import Sponsor
from seco_desktop.domain.reference import Component, MyCAAProgramType, ReservePhase

_GRADE_ORDER = ("E", "W", "O")

PROGRAM_TYPE_PLURAL = {
    MyCAAProgramType.LICENSE: "licenses",
    MyCAAProgramType.CERTIFICATION: "certifications",
    MyCAAProgramType.ASSOCIATE_DEGREE: "associate degrees",
    MyCAAProgramType.GENERAL_STUDIES: "general studies",
}

#: "Sponsor is ..." for each mobilisation phase MyCAA can exclude.
PHASE_STATE = {
    ReservePhase.NONE: "not in a mobilization phase",
    ReservePhase.ALERT_OR_WARNING_ORDER: "under an alert or warning order",
    ReservePhase.POST_DEPLOYMENT_DEMOBILIZATION: "in post-deployment or demobilization status",
    ReservePhase.TRANSITION: "in transition status",
}

_COMPONENT_PLACE = {
    Component.ACTIVE_DUTY: "on active duty",
    Component.NATIONAL_GUARD: "in the National Guard",
    Component.RESERVE: "in the Reserve",
}


def a(word: str) -> str:
    """``word`` with its indefinite article: "an Army", "a Navy"."""
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def and_list(words: Sequence[str]) -> str:
    """ "x", "x and y", "x, y and z"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def component_place(component: Component) -> str:
    """ "on active duty", "in the National Guard", "in the Reserve"."""
    return _COMPONENT_PLACE[component]


def member(sponsor: Sponsor) -> str:
    """ "an active-duty Army member", "a Navy member in the Reserve"."""
    if sponsor.component is Component.ACTIVE_DUTY:
        return f"an active-duty {sponsor.branch.label} member"
    return f"{a(sponsor.branch.label)} member {component_place(sponsor.component)}"


def grade_ranges(grades: Iterable[str]) -> str:
    """ "E-1–E-6, W-1–W-2, O-1–O-3": runs of consecutive grades, enlisted, warrant, officer."""
    numbers: dict[str, list[int]] = {letter: [] for letter in _GRADE_ORDER}
    for grade in grades:
        parsed = split_pay_grade(grade)
        if parsed is not None:
            numbers[parsed[0]].append(parsed[1])
    runs: list[str] = []
    for letter in _GRADE_ORDER:
        ordered = sorted(numbers[letter])
        start = 0
        for i in range(1, len(ordered) + 1):
            if i == len(ordered) or ordered[i] != ordered[i - 1] + 1:
                low, high = ordered[start], ordered[i - 1]
                runs.append(f"{letter}-{low}" if low == high else f"{letter}-{low}–{letter}-{high}")
                start = i
    return ", ".join(runs)


def grade_is_above(grade: str, grades: Iterable[str]) -> bool:
    """True when ``grade`` is higher than every listed grade of its kind (E, W or O)."""
    parsed = split_pay_grade(grade)
    if parsed is None:
        return False
    same_kind = [p[1] for p in map(split_pay_grade, grades) if p is not None and p[0] == parsed[0]]
    return bool(same_kind) and parsed[1] > max(same_kind)
