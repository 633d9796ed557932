"""Every text of data/helplines.toml as a msgid, so makemessages finds it and the help page shows it in the
reader's language (helplines.Helpline.*_text). tests/test_helplines.py checks none is missing."""

from __future__ import annotations

from django.utils.translation import gettext_noop as _

WORDS = (
    # names
    _("Rescue 1122"),
    _("Police"),
    _("Umang helpline"),
    _("Government mental health line"),
    _("Mental health and psychosocial support line"),
    _("Punjab Safe City"),
    # hours
    _("Emergency service"),
    _("24 hours, every day"),
    _("Hours not confirmed"),
    # regions
    _("national"),
    _("Punjab"),
    # languages
    _("Urdu"),
    _("Sindhi"),
    _("Pashto"),
    _("Punjabi"),
    _("Balochi"),
    _("Saraiki"),
    # what each is for
    _("Ambulance and rescue in an emergency, when a life is in danger now."),
    _("Police emergency: when you or someone else is in danger."),
    _("Talk to someone about how you feel, including thoughts of ending your life."),
    _("Mental health advice and support from the government."),
    _("Psychological support by phone."),
    _("In Punjab: call 15, then press 7 to speak to a psychologist."),
)
