"""Synthetic spouse records and casework for demos, tests and benchmarks.

Deterministic: everything comes from one ``random.Random(seed)`` and the ``today`` passed in (no
global random, no clock, record ids drawn from the same generator), so a seed names a data set.
Fast enough for a million records: pools and weighted tables are built once at import and each
record is a handful of table look-ups.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TypeVar

from seco_desktop.demo import names as pool
from seco_desktop.domain import reference as ref
from seco_desktop.domain.models import (
    Address,
    Consent,
    Credential,
    Education,
    FollowUp,
    MyCAAAward,
    Note,
    PersonName,
    Skill,
    Sponsor,
    Spouse,
    WorkExperience,
)
from seco_desktop.domain.normalise import name_key

T = TypeVar("T")

#: Version of the Privacy Act statement the demo consents acknowledge.
DEMO_STATEMENT_VERSION = "2024-01"


def _table(code: Callable[[str], T], weights: Mapping[str, int]) -> tuple[T, ...]:
    """Expand integer weights into a look-up table: ``t[int(random() * len(t))]`` is a draw."""
    return tuple(code(key) for key, weight in weights.items() for _ in range(weight))


_BRANCHES = _table(ref.Branch, pool.BRANCH_WEIGHTS)
_COMPONENTS = {ref.Branch(b): _table(ref.Component, w) for b, w in pool.COMPONENT_WEIGHTS.items()}
_GRADES = {
    b: _table(str, {g: pool.GRADE_WEIGHTS[g] for g in ref.PAY_GRADES[b]}) for b in ref.Branch
}
_MYCAA_GRADES = frozenset(pool.MYCAA_GRADES)
_STATUSES = _table(ref.SponsorStatus, pool.STATUS_WEIGHTS)
_PHASES_ON_ORDERS = _table(ref.ReservePhase, pool.PHASE_WEIGHTS_ON_ORDERS)
_PHASES_OFF_ORDERS = _table(ref.ReservePhase, pool.PHASE_WEIGHTS_OFF_ORDERS)
_GENDERS = _table(ref.Gender, pool.GENDER_WEIGHTS)
_REGIONS = _table(str, pool.REGION_WEIGHTS)
_ALL_FEMALE = tuple(n for names in pool.FEMALE_FIRST.values() for n in names)
_ALL_MALE = tuple(n for names in pool.MALE_FIRST.values() for n in names)
_DOMESTIC = tuple(tuple(p.split("|")) for p in pool.DOMESTIC_PLACES)
_TERRITORY = tuple(tuple(p.split("|")) for p in pool.TERRITORY_PLACES)
_MIL_STATES = _table(str, pool.MILITARY_STATE_WEIGHTS)
_EDUCATION_LEVELS = _table(ref.EducationLevel, pool.EDUCATION_LEVEL_WEIGHTS)
_EDUCATION_DAYS = {ref.EducationLevel(k): v * 365 - 30 for k, v in pool.EDUCATION_YEARS.items()}
_CREDENTIALS = tuple(
    (ref.CredentialKind(k), name, issuer)
    for k, name, issuer in (c.split("|") for c in pool.CREDENTIALS)
)
_STATE_CODES = tuple(sorted({p[0] for p in _DOMESTIC}))
_SKILL_LEVELS = _table(ref.SkillLevel, pool.SKILL_LEVEL_WEIGHTS)
_AWARD_TYPES = _table(ref.MyCAAProgramType, pool.AWARD_TYPE_WEIGHTS)
_CONTACT_TYPES = _table(ref.ContactType, pool.CONTACT_TYPE_WEIGHTS)
_DOD_ID_SPACE = 9_000_000_000  # 1000000000..9999999999
_DOD_ID_STEP = 4_294_967_291  # prime, so i -> (i * step + offset) mod space never repeats
_DAY, _MINUTE = timedelta(days=1), timedelta(minutes=1)


#: Enum members the hot paths compare against (a module global is cheaper than Enum.Member).
_FEMALE, _MALE, _UNDISCLOSED = ref.Gender.FEMALE, ref.Gender.MALE, ref.Gender.UNDISCLOSED
_SERVING, _NO_PHASE = ref.SponsorStatus.SERVING, ref.ReservePhase.NONE
_ACTIVE_DUTY, _HIGH_SCHOOL = ref.Component.ACTIVE_DUTY, ref.EducationLevel.HIGH_SCHOOL
_LICENSE, _SEA_SERVICES = ref.CredentialKind.LICENSE, (ref.Branch.NAVY, ref.Branch.MARINE_CORPS)


def _uuid(rng: random.Random) -> str:
    """A version-4 UUID from ``rng`` (``uuid.UUID(int=..., version=4)``, formatted directly)."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


class _SpouseMaker:
    """One record at a time; the state is the random generator and a name-to-slug cache."""

    def __init__(self, seed: int, today: date, coaches: Sequence[str]) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.rand = self.rng.random
        self.today = today
        self.today_ord = today.toordinal()
        self.coaches = tuple(coaches)
        self.dod_offset = random.Random(f"dod-id:{seed}").randrange(_DOD_ID_SPACE)  # noqa: S311
        self.fiscal_year = today.year + (1 if today.month >= 10 else 0)
        self.slugs: dict[str, str] = {}

    def pick(self, table: Sequence[T]) -> T:
        return table[int(self.rand() * len(table))]

    def chance(self, p: float) -> bool:
        return self.rand() < p

    def dod_id(self, index: int) -> str:
        return str(1_000_000_000 + (index * _DOD_ID_STEP + self.dod_offset) % _DOD_ID_SPACE)

    def surname(self) -> tuple[str, str]:
        """(surname, origin): plain mostly, else hyphenated, double or with a particle."""
        region = self.pick(_REGIONS)
        last = self.pick(pool.SURNAMES[region])
        roll = self.rand()
        if roll < 0.05:
            last = f"{last}-{self.pick(pool.SURNAMES[self.pick(_REGIONS)])}"
        elif roll < 0.09 and region in pool.DOUBLE_SURNAME_REGIONS:
            last = f"{last} {self.pick(pool.SURNAMES[region])}"
        elif roll < 0.12:
            last = self.pick(pool.PARTICLE_SURNAMES)
        return last, region

    def first(self, gender: ref.Gender, region: str) -> str:
        if gender is _UNDISCLOSED:
            gender = _FEMALE if self.chance(0.5) else _MALE
        pools = pool.FEMALE_FIRST if gender is _FEMALE else pool.MALE_FIRST
        if self.chance(0.6):
            return self.pick(pools[pool.FIRST_POOL_FOR_REGION[region]])
        if self.chance(0.6):
            return self.pick(pools["us"])
        return self.pick(_ALL_FEMALE if gender is _FEMALE else _ALL_MALE)

    def person(self, gender: ref.Gender, last: str, region: str, suffix_share: float) -> PersonName:
        first = self.first(gender, region)
        middle = self.first(gender, region) if self.chance(0.65) else ""
        suffix = self.pick(pool.SUFFIXES) if self.chance(suffix_share) else ""
        return PersonName(first=first, last=last, middle=middle, suffix=suffix)

    def slug(self, name: str) -> str:
        slug = self.slugs.get(name)
        if slug is None:
            slug = self.slugs[name] = name_key(name).replace(" ", "") or "spouse"
        return slug

    def email(self, name: PersonName) -> str:
        first, last = self.slug(name.first), self.slug(name.last)
        shape = self.rand()
        if shape < 0.4:
            local = f"{first}.{last}{int(self.rand() * 100)}"
        elif shape < 0.7:
            local = f"{first[0]}{last}{int(self.rand() * 1000)}"
        else:
            local = f"{first}{last[:1]}{1970 + int(self.rand() * 40)}"
        return f"{local}@{self.pick(pool.EMAIL_DOMAINS)}"

    def phone(self) -> str:
        return f"+1{self.pick(pool.AREA_CODES)}55501{int(self.rand() * 100):02d}"

    def sponsor(self, index: int, name: PersonName) -> tuple[Sponsor, int, int]:
        """The sponsor, their years of service and the days since they left (0 if serving)."""
        rand, today = self.rand, self.today_ord
        branch = self.pick(_BRANCHES)
        component = self.pick(_COMPONENTS[branch])
        grade = self.pick(_GRADES[branch])
        low, high = pool.YEARS_AT_GRADE[grade]
        years = low + int(rand() * (high - low + 1))
        status = self.pick(_STATUSES)
        gone = 0
        if status is not _SERVING:
            gone = 1 + int(rand() * 364) if rand() < 0.5 else 365 + int(rand() * 3300)
        left = today - gone
        entry = date.fromordinal(left - years * 365 - int(rand() * 365))
        on_orders, phase = False, _NO_PHASE
        if component is not _ACTIVE_DUTY and status is _SERVING:
            on_orders = rand() < 0.35
            phase = self.pick(_PHASES_ON_ORDERS if on_orders else _PHASES_OFF_ORDERS)
        projected = None
        if status is _SERVING and rand() < 0.5:
            projected = date.fromordinal(today + 30 + int(rand() * 1800))
        sponsor = Sponsor(
            name=name,
            dod_id=self.dod_id(2 * index + 1),
            branch=branch,
            component=component,
            pay_grade=grade,
            status=status,
            service_entry_date=entry,
            projected_separation_date=projected,
            separation_date=date.fromordinal(left) if gone else None,
            on_title10_orders=on_orders,
            reserve_phase=phase,
        )
        return sponsor, years, gone

    def spouse(self, index: int) -> Spouse:
        rand, today = self.rand, self.today_ord
        gender = self.pick(_GENDERS)
        last, region = self.surname()
        name = self.person(gender, last, region, 0.2 if gender is _MALE else 0.005)
        sponsor_gender = _FEMALE if gender is _MALE else _MALE
        sponsor_last, sponsor_region = (last, region) if self.chance(0.75) else self.surname()
        sponsor_name = self.person(sponsor_gender, sponsor_last, sponsor_region, 0.06)
        sponsor, years, gone = self.sponsor(index, sponsor_name)
        age = min(max(16 + years + int(rand() * 10) + gone // 365, 18), 75)
        birth = today - int(age * 365.2425) - 2 - int(rand() * 362)
        adult = birth + 18 * 365 + 5
        married_years = int(rand() * (min(years, (today - adult) // 365) + 1))
        registered = today - 1 - int(rand() * 1400)
        created = datetime.fromordinal(registered) + _MINUTE * int(480 + rand() * 600)
        coach = self.pick(self.coaches) if self.coaches and rand() < 0.75 else None
        return Spouse(
            name=name,
            dod_id=self.dod_id(2 * index),
            date_of_birth=date.fromordinal(birth),
            sponsor=sponsor,
            gender=gender,
            address=self.address(sponsor.branch) if rand() < 0.98 else None,
            years_as_military_spouse=married_years,
            email=self.email(name) if rand() < 0.85 else "",
            phone=self.phone() if rand() < 0.9 else "",
            education=self.education(birth),
            work_experience=self.work(adult),
            credentials=self.credentials(adult),
            skills=self.skills(),
            career_goals=self.pick(pool.CAREER_GOALS) if rand() < 0.6 else "",
            msep_opt_in=rand() < 0.35,
            is_service_member=rand() < 0.04,
            legally_separated=rand() < 0.01,
            mycaa_awards=self.awards() if sponsor.pay_grade in _MYCAA_GRADES else [],
            consent=self.consent(created, coach) if rand() < 0.97 else None,
            assigned_coach=coach,
            id=_uuid(self.rng),
            created_at=created,
        )

    def address(self, branch: ref.Branch) -> Address:
        rand = self.rand
        street = f"{self.pick(pool.STREET_NAMES)} {self.pick(pool.STREET_TYPES)}"
        roll = rand()
        if roll < 0.10:
            state = self.pick(_MIL_STATES)
            fleet = branch in _SEA_SERVICES and rand() < 0.8  # Navy and Marines: mostly FPO
            office = "DPO" if rand() < 0.05 else "FPO" if fleet else "APO"
            box = f"{'PSC' if rand() < 0.5 else 'Unit'} {100 + int(rand() * 9800)}"
            zip_code = f"{self.pick(ref.MILITARY_ZIP_PREFIXES[state])}{int(rand() * 100):02d}"
            line1 = f"{box} Box {1 + int(rand() * 9998)}"
            return Address(line1, office, state, zip_code, kind=ref.AddressKind.MILITARY)
        state, city, zip_code = self.pick(_TERRITORY if roll < 0.12 else _DOMESTIC)
        if len(zip_code) == 3:
            zip_code = f"{zip_code}{int(rand() * 100):02d}"
        line2 = f"Apt {1 + int(rand() * 400)}" if rand() < 0.2 else ""
        return Address(f"{1 + int(rand() * 9899)} {street}", city, state, zip_code, line2)

    def education(self, birth: int) -> list[Education]:
        count = self.pick((0, 1, 1, 1, 2, 2, 3))
        out: list[Education] = []
        finish = birth + 18 * 365 + 160  # high school graduation, roughly
        for _ in range(count):
            level = self.pick(_EDUCATION_LEVELS)
            if level is _HIGH_SCHOOL:
                if out:
                    continue
                start = finish - 4 * 365 + 30
            else:
                start = finish + int(self.rand() * 700)
            end = start + _EDUCATION_DAYS[level]
            completed = end < self.today_ord and self.rand() < 0.8
            if start >= self.today_ord:
                break
            study = "" if level is _HIGH_SCHOOL else self.pick(pool.FIELDS_OF_STUDY)
            ended = date.fromordinal(end) if completed else None
            school = self.pick(pool.INSTITUTIONS)
            out.append(Education(school, level, study, date.fromordinal(start), ended, completed))
            finish = end
        return out

    def work(self, adult: int) -> list[WorkExperience]:
        """Jobs going back from today, the newest possibly current."""
        out: list[WorkExperience] = []
        end: int | None = None if self.chance(0.4) else self.today_ord - int(self.rand() * 700)
        for _ in range(self.pick((0, 1, 1, 2, 2, 3, 4))):
            last = end if end is not None else self.today_ord
            start = last - 120 - int(self.rand() * 1500)
            if start <= adult:
                break
            ended = date.fromordinal(end) if end is not None else None
            employer, title = self.pick(pool.EMPLOYERS), self.pick(pool.JOB_TITLES)
            out.append(WorkExperience(employer, title, date.fromordinal(start), ended))
            end = start - 30 - int(self.rand() * 400)
        return out

    def credentials(self, adult: int) -> list[Credential]:
        out: list[Credential] = []
        for _ in range(self.pick((0, 0, 0, 0, 0, 0, 1, 1, 1, 2))):
            kind, name, issuer = self.pick(_CREDENTIALS)
            if self.today_ord - adult < 400:
                break
            license_ = kind is _LICENSE
            obtained = adult + 200 + int(self.rand() * (self.today_ord - adult - 200))
            expires = obtained + 730 + int(self.rand() * 1100)
            state = self.pick(_STATE_CODES) if license_ else ""
            expiry = date.fromordinal(expires) if license_ or self.chance(0.3) else None
            out.append(Credential(kind, name, issuer, state, date.fromordinal(obtained), expiry))
        return out

    def awards(self) -> list[MyCAAAward]:
        """A quarter get 1-3, within the caps: $2,000 a fiscal year (waived now and then for a
        costly license or certification) and $4,000 in all."""
        out: list[MyCAAAward] = []
        left, year = 400_000, self.fiscal_year - int(self.rand() * 4)
        for _ in range(1 + int(self.rand() * 3) if self.rand() < 0.25 else 0):
            kind = self.pick(_AWARD_TYPES)
            waiver = kind is not ref.MyCAAProgramType.ASSOCIATE_DEGREE and left > 300_000
            waiver = waiver and self.chance(0.05)
            amount = (200_000 if waiver else 25_000) + int(self.rand() * 175_000) // 50 * 50
            amount = min(amount, left, 400_000 if waiver else 200_000)
            if amount <= 0 or year > self.fiscal_year:
                break
            out.append(MyCAAAward(year, amount, kind, "Tuition and fees", waiver=waiver))
            left, year = left - amount, year + 1
        return out

    def consent(self, created: datetime, coach: str | None) -> Consent:
        recorder = coach or (self.pick(self.coaches) if self.coaches else "")
        on_behalf = bool(recorder) and self.chance(0.8)  # else the spouse read it themselves
        read_aloud = on_behalf and self.chance(0.9)
        by = recorder if on_behalf else ""
        return Consent(DEMO_STATEMENT_VERSION, created, read_aloud, by, on_behalf)

    def skills(self) -> list[Skill]:
        """0-6 distinct skills: a run of the pool from a random start."""
        skills, levels = pool.SKILLS, _SKILL_LEVELS
        first = int(self.rand() * len(skills))
        count = int(self.rand() * self.rand() * 7)
        picked = (skills[(first + k) % len(skills)] for k in range(count))
        return [Skill(name, levels[int(self.rand() * len(levels))]) for name in picked]


def generate_spouses(
    n: int, *, seed: int, today: date, coaches: Sequence[str] = ()
) -> Iterator[Spouse]:
    """``n`` synthetic spouse records; the same arguments always give the same records.

    ``coaches`` are user ids to assign records (and recorded consents) to. DoD IDs are
    10 digits and unique within the run, spouse and sponsor included.
    """
    if n >= _DOD_ID_SPACE // 2:
        raise ValueError("Too many records for unique 10-digit DoD IDs")
    maker = _SpouseMaker(seed, today, coaches)
    for index in range(n):
        yield maker.spouse(index)


def generate_casework(
    spouses: Iterable[Spouse], *, seed: int, today: date, authors: Sequence[str]
) -> tuple[list[Note], list[FollowUp]]:
    """Notes (1-5 a spouse) and follow-ups (0-2) for each spouse given.

    Follow-ups mix done ones, overdue ones, ones due ``today`` and future ones, so the
    "due today and overdue" list has something to show.
    """
    if not authors:
        raise ValueError("Casework needs at least one author")
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    rand = rng.random

    def pick(table: Sequence[T]) -> T:
        return table[int(rand() * len(table))]

    notes: list[Note] = []
    follow_ups: list[FollowUp] = []
    end = datetime.combine(today, datetime.min.time())
    yesterday = today.toordinal() - 1
    for s in spouses:
        start = s.created_at or end - 365 * _DAY
        span = max((end - start).total_seconds(), 3600.0)
        for _ in range(1 + int(rand() * rand() * 5)):
            when = start + timedelta(seconds=int(rand() * span))
            topic, body = pick(pool.NOTE_TOPICS), pick(pool.NOTE_BODIES)
            contact = pick(_CONTACT_TYPES)
            notes.append(Note(s.id, pick(authors), contact, topic, body, when, _uuid(rng)))
        for _ in range(int(rand() * 3)):
            roll = rand()
            created = start + timedelta(seconds=int(rand() * span))
            if roll < 0.55:  # done (35%) or overdue (20%): due after creation, before today
                due_ord = min(created.date().toordinal() + 1 + int(rand() * 60), yesterday)
                due = max(date.fromordinal(due_ord), created.date())
            elif roll < 0.65:
                due = today
            else:
                due = today + timedelta(days=1 + int(rand() * 45))
            done_at = min(datetime.combine(due, created.time()), end) if roll < 0.35 else None
            item = FollowUp(
                s.id, due, s.assigned_coach or pick(authors), pick(pool.FOLLOW_UP_DESCRIPTIONS),
                pick(authors), created, done_at is not None, done_at, _uuid(rng),
            )  # fmt: skip
            follow_ups.append(item)
    return notes, follow_ups
