from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dilasa.core.i18n import normalise_digits
from dilasa.directory.matching import Preferences
from dilasa.directory.models import BIO_MAX_CHARS, Approach, Gender, Language, Province, Speciality, TherapistProfile
from dilasa.directory.photos import PHOTO_MAX_BYTES, validate_photo
from dilasa.directory.selectors import SearchFilters
from dilasa.scheduling.models import Mode

FEE_LIMIT = 1_000_000
NOT_SURE = "not-sure"
_SEPARATORS = re.compile(r"[\s,٬']")  # thousands separators people type: 2,000 · ۲٬۰۰۰ · 2 000
_CHOOSE_FROM_LIST = _("Choose one of the options in the list.")


class RupeesField(forms.Field):
    """A whole number of rupees; Urdu and Arabic-Indic digits and thousands separators welcome."""

    default_error_messages = {
        "invalid": _("Write an amount in whole rupees, like 2000."),
        "negative": _("A fee cannot be below zero."),
        "too_big": _("That is more than any fee here. Write a smaller amount."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 8}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        text = _SEPARATORS.sub("", normalise_digits(str(value))).removeprefix("Rs").removeprefix(".")
        if re.fullmatch(r"[-−][0-9]+", text):
            raise ValidationError(self.error_messages["negative"], code="negative")
        if not re.fullmatch(r"[0-9]{1,9}", text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        amount = int(text)
        if amount > FEE_LIMIT:
            raise ValidationError(self.error_messages["too_big"], code="too_big")
        return amount


def _choice(label: Any, choices: list[tuple[str, Any]], **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, required=False, error_messages={"invalid_choice": _CHOOSE_FROM_LIST}, **kwargs
    )


class SearchForm(forms.Form):
    """The directory's filters, read from the query string; bad values become messages, never errors."""

    language = _choice(_("Language"), [])
    gender = _choice(_("Therapist"), [("", _("Anyone")), (Gender.WOMAN, _("A woman")), (Gender.MAN, _("A man"))])
    mode = _choice(_("How to meet"), [("", _("Any way")), *Mode.choices])
    speciality = _choice(_("Help with"), [])
    fee_min = RupeesField(label=_("Lowest fee (Rs)"))
    fee_max = RupeesField(label=_("Highest fee (Rs)"))
    free_only = forms.BooleanField(label=_("Free sessions only"), required=False)
    available = forms.BooleanField(label=_("Has times in the next 7 days"), required=False)

    def __init__(self, data: Any, *, languages: list[Language], specialities: list[Speciality]) -> None:
        super().__init__(data)
        self.fields["language"].choices = [("", _("Any language")), *((x.code, x.label) for x in languages)]  # type: ignore[attr-defined]
        self.fields["speciality"].choices = [("", _("Anything")), *((s.slug, s.label) for s in specialities)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("fee_min"), cleaned.get("fee_max")
        if low is not None and high is not None and low > high:
            self.add_error("fee_max", _("The highest fee is below the lowest fee. Swap them, or leave one empty."))
        return cleaned

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields)

    def filters(self) -> SearchFilters:
        c = self.cleaned_data
        return SearchFilters(
            language=c["language"] or None,
            gender=c["gender"] or None,
            mode=c["mode"] or None,
            fee_min=c["fee_min"],
            fee_max=c["fee_max"],
            free_only=c["free_only"],
            speciality=c["speciality"] or None,
            available_soon=c["available"],
        )


class MatchForm(forms.Form):
    concerns = forms.MultipleChoiceField(
        label=_("What brings you here?"),
        help_text=_("Choose any that fit. We do not save these answers."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _CHOOSE_FROM_LIST},
    )
    language = _choice(_("Which language do you want to talk in?"), [])
    gender = _choice(
        _("Would you rather talk to…"),
        [("", _("No preference")), (Gender.WOMAN, _("A woman")), (Gender.MAN, _("A man"))],
        widget=forms.RadioSelect,
    )
    mode = _choice(_("How would you like to meet?"), [("", _("Any way")), *Mode.choices], widget=forms.RadioSelect)
    budget = RupeesField(
        label=_("The most you can pay for one session (Rs)"), help_text=_("Leave empty if the fee does not matter.")
    )
    free_only = forms.BooleanField(label=_("I can only use free sessions"), required=False)

    def __init__(self, data: Any, *, languages: list[Language], specialities: list[Speciality], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["concerns"].choices = [*((s.slug, s.label) for s in specialities), (NOT_SURE, _("I am not sure"))]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", _("Any language")), *((x.code, x.label) for x in languages)]  # type: ignore[attr-defined]
        self.fields["gender"].initial = ""
        self.fields["mode"].initial = ""

    def preferences(self) -> Preferences:
        c = self.cleaned_data
        return Preferences(
            concerns=frozenset(c["concerns"]) - {NOT_SURE},
            language=c["language"] or None,
            gender=c["gender"] or None,
            mode=c["mode"] or None,
            budget=c["budget"],
            free_only=c["free_only"],
        )


class LanguageChoices(forms.ModelMultipleChoiceField[Language]):
    def label_from_instance(self, obj: Any) -> str:
        language: Language = obj
        if language.native_name == language.label:
            return language.label
        return f"{language.label} \u2068{language.native_name}\u2069"  # isolated, so mixed scripts keep their order


class ProfileForm(forms.Form):
    published = forms.BooleanField(
        label=_("List me in the directory"),
        help_text=_(
            "Clients can find you once you tick this, your clinic has verified you and your booking terms are set."
        ),
        required=False,
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    languages = LanguageChoices(
        label=_("Languages you hold sessions in"),
        queryset=Language.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    specialities = forms.ModelMultipleChoiceField(
        label=_("What you help with"),
        queryset=Speciality.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    approaches = forms.ModelMultipleChoiceField(
        label=_("How you work"),
        queryset=Approach.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    province = forms.ChoiceField(
        label=_("Province"),
        choices=[("", "—"), *Province.choices],
        required=False,
        error_messages={"invalid_choice": _CHOOSE_FROM_LIST},
    )
    qualifications = forms.CharField(
        label=_("Qualifications"),
        help_text=_("For example: MS Clinical Psychology, 6 years of practice."),
        max_length=200,
        required=False,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)

    def __init__(self, data: Any = None, files: Any = None, *, profile: TherapistProfile | None) -> None:
        initial: dict[str, Any] = {}
        saved_codes: list[str] = []
        if profile is not None:
            saved_codes = [language.code for language in profile.languages.all()]
            initial = {
                "published": profile.published,
                "gender": profile.gender,
                "languages": saved_codes,
                "specialities": [s.slug for s in profile.specialities.all()],
                "approaches": [a.slug for a in profile.approaches.all()],
                "city": profile.city,
                "province": profile.province,
                "qualifications": profile.qualifications,
            }
            initial |= {f"bio_{bio.language.code}": bio.text for bio in profile.bios.all()}
        super().__init__(data, files, initial=initial)
        self.fields["photo"].help_text = gettext(
            "Optional. JPEG, PNG or WebP, at most %(limit)d KB. Clients see it only if they choose to open it."
        ) % {"limit": PHOTO_MAX_BYTES // 1024}
        ticked = data.getlist("languages") if data is not None else saved_codes
        self.bio_codes: list[str] = []
        for language in Language.objects.filter(code__in=ticked):
            self.bio_codes.append(language.code)
            self.fields[f"bio_{language.code}"] = forms.CharField(
                label=gettext("Bio in %(language)s") % {"language": language.label},
                required=False,
                strip=False,
                widget=forms.Textarea(
                    attrs={"rows": 6, "maxlength": BIO_MAX_CHARS, "lang": language.code, "dir": "auto"}
                ),
            )
        self.has_photo = bool(profile and profile.photo)
        if not self.has_photo:
            del self.fields["remove_photo"]
        bio_names = [f"bio_{code}" for code in self.bio_codes]
        self.order_fields(["gender", "languages", *bio_names, "specialities", "approaches", "city", "province"])

    def clean_photo(self) -> bytes | None:
        upload: UploadedFile | None = self.cleaned_data.get("photo")
        if not upload:
            return None
        if (upload.size or 0) > PHOTO_MAX_BYTES:
            raise ValidationError(
                gettext("The photo is too large. Use one of at most %(limit)d KB.")
                % {"limit": PHOTO_MAX_BYTES // 1024},
                code="photo_too_large",
            )
        data: bytes = upload.read()
        validate_photo(data)
        return data

    def bios(self) -> dict[str, str]:
        """The bios on the submitted page; a language ticked just now had no box yet, so its old bio stays."""
        return {
            code: self.cleaned_data.get(f"bio_{code}") or "" for code in self.bio_codes if f"bio_{code}" in self.data
        }

    def bio_fields(self) -> list[forms.BoundField]:
        return [self[f"bio_{code}"] for code in self.bio_codes]
