"""The check questions as a form: one choice per question (unknown ids are refused), and the version read."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dilasa.training.catalogue import Module, Text


class AnswersForm(forms.Form):
    version = forms.CharField(max_length=16, widget=forms.HiddenInput)

    def __init__(self, *args: Any, module: Module, text: Text, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.text = text
        for question in text.questions:
            self.fields[question.id] = forms.ChoiceField(
                label=question.prompt,
                choices=[(c.id, c.text) for c in question.choices],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose an answer."),
                    "invalid_choice": _("That answer is not one of the choices. Please choose one of them."),
                },
            )
        self.initial.setdefault("version", module.version)

    def answers(self) -> dict[str, str]:
        return {q.id: self.cleaned_data[q.id] for q in self.text.questions}
