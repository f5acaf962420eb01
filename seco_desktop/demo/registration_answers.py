"""What a caller would answer in the registration wizard, read off a generated spouse: for demos,
screenshots and tests that walk the wizard's flow with synthetic people."""

from __future__ import annotations

import copy

from seco_desktop.domain.models import Address, Spouse
from seco_desktop.domain.registration import Details, Eligibility, Profile


def eligibility_answers(s: Spouse) -> Eligibility:
    sp = s.sponsor
    return Eligibility(sp.branch, sp.component, sp.status, sp.separation_date, s.is_service_member)


def profile_answers(s: Spouse) -> Profile:
    s = copy.deepcopy(s)
    address = s.address or Address("", "", "", "")
    return Profile(
        s.name, s.dod_id, s.date_of_birth, s.gender, s.email, s.phone, address,
        s.years_as_military_spouse,
    )  # fmt: skip


def details_answers(s: Spouse) -> Details:
    s = copy.deepcopy(s)
    sp = s.sponsor
    return Details(
        sp.name, sp.dod_id, sp.pay_grade, sp.service_entry_date, sp.projected_separation_date,
        sp.on_title10_orders, sp.reserve_phase, s.legally_separated, s.education,
        s.work_experience, s.credentials, s.skills, s.career_goals,
    )  # fmt: skip
