"""Demo booking terms and hours for the demo therapists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import Any

from dilasa.accounts.models import User
from dilasa.scheduling import services
from dilasa.scheduling.services import HoursRow


@dataclass(frozen=True)
class DemoPractice:
    login: str
    terms: dict[str, Any]
    rows: list[HoursRow] = field(default_factory=list)


PRACTICES = (
    DemoPractice(
        "sana@dilasa.example",
        {
            "fee_pkr": 3000,
            "sliding_scale": True,
            "fee_min_pkr": 1000,
            "offers_in_person": True,
            "clinic_address": "Sukoon Counselling Centre, Satellite Town, Rawalpindi",
        },
        [HoursRow(weekday=d, start=time(10), end=time(13), online=True, in_person=True) for d in (0, 2, 4)]
        + [HoursRow(weekday=d, start=time(16), end=time(20)) for d in (0, 1, 2, 3, 5)],
    ),
    DemoPractice(
        "bilal@dilasa.example",
        {"fee_pkr": 0, "offers_video": False, "session_minutes": 45, "buffer_minutes": 15},
        [HoursRow(weekday=d, start=time(9), end=time(12)) for d in (1, 3, 5)]
        + [HoursRow(weekday=6, start=time(18), end=time(21))],
    ),
)


def seed_practices() -> None:
    for plan in PRACTICES:
        therapist = User.objects.filter(login=plan.login).first()
        if therapist is not None:
            services.practice_update(therapist=therapist, **plan.terms)
            services.weekly_hours_replace(therapist=therapist, rows=plan.rows)
