"""Module text to HTML: paragraphs, "## " headings and "- " lists, everything else escaped (no Markdown library)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def to_html(body: str) -> SafeString:
    parts: list[str] = []
    for block in body.split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            parts.append(f"<h2>{escape(lines[0][3:])}</h2>")
            lines = lines[1:]
            if not lines:
                continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{escape(' '.join(lines))}</p>")
    return mark_safe("".join(parts))  # noqa: S308  # every piece of text above is escaped
