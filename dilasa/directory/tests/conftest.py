from __future__ import annotations

import pytest

from dilasa.accounts.models import Organisation, User
from dilasa.directory.models import Gender
from dilasa.directory.testing import give_practice, give_profile, make_listed_therapist


@pytest.fixture
def sana_listed(therapist_sana: User) -> User:
    """Dr Sana, verified by her clinic, listed: a woman who speaks Urdu, Punjabi and English."""
    give_profile(therapist_sana, gender=Gender.WOMAN, languages=("ur", "pnb", "en"), specialities=("anxiety", "sleep"))
    give_practice(therapist_sana, fee=3000, floor=1000, open_every_day=True)
    return therapist_sana


@pytest.fixture
def zubair_listed(clinic_sukoon: Organisation) -> User:
    """Zubair, a man who speaks Sindhi and Urdu, free of charge, voice and text only, no hours set."""
    return make_listed_therapist(
        "zubair@example.com",
        display_name="Zubair",
        organisation=clinic_sukoon,
        gender=Gender.MAN,
        languages=("sd", "ur"),
        specialities=("grief", "family"),
        modes=("audio", "text"),
        fee=0,
    )
