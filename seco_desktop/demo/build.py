"""Fill an open store with synthetic demo records, casework and coach assignments.

The caller (the services layer) creates the store, its key and the staff accounts; this only
writes spouses, notes and follow-ups, one transaction per batch so progress is visible and a
failure loses at most one batch.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice

from seco_desktop.demo.generator import generate_casework, generate_spouses
from seco_desktop.domain.eligibility import RuleBook, decide_all
from seco_desktop.domain.models import FollowUp, Note, Spouse, User
from seco_desktop.domain.reference import Role
from seco_desktop.store.casework import add_follow_ups, add_notes, set_last_activity
from seco_desktop.store.decisions import record_many
from seco_desktop.store.spouses import insert_many
from seco_desktop.store.store import Store

#: Roles whose users write notes and own follow-ups.
_CASEWORK_ROLES = frozenset({Role.AGENT, Role.COACH, Role.SUPERVISOR})


@dataclass(frozen=True, slots=True)
class DemoSummary:
    spouses: int
    notes: int
    follow_ups: int
    coaches: int  # coaches the records were assigned to
    batches: int


def build_demo_store(
    store: Store,
    *,
    records: int,
    seed: int,
    today: date,
    users: Sequence[User],
    batch: int = 10_000,
    progress: Callable[[int, int], None] | None = None,
    casework_share: float = 0.1,
    now: datetime | None = None,
) -> DemoSummary:
    """Write ``records`` spouses (deterministic for ``seed`` and ``today``) and casework for
    about ``casework_share`` of them.

    Records go to the enabled coaches among ``users`` in turn at random; casework authors are
    the enabled agents, coaches and supervisors. ``progress(done, records)`` is called after
    each committed batch. ``now`` stamps the rows (default: noon of ``today``). Each spouse
    gets its SECO and MyCAA decisions under the built-in rule sets, as a registration would.
    """
    if records < 0 or batch < 1:
        raise ValueError("records must be >= 0 and batch >= 1")
    stamp = now or datetime.combine(today, time(12, 0))
    active = [u for u in users if not u.disabled]
    coaches = [u.id for u in active if u.role is Role.COACH]
    authors = [u.id for u in active if u.role in _CASEWORK_ROLES]
    sampler = random.Random(f"casework-sample:{seed}")  # noqa: S311 - not security
    spouses = generate_spouses(records, seed=seed, today=today, coaches=coaches)
    rulebook = RuleBook.builtin()
    done = notes = follow_ups = batches = 0
    with store.bulk_load():
        while chunk := list(islice(spouses, batch)):
            sample = [s for s in chunk if sampler.random() < casework_share] if authors else []
            new_notes, new_follow_ups = generate_casework(
                sample, seed=seed * 1_000_003 + batches, today=today, authors=authors or ["-"]
            )
            with store.write() as conn:
                insert_many(conn, chunk, stamp)
                add_notes(conn, new_notes)
                add_follow_ups(conn, new_follow_ups)
                set_last_activity(conn, _last_activity(chunk, new_notes, new_follow_ups, stamp))
                record_many(
                    conn,
                    [(s.id, decide_all(s, today, rulebook).values()) for s in chunk],
                    stamp,
                )
            done += len(chunk)
            notes += len(new_notes)
            follow_ups += len(new_follow_ups)
            batches += 1
            if progress is not None:
                progress(done, records)
    return DemoSummary(
        spouses=done, notes=notes, follow_ups=follow_ups, coaches=len(coaches), batches=batches
    )


def _last_activity(
    spouses: Sequence[Spouse], notes: Sequence[Note], follow_ups: Sequence[FollowUp], cap: datetime
) -> dict[str, datetime]:
    """Registration, the latest note, the latest follow-up (made or done), never after ``cap``."""
    when = {s.id: s.created_at or cap for s in spouses}
    events = [(n.spouse_id, n.created_at) for n in notes]
    events += [(f.spouse_id, f.done_at or f.created_at) for f in follow_ups]
    for spouse_id, at in events:
        when[spouse_id] = max(when[spouse_id], at)
    return {spouse_id: min(at, cap) for spouse_id, at in when.items()}
