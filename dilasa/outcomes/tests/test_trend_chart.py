"""Trends as light, accessible, server-rendered SVG: a title and a description, band shading, a table with
the same numbers, no script; right to left, time runs from right to left."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dilasa.accounts.models import User
from dilasa.outcomes.chart import Mark, trend_svg
from dilasa.outcomes.models import Response
from dilasa.outcomes.scoring import SCALES
from dilasa.outcomes.testing import answered, assigned
from dilasa.testing import signed_in_client

T0 = datetime(2026, 12, 1, tzinfo=UTC)


def svg(*, rtl: bool, marks: list[Mark] | None = None) -> str:
    scale = SCALES["phq9"]
    return trend_svg(
        marks=marks if marks is not None else [Mark(T0, 20, "first"), Mark(T0 + timedelta(days=14), 6, "last")],
        max_total=scale.max_total,
        bands=scale.bands,
        band_words={b.key: b.key for b in scale.bands},
        rtl=rtl,
        title="PHQ-9 <over time>",
        desc="2 answers & more",
        first_label="1 Dec",
        last_label="15 Dec",
        chart_id="c-phq9",
    )


def circles(text: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', text)]


def test_the_chart_names_itself_and_escapes_its_words() -> None:
    text = svg(rtl=False)
    assert text.startswith('<svg class="trend"')
    assert 'role="img"' in text
    assert 'aria-labelledby="c-phq9-t c-phq9-d"' in text
    assert '<title id="c-phq9-t">PHQ-9 &lt;over time&gt;</title>' in text
    assert '<desc id="c-phq9-d">2 answers &amp; more</desc>' in text
    assert "<script" not in text


def test_each_band_is_shaded_and_higher_scores_sit_higher() -> None:
    text = svg(rtl=False)
    assert text.count("<rect") == 5
    (_, y_high), (_, y_low) = circles(text)
    assert y_high < y_low, "20 is drawn above 6"


def test_time_runs_left_to_right_in_english_and_right_to_left_in_urdu() -> None:
    (ltr_first, _), (ltr_last, _) = circles(svg(rtl=False))
    (rtl_first, _), (rtl_last, _) = circles(svg(rtl=True))
    assert ltr_first < ltr_last
    assert rtl_first > rtl_last
    assert 'direction="ltr"' in svg(rtl=True), "anchors mean the same whatever the page direction"


def test_one_answer_is_a_single_point_and_no_answers_draw_no_line() -> None:
    one = svg(rtl=False, marks=[Mark(T0, 9, "only")])
    assert len(circles(one)) == 1
    assert "<polyline" not in one
    assert circles(svg(rtl=False, marks=[])) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_progress_page_shows_chart_and_table_within_the_budget(
    client_ayesha: User, therapist_sana: User, language: str
) -> None:
    import gzip

    client_ayesha.language = language
    client_ayesha.save()
    for n in range(12):
        item = assigned(client_ayesha, therapist_sana, "phq9")
        answered(item, [n % 4] * 8 + [0])
        Response.objects.filter(assignment=item).update(submitted_at=timezone.now() - timedelta(days=7 * (12 - n)))
    answered(assigned(client_ayesha, therapist_sana, "mood"), [7], word="calm")
    response = signed_in_client(client_ayesha).get(reverse("outcomes:progress"))
    body = response.content.decode()
    assert body.count("<svg") == 2
    assert body.count("<table") == 2
    assert body.count("<tr>") == 2 + 12 + 1
    assert len(gzip.compress(response.content, 9)) < 8 * 1024
