"""The list shows ten therapists a page, keeps the filters across pages, and copes with any page number."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.accounts.models import Organisation
from dilasa.directory.testing import make_listed_therapist


@pytest.fixture
def twelve(clinic_sukoon: Organisation) -> None:
    for i in range(12):
        make_listed_therapist(f"t{i}@example.com", display_name=f"Therapist {i:02d}", organisation=clinic_sukoon)


@pytest.mark.usefixtures("twelve")
def test_ten_a_page_and_the_filters_follow_the_page_links() -> None:
    client = Client()
    first = client.get(reverse("directory:search"), {"language": "ur"})
    assert len(first.context["page"].object_list) == 10
    html = first.content.decode()
    assert "12 therapists" in html
    assert 'href="?language=ur&amp;page=2"' in html
    second = client.get(reverse("directory:search"), {"language": "ur", "page": "2"})
    assert [t.display_name for t in second.context["page"].object_list] == ["Therapist 10", "Therapist 11"]


@pytest.mark.usefixtures("twelve")
@pytest.mark.parametrize(("page", "number"), [("abc", 1), ("-1", 2), ("99", 2), ("۲", 2), ("", 1)])
def test_any_page_number_gives_a_page(page: str, number: int) -> None:
    response = Client().get(reverse("directory:search"), {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == number
