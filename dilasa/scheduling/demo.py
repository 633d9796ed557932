"""Demo booking terms and hours for the demo therapists."""

from __future__ import annotations

from datetime import time

from dilasa.accounts.models import User
from dilasa.scheduling import services

# Each row is: weekday, start, end, whether online, whether in person.
HOURS = {
    "sana@dilasa.example": {
        "terms": {
            "fee_pkr": 3000,
            "sliding_scale": True,
            "fee_min_pkr": 1000,
            "offers_in_person": True,
            "clinic_address": "Sukoon Counselling Centre, Satellite Town, Rawalpindi",
        },
        "rows": [(d, time(10), time(13), True, True) for d in (0, 2, 4)]
        + [(d, time(16), time(20), True, False) for d in (0, 1, 2, 3, 5)],
    },
    "bilal@dilasa.example": {
        "terms": {"fee_pkr": 0, "offers_video": False, "session_minutes": 45, "buffer_minutes": 15},
        "rows": [(d, time(9), time(12), True, False) for d in (1, 3, 5)] + [(6, time(18), time(21), True, False)],
    },
}


def seed_practices() -> None:
    for login, plan in HOURS.items():
        therapist = User.objects.filter(login=login).first()
        if therapist is None:
            continue
        services.practice_update(therapist=therapist, **plan["terms"])
        services.weekly_hours_replace(
            therapist=therapist,
            rows=[
                services.HoursRow(weekday=d, start=s, end=e, online=online, in_person=in_person)
                for d, s, e, online, in_person in plan["rows"]
            ],
        )
