from __future__ import annotations

from django import forms


class AgreeForm(forms.Form):
    """Which version and language the client read: a stale version is refused by the service."""

    document = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    language = forms.CharField(widget=forms.HiddenInput, max_length=8)
