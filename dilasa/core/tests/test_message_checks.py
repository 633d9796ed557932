"""The catalogue check keeps placeholders: in a plural entry the general form keeps the plural's, and the
"one" form may leave the number out (msgfmt demands the plural's placeholder in msgstr[1])."""

from __future__ import annotations

from dilasa.core.checks.messages import _placeholders_differ

ONE = "One answer is not right yet."
MANY = "%(n)s answers are not right yet."


def test_a_plain_entry_keeps_its_placeholders() -> None:
    assert not _placeholders_differ("Hello %(name)s", "", ["سلام %(name)s"])
    assert _placeholders_differ("Hello %(name)s", "", ["سلام"])


def test_a_plural_entry_may_leave_the_number_out_of_the_one_form_but_not_the_general_form() -> None:
    assert not _placeholders_differ(ONE, MANY, ["ایک جواب ابھی درست نہیں۔", "%(n)s جوابات ابھی درست نہیں۔"])
    assert _placeholders_differ(ONE, MANY, ["ایک جواب ابھی درست نہیں۔", "جوابات ابھی درست نہیں۔"])
    assert _placeholders_differ(ONE, MANY, ["%(x)s ایک جواب", "%(n)s جوابات"])
