"""Fail when a translation catalogue lacks a translation, or a placeholder differs.

Run as `python -m dilasa.core.checks.messages`; `make lint` and CI run it.
Urdu must be complete; Punjabi, Sindhi and Pashto must cover the pages listed
in REQUIRED_PARTIAL (navigation and sign-in) and may grow from there.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
COMPLETE = ("ur",)
PARTIAL = ("pnb", "sd", "ps")
# Source files whose strings every partial locale must translate.
REQUIRED_PARTIAL = ("templates/base.html", "accounts/templates/accounts/login.html", "accounts/forms.py")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|%[sd]")


def _entries(po: Path) -> list[tuple[list[str], str, list[str], bool, str]]:
    """(locations, msgid, msgstrs, fuzzy, msgid_plural) for every entry of a .po file."""
    entries: list[tuple[list[str], str, list[str], bool, str]] = []
    locations: list[str] = []
    fuzzy = False
    msgid: list[str] = []
    msgstrs: list[list[str]] = []
    plural: list[str] = []
    current: list[str] | None = None

    def flush() -> None:
        if msgid or msgstrs:
            entries.append((list(locations), "".join(msgid), ["".join(s) for s in msgstrs], fuzzy, "".join(plural)))

    for raw in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            flush()
            locations, fuzzy, msgid, msgstrs, plural, current = [], False, [], [], [], None
        elif line.startswith("#:"):
            locations.extend(line[2:].split())
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            msgid, current = [line[6:].strip('"')], msgid
            current = msgid
        elif line.startswith("msgid_plural"):
            plural = [line[len("msgid_plural ") :].strip('"')]
            current = plural
        elif line.startswith("msgstr"):
            value = line.split(" ", 1)[1].strip('"')
            msgstrs.append([value])
            current = msgstrs[-1]
        elif line.startswith('"') and current is not None:
            current.append(line.strip('"'))
    return entries


def _placeholders_differ(msgid: str, plural: str, msgstrs: list[str]) -> bool:
    """A translation must keep the source's placeholders. In a plural entry the last form (the general one)
    must keep the plural's; an earlier form (e.g. "one answer") may leave the count out, but adds nothing."""
    singular = set(_PLACEHOLDER.findall(msgid))
    if not plural:
        return any(set(_PLACEHOLDER.findall(s)) != singular for s in msgstrs)
    general = set(_PLACEHOLDER.findall(plural))
    *earlier, last = msgstrs
    return set(_PLACEHOLDER.findall(last)) != general or any(
        not set(_PLACEHOLDER.findall(s)) <= singular | general for s in earlier
    )


def problems() -> list[str]:
    found: list[str] = []
    for lang in COMPLETE + PARTIAL:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
        if not po.exists():
            found.append(f"{po}: missing")
            continue
        # msgfmt from gettext, on PATH, as Django's compilemessages uses it; the arguments are fixed.
        command = ["msgfmt", "--check", "-o", "/dev/null", str(po)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            found.append(f"{po}: msgfmt: {result.stderr.strip()}")
        for locations, msgid, msgstrs, fuzzy, plural in _entries(po):
            if not msgid:
                continue  # header
            required = lang in COMPLETE or any(loc.split(":")[0].endswith(REQUIRED_PARTIAL) for loc in locations)
            untranslated = fuzzy or not msgstrs or any(not s for s in msgstrs)
            if required and untranslated:
                found.append(f"{lang}: untranslated: {msgid[:70]!r}")
            if not untranslated and _placeholders_differ(msgid, plural, msgstrs):
                found.append(f"{lang}: placeholders differ in {msgid[:70]!r}")
    return found


def main() -> int:
    found = problems()
    for line in found:
        sys.stdout.write(line + "\n")
    if found:
        sys.stdout.write(f"{len(found)} translation problem(s)\n")
        return 1
    sys.stdout.write("translations complete\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
