"""Obviously fake spouses for store tests: a fixed list of made-up names, derived IDs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from seco_desktop.domain.models import PersonName, Sponsor, Spouse
from seco_desktop.domain.reference import Branch, Component, SponsorStatus
from seco_desktop.store.spouses import insert_many
from seco_desktop.store.store import Store

NOW = datetime(2026, 1, 5, 9, 30)

#: Fake given names, with diacritics and a compound one.
FIRST_NAMES = (
    "Alexandra", "Benedikt", "Caterina", "Dorotea", "Evander", "Filomena", "Gideon", "Hortensia",
    "Ignatius", "Jolanda", "Leopoldine", "Maximilian", "Nereida", "Octavian", "Perpetua",
    "Quirina", "Rosalind", "Severin", "Theodora", "Ulrika", "Joaquín", "Zoë", "Ségolène",
    "Mary Ann",
)  # fmt: skip
#: Fake family names: apostrophes, hyphens, double surnames, particles, diacritics.
LAST_NAMES = (
    "Applewhite", "Bramblecote", "Castellano", "Dunmore", "Fairweather", "Gonzalez", "Holloway",
    "Ironwood", "Johnson", "Jackson", "Kowalczyk", "Lindqvist", "Merriweather", "Núñez",
    "O'Connor", "Pemberton", "Smith-Jones", "García Márquez", "Thornbury", "Underhill",
    "Vasquez", "Whitcombe", "Nguyen", "de la Cruz",
)  # fmt: skip
SUFFIXES = ("", "", "", "", "Jr", "", "", "III")
BRANCHES = (Branch.ARMY, Branch.NAVY, Branch.MARINE_CORPS, Branch.AIR_FORCE, Branch.SPACE_FORCE)
STATUSES = (SponsorStatus.SERVING, SponsorStatus.SERVING, SponsorStatus.SEPARATED)
COACHES = ("coach-0001", "coach-0002", None)


def dod_id(n: int) -> str:
    return f"99{n:08d}"


def sponsor_dod_id(n: int) -> str:
    return f"98{n:08d}"


def make_spouse(
    n: int,
    first: str,
    last: str,
    *,
    middle: str = "",
    suffix: str = "",
    dob: date | None = None,
) -> Spouse:
    """Spouse number ``n``: every derived value (IDs, branch, coach...) follows from ``n``."""
    return Spouse(
        name=PersonName(first=first, last=last, middle=middle, suffix=suffix),
        dod_id=dod_id(n),
        date_of_birth=dob or date(1975, 1, 1) + timedelta(days=(n * 37) % 9000),
        sponsor=Sponsor(
            name=PersonName(first="Sponsor", last=f"Number{n}"),
            dod_id=sponsor_dod_id(n),
            branch=BRANCHES[n % len(BRANCHES)],
            component=Component.ACTIVE_DUTY,
            pay_grade="E-5",
            status=STATUSES[n % len(STATUSES)],
        ),
        email=f"spouse{n}@example.com",
        phone=f"+1202555{n:04d}",
        assigned_coach=COACHES[n % len(COACHES)],
    )


@dataclass(frozen=True)
class Seeded:
    """The seeded store and the records tests look for by name."""

    store: Store
    spouses: tuple[Spouse, ...]
    targets: dict[str, Spouse]


#: Records with distinctive names, numbered after the bulk so their derived values are known.
TARGETS = {
    "katherine": ("Katherine", "Smith", "", ""),
    "jose": ("José", "Núñez", "", ""),
    "oconnor": ("Siobhán", "O'Connor", "", ""),
    "hyphen": ("Ermengarde", "Smith-Jones", "", ""),
    "double": ("Araminta", "García Márquez", "", ""),
    "suffix": ("Bartholomew", "Pemberton", "Alaric", "Jr"),
    "gonzalez": ("Clementine", "Gonzalez", "", ""),
    "catherine": ("Catherine", "Brightwell", "", ""),
    "schmidt": ("Wolfram", "Schmidt", "", ""),
}
BULK = 300


def seed(store: Store) -> Seeded:
    spouses = [
        make_spouse(
            n,
            FIRST_NAMES[n % len(FIRST_NAMES)],
            LAST_NAMES[(n // len(FIRST_NAMES) + n) % len(LAST_NAMES)],
            suffix=SUFFIXES[n % len(SUFFIXES)],
        )
        for n in range(BULK)
    ]
    targets = {}
    for i, (key, (first, last, middle, suffix)) in enumerate(TARGETS.items()):
        targets[key] = make_spouse(BULK + i, first, last, middle=middle, suffix=suffix)
    spouses += targets.values()
    with store.write() as conn:
        insert_many(conn, spouses, NOW)
    return Seeded(store, tuple(spouses), targets)
