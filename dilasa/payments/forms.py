from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dilasa.core.i18n import normalise_digits
from dilasa.payments.models import PaymentMethod
from dilasa.payments.services import INSTRUCTIONS_MAX


class PaymentForm(forms.Form):
    method = forms.ChoiceField(label=_("How did you pay?"), choices=PaymentMethod.choices, widget=forms.RadioSelect)
    reference = forms.CharField(
        label=_("Reference"),
        help_text=_("The transaction ID in your JazzCash or Easypaisa message, or the reference your bank gave."),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
    )
    amount_pkr = forms.CharField(
        label=_("Amount you sent (rupees)"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "dir": "ltr"}),
    )

    def clean_amount_pkr(self) -> int:
        text = normalise_digits(self.cleaned_data["amount_pkr"]).replace(",", "").replace("٬", "").strip()
        if not text.isascii() or not text.isdigit():
            raise ValidationError(_("Enter the amount in rupees, in digits."), code="bad_amount")
        return int(text)


class InstructionsForm(forms.Form):
    text = forms.CharField(
        label=_("What clients see on the payment page"),
        help_text=_("Your JazzCash and Easypaisa numbers and bank account, and anything clients should know."),
        max_length=INSTRUCTIONS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
