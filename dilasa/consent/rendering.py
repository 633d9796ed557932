"""The consent texts' small Markdown: "## heading", "- item" lists and paragraphs. Nothing else is
interpreted, and every character is escaped first, so a document can never inject markup."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def render_text(body: str) -> SafeString:
    html: list[str] = []
    paragraph: list[str] = []
    in_list = False

    def flush() -> None:
        if paragraph:
            html.append(f"<p>{escape(' '.join(paragraph))}</p>")
            paragraph.clear()

    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("- "):
            flush()
            if not in_list:
                html.append("<ul>")
                in_list = True
            html.append(f"<li>{escape(line[2:])}</li>")
            continue
        if in_list:
            html.append("</ul>")
            in_list = False
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            html.append(f"<h2>{escape(line[3:])}</h2>")
        else:
            paragraph.append(line)
    flush()
    if in_list:
        html.append("</ul>")
    return mark_safe("".join(html))  # noqa: S308 - every piece is escaped above
