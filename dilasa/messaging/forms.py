from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.messaging.services import ATTACHMENT_MAX_BYTES, BODY_MAX


class SendForm(forms.Form):
    """A message with an optional file. `client_id` is chosen when the form is drawn, so sending it twice
    (a double click, a resubmitted page) stores the message once."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": BODY_MAX}),
    )
    file = forms.FileField(
        label=_("A photo or PDF (optional, at most 2 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,application/pdf"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"client_id": uuid.uuid4()})
        super().__init__(*args, **kwargs)

    def read_file(self) -> tuple[str, bytes] | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        # One byte over the limit is enough for the size check to refuse it; the rest is never read.
        return upload.name or "", upload.read(ATTACHMENT_MAX_BYTES + 1)


class StartForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
