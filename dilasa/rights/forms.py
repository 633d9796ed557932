from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.rights.models import RetentionRule


class ExportForm(forms.Form):
    FORMATS = (("html", _("A page to read or print")), ("json", _("A file for computers (JSON)")))

    password = forms.CharField(
        label=_("Your password, to confirm it is you"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=128,
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, widget=forms.RadioSelect, initial="html")


class EraseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm it is you"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=128,
    )
    understood = forms.BooleanField(
        label=_("I understand that my account will be closed now and erased after the waiting period."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class CancelForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        max_length=128,
    )


class RetentionForm(forms.ModelForm[RetentionRule]):
    class Meta:
        model = RetentionRule
        fields = ("clinical_years", "financial_years")
