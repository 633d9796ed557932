"""Django's own messages that our pages show, so `makemessages` puts them in our catalogues.

Django's Urdu catalogue is incomplete and it has none for Punjabi (Shahmukhi),
Sindhi or Pashto; our catalogues (LOCALE_PATHS) take precedence over Django's.
The msgids must match Django's exactly, typographic apostrophes included.
This module is never imported at run time.
"""

from django.utils.translation import gettext_noop, ngettext


def _catalogue() -> None:  # pragma: no cover - read by makemessages only
    gettext_noop("This field is required.")
    gettext_noop("Enter a valid email address.")
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices.")
    ngettext(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        1,
    )
    ngettext(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    )
    ngettext(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    )
    gettext_noop("This password is too common.")
    gettext_noop("Your password can’t be a commonly used password.")
    gettext_noop("The password is too similar to the %(verbose_name)s.")
    gettext_noop("Your password can’t be too similar to your other personal information.")
    gettext_noop("Old password")
    gettext_noop("Your old password was entered incorrectly. Please enter it again.")
    gettext_noop("New password")
    gettext_noop("New password confirmation")
    gettext_noop("The two password fields didn’t match.")
    gettext_noop("Enter the same password as before, for verification.")
