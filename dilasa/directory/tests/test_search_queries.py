"""The search page costs the same number of queries for two therapists or a full page of them."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dilasa.accounts.models import Organisation, User
from dilasa.directory.testing import make_listed_therapist


def queries_for(client: Client, query: str = "") -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{reverse('directory:search')}?{query}").status_code == 200
    return len(captured)


def test_no_query_per_therapist(sana_listed: User, zubair_listed: User, clinic_sukoon: Organisation) -> None:
    client = Client()
    queries_for(client)  # warm the session and CSRF cookie
    few = queries_for(client, "language=ur")
    for i in range(10):
        make_listed_therapist(
            f"t{i}@example.com", display_name=f"T{i}", organisation=clinic_sukoon, specialities=("anxiety", "sleep")
        )
    assert queries_for(client, "language=ur") == few
    assert few <= 8


def test_a_signed_in_client_adds_only_the_sites_own_queries(
    client_ayesha: User, sana_listed: User, django_assert_max_num_queries
) -> None:
    from dilasa.testing import signed_in_client

    client = signed_in_client(client_ayesha)
    # Session, user, two-step devices, the session's last-seen update and the nav's two counts (unread
    # messages, check-ins due) are the site's; the directory adds six.
    with django_assert_max_num_queries(15):
        client.get(reverse("directory:search"))
