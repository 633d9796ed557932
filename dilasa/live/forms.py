from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.live.models import AgeBand, Mood, TechComfort
from dilasa.live.services import FEEDBACK_MAX, MOOD_WORD_MAX, NOTE_MAX

ONE_TO_FIVE = [(n, str(n)) for n in range(1, 6)]


class MoodForm(forms.Form):
    value = forms.TypedChoiceField(label=_("How are you feeling before we start?"), choices=Mood.choices, coerce=int)
    word = forms.CharField(label=_("One word, if you like"), max_length=MOOD_WORD_MAX, required=False)


class FeedbackForm(forms.Form):
    session_rating = forms.TypedChoiceField(
        label=_("How did the session go for you?"), choices=ONE_TO_FIVE, coerce=int, widget=forms.RadioSelect
    )
    connected_rating = forms.TypedChoiceField(
        label=_("How connected did you feel to your therapist?"),
        choices=ONE_TO_FIVE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    connection_rating = forms.TypedChoiceField(
        label=_("How was the sound and picture?"), choices=ONE_TO_FIVE, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us (optional)"),
        max_length=FEEDBACK_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("A short private note"),
        help_text=_("Only you can read it. It is stored encrypted."),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AboutMeForm(forms.Form):
    """Asked once; both answers optional ("prefer not to say" is the blank choice)."""

    age_band = forms.ChoiceField(
        label=_("Your age"),
        choices=[("", _("Prefer not to say")), *AgeBand.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    tech_comfort = forms.ChoiceField(
        label=_("How comfortable are you with phones and computers?"),
        choices=[("", _("Prefer not to say")), *TechComfort.choices],
        required=False,
        widget=forms.RadioSelect,
    )
