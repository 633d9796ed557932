"""Error reports never carry what people wrote.

Django's default filter hides only parameters a view marks as sensitive, and only when DEBUG is off.
Here every POST value and every local variable in a traceback is replaced, always: a message body or a
note being saved when something breaks must not reach a log, an email or a debug page.
"""

from __future__ import annotations

from types import FrameType
from typing import Any

from django.http import HttpRequest, QueryDict
from django.views.debug import SafeExceptionReporterFilter


class ConfidentialReporterFilter(SafeExceptionReporterFilter):
    def is_active(self, request: HttpRequest | None) -> bool:
        return True

    def get_post_parameters(self, request: HttpRequest | None) -> QueryDict | dict[str, Any]:
        if request is None:
            return {}
        cleansed = request.POST.copy()
        for key in cleansed:
            cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: FrameType) -> Any:
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
