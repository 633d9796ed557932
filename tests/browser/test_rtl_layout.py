"""Right-to-left pages really render mirrored on a phone, in every RTL language, with English as the control."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.support import LANGUAGE_COOKIE, NewContext, sign_in

# Django code -> (<html lang>, <html dir>)
LOCALES = {
    "en": ("en", "ltr"),
    "ur": ("ur", "rtl"),
    "pnb": ("pa-Arab", "rtl"),
    "sd": ("sd-Arab", "rtl"),
    "ps": ("ps", "rtl"),
}
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile("[A-Za-z]")
SLACK = 1.0  # px: sub-pixel rounding

# One round trip for every figure the assertions need. `aligned` covers the block-level text of main (headings,
# paragraphs, list items, form labels): each one's content box, and the left/right of its text's last line.
MEASURE = """() => {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const content = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el), px = (v) => parseFloat(v) || 0;
    return {
      left: r.left + px(s.borderLeftWidth) + px(s.paddingLeft),
      right: r.right - px(s.borderRightWidth) - px(s.paddingRight),
    };
  };
  const lastLine = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const bottom = Math.max(...rects.map((r) => r.bottom));
    const line = rects.filter((r) => bottom - r.bottom < 2);
    return {left: Math.min(...line.map((r) => r.left)), right: Math.max(...line.map((r) => r.right))};
  };
  const root = document.documentElement;
  const aligned = [...document.querySelectorAll("main :is(h1, h2, p, li, .field > label)")]
    .filter((el) => ["block", "list-item"].includes(getComputedStyle(el).display) && el.textContent.trim())
    .map((el) => ({box: content(el), line: lastLine(el), html: el.outerHTML.slice(0, 60)}));
  const wide = [...document.querySelectorAll("body *")].filter((el) => {
    if (el.closest(".skip, .vh")) return false;  // deliberately off-screen or visually hidden
    const r = el.getBoundingClientRect();
    return r.width > 0 && (r.left < -1 || r.right > root.clientWidth + 1);
  }).map((el) => el.outerHTML.slice(0, 80));
  return {
    lang: root.lang, dir: root.dir,
    bodyDirection: getComputedStyle(document.body).direction,
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide,
    bar: content(document.querySelector(".bar")),
    brand: box(document.querySelector(".bar .brand")),
    nav: box(document.querySelector(".bar nav")),
    navItems: [...document.querySelectorAll(".bar nav li")].map(box),
    h1: document.querySelector("main h1").textContent.trim(),
    aligned,
  };
}"""


def measure(page: Page) -> dict[str, Any]:
    figures: dict[str, Any] = page.evaluate(MEASURE)
    return figures


def assert_direction(m: dict[str, Any], lang: str, direction: str) -> None:
    assert (m["lang"], m["dir"]) == (lang, direction)
    assert m["bodyDirection"] == direction


def same_row(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["top"] < b["bottom"] and b["top"] < a["bottom"]


def precedes(a: dict[str, float], b: dict[str, float], direction: str) -> bool:
    """In reading order, a comes before b on the same row."""
    return a["left"] >= b["right"] - SLACK if direction == "rtl" else a["right"] <= b["left"] + SLACK


def assert_mirrored(m: dict[str, Any], direction: str) -> None:
    bar, brand, nav, items = m["bar"], m["brand"], m["nav"], m["navItems"]
    # The brand opens the header bar at its start edge: the right in RTL, the left in LTR.
    if direction == "rtl":
        assert abs(brand["right"] - bar["right"]) <= SLACK, f"brand not at the right: {brand} in {bar}"
    else:
        assert abs(brand["left"] - bar["left"]) <= SLACK, f"brand not at the left: {brand} in {bar}"
    # On a shared row the nav follows it, and the nav's own items run in reading order.
    if same_row(brand, nav):
        assert precedes(brand, nav, direction), f"nav should follow the brand ({direction}): {brand} vs {nav}"
    assert len(items) >= 2, items
    for first, second in pairwise(items):
        if same_row(first, second):
            assert precedes(first, second, direction), f"nav items out of reading order ({direction}): {items}"
    # Text starts at the start edge: each block's last line hugs the right of its box in RTL, the left in LTR.
    assert m["aligned"], "no text blocks found in main"
    for el in m["aligned"]:
        line, outer = el["line"], el["box"]
        if direction == "rtl":
            assert abs(line["right"] - outer["right"]) <= SLACK, f"text not at the right edge: {el}"
        else:
            assert abs(line["left"] - outer["left"]) <= SLACK, f"text not at the left edge: {el}"
    # ...and some last line is clearly shorter than its box, or hugging both edges would prove nothing.
    assert any(
        el["line"]["right"] - el["line"]["left"] < el["box"]["right"] - el["box"]["left"] - 10 for el in m["aligned"]
    )


def assert_fits(m: dict[str, Any]) -> None:
    assert m["scrollWidth"] <= m["clientWidth"], f"scrolls sideways: {m['scrollWidth']} > {m['clientWidth']}"
    assert not m["wide"], f"elements stick out of the {m['clientWidth']}px viewport: {m['wide']}"


@pytest.mark.parametrize("path", ["/", "/sign-in/"])
@pytest.mark.parametrize("language", list(LOCALES))
def test_page_is_mirrored_and_in_the_chosen_script(new_context: NewContext, language: str, path: str) -> None:
    lang, direction = LOCALES[language]
    page = new_context(language=language).new_page()
    response = page.goto(path)
    assert response is not None
    assert response.status == 200

    m = measure(page)
    assert_direction(m, lang, direction)
    assert_mirrored(m, direction)
    assert_fits(m)
    if direction == "rtl":
        assert ARABIC_SCRIPT.search(m["h1"]), f"h1 is not in Arabic script (translation missing?): {m['h1']!r}"
        assert not LATIN_LETTER.search(m["h1"]), f"h1 still has Latin letters: {m['h1']!r}"
    else:
        assert not ARABIC_SCRIPT.search(m["h1"]), m["h1"]


def test_a_signed_in_clients_saved_language_turns_pages_rtl_without_a_cookie(
    new_context: NewContext, client_ayesha: Any
) -> None:
    assert client_ayesha.language == "ur"
    context = new_context()  # no language cookie, and the browser asks for en-US
    page = context.new_page()
    sign_in(page, client_ayesha)
    context.clear_cookies(name=LANGUAGE_COOKIE)  # whatever sign-in did, only the saved language may remain

    for path in ("/home/", "/account/"):
        response = page.goto(path)
        assert response is not None
        assert response.status == 200
        assert response.url.endswith(path)
        assert not [c for c in context.cookies() if c["name"] == LANGUAGE_COOKIE]
        m = measure(page)
        assert_direction(m, "ur", "rtl")
        assert_mirrored(m, "rtl")
        assert_fits(m)
