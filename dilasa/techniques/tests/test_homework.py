"""A therapist gives an exercise; the client sees it, fills it in on a phone (no script needed) and the
therapist marks it seen with a comment the client reads. Entries are sealed and every access is audited."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.audit.models import AccessEvent
from dilasa.messaging.testing import put_in_care
from dilasa.techniques import access
from dilasa.techniques.models import Assignment, Entry
from dilasa.techniques.testing import THOUGHTS, filled, form_data, given
from dilasa.testing import signed_in_client

pytestmark = pytest.mark.django_db


def test_a_therapist_gives_an_exercise_with_a_due_date_and_a_note(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    put_in_care(ayesha_in_english, therapist_sana)
    url = reverse("techniques:client", args=[ayesha_in_english.pk])
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    sent = signed_in_client(therapist_sana).post(url, {"technique": "worry-time", "due_on": due, "note": "Try at 6"})
    assert sent.status_code == 302
    given_ = Assignment.objects.get(client=ayesha_in_english)
    assert given_.technique == "worry-time"
    assert given_.due_on.isoformat() == due
    assert b"Try at 6" not in bytes(given_.note)  # sealed

    home = signed_in_client(ayesha_in_english).get(reverse("techniques:mine"))
    assert "Worry time" in home.content.decode()
    assert reverse("techniques:task", args=[given_.pk]) in home.content.decode()
    task = signed_in_client(ayesha_in_english).get(reverse("techniques:task", args=[given_.pk]))
    assert "Try at 6" in task.content.decode()
    assert "no-store" in task["Cache-Control"]


def test_a_due_date_in_the_past_is_refused_with_a_clear_error_and_the_note_kept(
    client_ayesha: User, therapist_sana: User
) -> None:
    therapist_sana.language = "en"
    therapist_sana.save()
    put_in_care(client_ayesha, therapist_sana)
    url = reverse("techniques:client", args=[client_ayesha.pk])
    past = (timezone.localdate() - timedelta(days=3)).isoformat()
    sent = signed_in_client(therapist_sana).post(url, {"technique": "diary", "due_on": past, "note": "keep me"})
    assert sent.status_code == 400
    assert "cannot be in the past" in sent.content.decode()
    assert "keep me" in sent.content.decode()
    assert not Assignment.objects.exists()


def test_the_client_fills_in_the_form_and_it_is_stored_sealed_and_audited(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    item = given(ayesha_in_english, therapist_sana)
    url = reverse("techniques:task", args=[item.pk])
    values = THOUGHTS | {"thought": "canary-thought-1234"}
    sent = signed_in_client(ayesha_in_english).post(url, form_data(values))
    assert sent.status_code == 302
    assert sent.url == url

    entry = Entry.objects.get(assignment=item)
    assert b"canary-thought-1234" not in bytes(entry.content)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM techniques_entry")
        assert b"canary-thought-1234" not in bytes(cursor.fetchone()[0])
    assert AccessEvent.objects.filter(
        actor_id=ayesha_in_english.pk, target=f"techniques.entry:{entry.pk}", action="write", purpose="own"
    ).exists()
    page = signed_in_client(ayesha_in_english).get(url).content.decode()
    assert "canary-thought-1234" in page
    assert "What you wrote" in page


def test_a_form_with_mistakes_says_what_to_fix_and_loses_nothing(ayesha_in_english: User, therapist_sana: User) -> None:
    item = given(ayesha_in_english, therapist_sana)
    url = reverse("techniques:task", args=[item.pk])
    data = form_data(THOUGHTS | {"strength": 140, "balanced": ""})
    sent = signed_in_client(ayesha_in_english).post(url, data)
    page = sent.content.decode()
    assert sent.status_code == 400
    assert "Choose a number from 0 to 100." in page
    assert "Please fill in this part." in page
    assert "I passed last time" in page
    assert data["submission_id"] in page
    assert not Entry.objects.exists()


def test_the_same_form_sent_twice_is_stored_once(ayesha_in_english: User, therapist_sana: User) -> None:
    item = given(ayesha_in_english, therapist_sana)
    url = reverse("techniques:task", args=[item.pk])
    data = form_data(THOUGHTS)
    browser = signed_in_client(ayesha_in_english)
    assert browser.post(url, data).status_code == 302
    assert browser.post(url, data).status_code == 302
    assert Entry.objects.count() == 1


def test_a_diary_takes_many_entries(client_ayesha: User, therapist_sana: User) -> None:
    item = given(client_ayesha, therapist_sana, "diary")
    for mood in (3, 6):
        filled(item, {"when": "09:00", "activity": "tea", "mood": mood})
    assert Entry.objects.filter(assignment=item).count() == 2


def test_values_outside_the_technique_are_refused_by_the_service(client_ayesha: User, therapist_sana: User) -> None:
    item = given(client_ayesha, therapist_sana, "planner")
    with pytest.raises(ValidationError):
        filled(item, {"activity": "walk", "when": "Sat", "pleasure": 11, "mastery": 2, "done": True})
    stored = filled(item, {"activity": "walk", "when": "Sat", "pleasure": 5, "mastery": 2, "done": False, "x": "y"})
    assert "x" not in access.open_task(user=client_ayesha, assignment_id=item.pk).entries[0].values
    assert stored.created


def test_the_therapist_marks_an_entry_seen_with_a_comment_the_client_reads(
    ayesha_in_english: User, therapist_sana: User
) -> None:
    item = given(ayesha_in_english, therapist_sana)
    entry = filled(item).entry
    sana = signed_in_client(therapist_sana)
    folder = sana.get(reverse("techniques:client", args=[ayesha_in_english.pk])).content.decode()
    assert "I have done this before" in folder
    sent = sana.post(reverse("techniques:review", args=[entry.pk]), {"comment": "Well noticed"})
    assert sent.status_code == 302
    entry.refresh_from_db()
    assert entry.reviewed_at is not None
    assert b"Well noticed" not in bytes(entry.comment)
    page = signed_in_client(ayesha_in_english).get(reverse("techniques:task", args=[item.pk])).content.decode()
    assert "Well noticed" in page
    assert "Seen" in page
    assert AccessEvent.objects.filter(
        actor_id=therapist_sana.pk, target=f"techniques.entry:{entry.pk}", action="write", purpose="care"
    ).exists()
    assert AccessEvent.objects.filter(
        actor_id=therapist_sana.pk, target=f"techniques.client:{ayesha_in_english.pk}", action="read"
    ).exists()


def test_a_submission_id_of_another_exercise_is_refused(client_ayesha: User, therapist_sana: User) -> None:
    first = given(client_ayesha, therapist_sana)
    second = given(client_ayesha, therapist_sana)
    same = uuid.uuid4()
    access.submit(user=client_ayesha, assignment_id=first.pk, submission_id=same, values=THOUGHTS)
    with pytest.raises(ValidationError):
        access.submit(user=client_ayesha, assignment_id=second.pk, submission_id=same, values=THOUGHTS)
