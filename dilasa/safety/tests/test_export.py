"""A client's data-rights export holds their requests for help and what was done, unsealed; erasure removes them."""

from __future__ import annotations

import json

import pytest

from dilasa.accounts.models import User
from dilasa.safety.erasure import erase_for_client
from dilasa.safety.export import export_for_client
from dilasa.safety.models import Flag, FlagAction
from dilasa.safety.services import flag_acknowledge, raise_flag

pytestmark = pytest.mark.django_db


def test_the_export_holds_each_request_and_its_answer(ayesha: User, client_kamran: User, therapist_sana: User) -> None:
    flag = raise_flag(client=ayesha, source="phq9_item9", detail="answered 1 on item 9")
    flag_acknowledge(flag=flag, user=therapist_sana, action=FlagAction.SPOKE, note="Spoke for 20 minutes.")
    raise_flag(client=client_kamran, source="help_button", raised_by=client_kamran)

    exported = export_for_client(ayesha)

    json.dumps(exported)
    [only] = exported["requests_for_help"]
    assert only["detail"] == "answered 1 on item 9"
    assert only["note"] == "Spoke for 20 minutes."
    assert only["acknowledged_by"] == "Dr Sana"
    assert only["source"] == "phq9_item9"


def test_erasure_removes_only_that_clients_requests(ayesha: User, client_kamran: User) -> None:
    raise_flag(client=ayesha, source="help_button", raised_by=ayesha)
    kept = raise_flag(client=client_kamran, source="help_button", raised_by=client_kamran)

    erase_for_client(ayesha)

    assert list(Flag.objects.all()) == [kept]
