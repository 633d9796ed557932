"""Supervisor access and research use are separate opt-ins: off until the client turns them on, off again the
moment they withdraw, and every change is kept as history that cannot be rewritten."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dilasa.accounts.models import User
from dilasa.consent.models import AppendOnlyError, ConsentEvent, ConsentKind, EventKind
from dilasa.consent.selectors import has_consent
from dilasa.consent.testing import grant_current
from dilasa.testing import signed_in_client

OPT_INS = [ConsentKind.SUPERVISION, ConsentKind.RESEARCH]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", OPT_INS)
def test_off_by_default_and_independent(kind: str, client_ayesha: User) -> None:
    assert not has_consent(client_ayesha.pk, kind)
    grant_current(client_ayesha, ConsentKind.TELECOUNSELLING)
    assert not has_consent(client_ayesha.pk, kind), "agreeing to sessions does not opt in to anything else"


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "slug"), [(ConsentKind.SUPERVISION, "supervisor"), (ConsentKind.RESEARCH, "studies")])
def test_turning_on_and_withdrawing_with_one_click(kind: str, slug: str, client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    form = browser.get(reverse("consent:document", args=[slug])).context["form"]
    browser.post(reverse("consent:document", args=[slug]), dict(form.initial))
    assert has_consent(client_ayesha.pk, kind)
    other = ConsentKind.RESEARCH if kind == ConsentKind.SUPERVISION else ConsentKind.SUPERVISION
    assert not has_consent(client_ayesha.pk, other)

    browser.post(reverse("consent:withdraw", args=[slug]))
    assert not has_consent(client_ayesha.pk, kind)


@pytest.mark.django_db
def test_one_clients_consent_says_nothing_about_another(client_ayesha: User, client_kamran: User) -> None:
    grant_current(client_ayesha, ConsentKind.SUPERVISION)
    assert has_consent(client_ayesha.pk, ConsentKind.SUPERVISION)
    assert not has_consent(client_kamran.pk, ConsentKind.SUPERVISION)


@pytest.mark.django_db
def test_history_keeps_every_grant_and_withdrawal(client_ayesha: User) -> None:
    browser = signed_in_client(client_ayesha)
    grant_current(client_ayesha, ConsentKind.SUPERVISION)
    browser.post(reverse("consent:withdraw", args=["supervisor"]))
    grant_current(client_ayesha, ConsentKind.SUPERVISION)
    events = list(ConsentEvent.objects.filter(client=client_ayesha).values_list("event", flat=True))
    assert events == [EventKind.GRANTED, EventKind.WITHDRAWN, EventKind.GRANTED]
    page = browser.get(reverse("consent:mine"))
    assert len(page.context["history"]) == 3


@pytest.mark.django_db
def test_history_cannot_be_rewritten(client_ayesha: User) -> None:
    event = grant_current(client_ayesha, ConsentKind.RESEARCH)
    event.event = EventKind.WITHDRAWN
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        ConsentEvent.objects.filter(pk=event.pk).update(event=EventKind.WITHDRAWN)


@pytest.mark.django_db
def test_withdrawing_twice_changes_nothing_and_says_so(ayesha_en: User) -> None:
    browser = signed_in_client(ayesha_en)
    grant_current(ayesha_en, ConsentKind.RESEARCH)
    browser.post(reverse("consent:withdraw", args=["studies"]))
    response = browser.post(reverse("consent:withdraw", args=["studies"]), follow=True)
    assert "already off" in response.content.decode()
    assert ConsentEvent.objects.filter(client=ayesha_en, event=EventKind.WITHDRAWN).count() == 1
