"""The agreements ship as text in English and Urdu, are stored with a hash of their words, never change once
published, and a grant records exactly which version and words the client saw."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from dilasa.accounts.models import User
from dilasa.consent.models import ConsentEvent, ConsentKind
from dilasa.consent.publishing import content_hash, document_publish, load_documents, read_files
from dilasa.consent.rendering import render_text
from dilasa.consent.selectors import current_document, text_for
from dilasa.consent.services import consent_grant


def test_every_kind_ships_in_english_and_urdu() -> None:
    shipped = {(item.kind, item.language) for item in read_files()}
    for kind in ConsentKind:
        assert {(kind.value, "en"), (kind.value, "ur")} <= shipped


def test_the_online_counselling_agreement_covers_what_it_must() -> None:
    english = next(i for i in read_files() if i.kind == ConsentKind.TELECOUNSELLING and i.language == "en").body
    for point in ("is not an emergency", "harm yourself", "Privacy at home", "encrypted", "not recorded",
                  "1122", "0311-7786264", "withdraw", "fee"):  # fmt: skip
        assert point in english, point
    urdu = next(i for i in read_files() if i.kind == ConsentKind.TELECOUNSELLING and i.language == "ur").body
    assert "رازداری" in urdu
    assert "1122" in urdu


@pytest.mark.django_db
def test_loaded_after_migrate_with_the_hash_of_their_words() -> None:
    for kind in ConsentKind:
        document = current_document(kind)
        assert document is not None
        for text in document.texts.all():
            assert text.content_hash == content_hash(text.title, text.body)


@pytest.mark.django_db
def test_loading_again_changes_nothing() -> None:
    before = list(current_document(ConsentKind.TELECOUNSELLING).texts.values_list("pk", "content_hash"))
    load_documents()
    after = list(current_document(ConsentKind.TELECOUNSELLING).texts.values_list("pk", "content_hash"))
    assert before == after


@pytest.mark.django_db
def test_a_published_text_cannot_be_changed() -> None:
    document = current_document(ConsentKind.RESEARCH)
    assert document is not None
    with pytest.raises(ImproperlyConfigured, match="publish a new version"):
        document_publish(kind=ConsentKind.RESEARCH, version=document.version, texts={"en": ("Other", "Other words.")})


@pytest.mark.django_db
@pytest.mark.parametrize(("reader", "shown"), [("en", "en"), ("ur", "ur"), ("pnb", "ur"), ("sd", "ur"), ("ps", "ur")])
def test_punjabi_sindhi_and_pashto_readers_get_urdu(reader: str, shown: str) -> None:
    document = current_document(ConsentKind.TELECOUNSELLING)
    assert document is not None
    text = text_for(document, reader)
    assert text is not None
    assert text.language == shown


@pytest.mark.django_db
def test_a_grant_records_version_language_and_hash(client_ayesha: User) -> None:
    document = current_document(ConsentKind.TELECOUNSELLING)
    assert document is not None
    event = consent_grant(
        client=client_ayesha, kind=ConsentKind.TELECOUNSELLING, document_id=document.pk, language="pnb"
    )
    urdu = document.texts.get(language="ur")
    assert (event.document, event.language, event.content_hash) == (document, "ur", urdu.content_hash)


@pytest.mark.django_db
def test_agreeing_twice_records_it_once(client_ayesha: User) -> None:
    document = current_document(ConsentKind.TELECOUNSELLING)
    assert document is not None
    for _ in range(2):
        consent_grant(client=client_ayesha, kind=ConsentKind.TELECOUNSELLING, document_id=document.pk, language="en")
    assert ConsentEvent.objects.filter(client=client_ayesha).count() == 1


@pytest.mark.django_db
def test_agreeing_to_an_old_version_is_refused(client_ayesha: User) -> None:
    old = current_document(ConsentKind.SUPERVISION)
    assert old is not None
    document_publish(kind=ConsentKind.SUPERVISION, version=old.version + 1, texts={"en": ("T", "New.")})
    with pytest.raises(ValidationError) as refused:
        consent_grant(client=client_ayesha, kind=ConsentKind.SUPERVISION, document_id=old.pk, language="en")
    assert refused.value.code == "stale"


@pytest.mark.django_db
def test_staff_cannot_agree_on_a_clients_behalf(therapist_sana: User) -> None:
    document = current_document(ConsentKind.TELECOUNSELLING)
    assert document is not None
    with pytest.raises(ValidationError):
        consent_grant(client=therapist_sana, kind=ConsentKind.TELECOUNSELLING, document_id=document.pk, language="en")


def test_markup_in_a_document_is_shown_as_text() -> None:
    html = render_text("## Head\n\nA <script>x</script> line\n\n- one & two")
    assert html == "<h2>Head</h2><p>A &lt;script&gt;x&lt;/script&gt; line</p><ul><li>one &amp; two</li></ul>"
