from __future__ import annotations

from django import forms


class SimpleModeForm(forms.Form):
    simple = forms.TypedChoiceField(choices=[("on", "on"), ("off", "off")], coerce=lambda value: value == "on")
