"""Marking a module's check questions: all right completes it (once per version); wrong ones are named."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from dilasa.accounts.models import User
from dilasa.training.catalogue import Module
from dilasa.training.models import Completion


@dataclass(frozen=True)
class Marked:
    wrong: tuple[str, ...]  # ids of the questions answered wrongly
    completion: Completion | None  # set when every answer was right
    already: bool = False  # this version was already complete (a second submit changes nothing)

    @property
    def complete(self) -> bool:
        return self.completion is not None


def module_answer(*, user: User, module: Module, version: str, answers: Mapping[str, str]) -> Marked:
    """Check every answer; complete the module's current version when all are right.

    Raises ValidationError, changing nothing, for a module that changed since the page was read, or for
    answers that are not among the choices (the form refuses those first; this is the service's own guard).
    """
    if not user.is_therapist:
        raise ValidationError(_("Only therapists complete training modules."))
    if version != module.version:
        raise ValidationError(_("This module was updated while you were reading it. Please read it again."))
    questions = module.texts["en"].questions
    for question in questions:
        if answers.get(question.id) not in {choice.id for choice in question.choices}:
            raise ValidationError(_("Please choose one of the answers to every question."))
    wrong = tuple(q.id for q in questions if answers[q.id] != q.right_choice.id)
    if wrong:
        return Marked(wrong=wrong, completion=None)
    try:
        with transaction.atomic():
            completion, created = Completion.objects.get_or_create(
                user=user, module=module.slug, version=module.version
            )
    except IntegrityError:  # two submits at once: the other one completed it
        completion, created = Completion.objects.get(user=user, module=module.slug, version=module.version), False
    return Marked(wrong=(), completion=completion, already=not created)
