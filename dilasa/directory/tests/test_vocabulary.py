"""The seeded languages, specialities and approaches have stable codes and a translated name each."""

from __future__ import annotations

import pytest

from dilasa.directory.models import Approach, Language, Speciality
from dilasa.directory.vocabulary import APPROACH_NAMES, LANGUAGE_NAMES, SPECIALITY_NAMES

pytestmark = pytest.mark.django_db


def test_the_languages_of_pakistan_are_there_with_their_own_names() -> None:
    native = dict(Language.objects.values_list("code", "native_name"))
    for code in ("ur", "en", "pnb", "sd", "ps", "skr", "bal", "hno", "brh"):
        assert native[code]
    assert native["ur"] == "اردو"
    assert native["sd"] == "سنڌي"
    assert list(Language.objects.values_list("code", flat=True)[:3]) == ["ur", "en", "pnb"]


def test_the_site_languages_use_the_same_codes_as_the_directory() -> None:
    from django.conf import settings

    assert {code for code, _ in settings.LANGUAGES} <= set(Language.objects.values_list("code", flat=True))


@pytest.mark.parametrize(
    ("model", "key", "names"),
    [(Language, "code", LANGUAGE_NAMES), (Speciality, "slug", SPECIALITY_NAMES), (Approach, "slug", APPROACH_NAMES)],
)
def test_every_seeded_row_has_a_translatable_name_equal_to_its_english_name(model, key, names) -> None:
    rows = dict(model.objects.values_list(key, "name"))
    assert set(rows) == set(names)
    assert all(str(names[k]) == english for k, english in rows.items())


def test_the_slugs_links_and_matching_rely_on_exist() -> None:
    slugs = set(Speciality.objects.values_list("slug", flat=True))
    assert {"anxiety", "depression", "stress", "relationships", "family", "grief", "trauma"} <= slugs
    assert {"self-esteem", "anger", "sleep", "addiction", "work-study", "parenting", "womens-health"} <= slugs
    assert {
        "cbt",
        "person-centred",
        "psychodynamic",
        "family-systems",
        "mindfulness",
        "solution-focused",
        "islamic-integrated",
    } <= set(Approach.objects.values_list("slug", flat=True))
