"""The technique library as data: each technique's plain explanation for the client and the parts of its
form, in English and Urdu. Forms, pages, export and review are all built from this one structure, so a new
technique is a new entry here, not a new template.

The words are kept here (not in the .po catalogues) because they are the technique itself, written for
clients in plain Urdu, like the instrument texts of dilasa/outcomes. Readers of other languages get the Urdu
(Urdu is read across Pakistan), English readers the English.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["text", "line", "scale", "time", "yesno"]

TEXT_MAX: Final = 2000
LINE_MAX: Final = 200


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool = True
    low: int = 0
    high: int = 10


@dataclass(frozen=True)
class Technique:
    slug: str
    fields: tuple[Field, ...]
    pacer: bool = False  # the breathing pacer is shown above the form


@dataclass(frozen=True)
class Words:
    title: str
    summary: str  # one line for lists
    explain: tuple[str, ...]  # the short plain explanation, paragraph by paragraph
    labels: dict[str, str]


LIBRARY: Final[dict[str, Technique]] = {
    t.slug: t
    for t in (
        Technique(
            "thoughts",
            (
                Field("situation", "text"),
                Field("thought", "text"),
                Field("feeling", "line"),
                Field("strength", "scale", low=0, high=100),
                Field("for", "text", required=False),
                Field("against", "text", required=False),
                Field("balanced", "text"),
                Field("strength_after", "scale", low=0, high=100),
            ),
        ),
        Technique(
            "breathing",
            (
                Field("minutes", "scale", low=1, high=30),
                Field("tense_before", "scale"),
                Field("tense_after", "scale"),
            ),
            pacer=True,
        ),
        Technique(
            "grounding",
            (
                Field("see", "text"),
                Field("touch", "text"),
                Field("hear", "text"),
                Field("smell", "line"),
                Field("taste", "line"),
                Field("calm_after", "scale"),
            ),
        ),
        Technique(
            "diary",
            (Field("when", "time"), Field("activity", "line"), Field("mood", "scale")),
        ),
        Technique(
            "planner",
            (
                Field("activity", "line"),
                Field("when", "line"),
                Field("pleasure", "scale"),
                Field("mastery", "scale"),
                Field("done", "yesno"),
            ),
        ),
        Technique(
            "worry-time",
            (
                Field("worry", "text"),
                Field("worry_time", "time"),
                Field("still", "yesno", required=False),
                Field("action", "text", required=False),
            ),
        ),
    )
}

EN: Final[dict[str, Words]] = {
    "thoughts": Words(
        "Thought record",
        "Catch an upsetting thought, look at it, and find a fairer one.",
        (
            (
                "When your mood changes suddenly, a quick thought has often gone through your mind. Writing it down "
                "helps you look at it calmly instead of simply believing it."
            ),
            (
                "Write what happened, the thought, and how strong the feeling was. Then write what supports the "
                "thought and what does not, and a more balanced thought. Rate the feeling again at the end."
            ),
        ),
        {
            "situation": "What happened? Where were you, who was there?",
            "thought": "What went through your mind?",
            "feeling": "What did you feel? (for example sad, angry, scared)",
            "strength": "How strong was the feeling? (0 = not at all, 100 = the strongest)",
            "for": "What makes the thought seem true?",
            "against": "What does not fit the thought?",
            "balanced": "A fairer, more balanced thought",
            "strength_after": "How strong is the feeling now? (0 to 100)",
        },
    ),
    "breathing": Words(
        "Slow breathing",
        "Breathe in for 4 and out for 6 with the circle, for a few minutes.",
        (
            "Breathing out more slowly than you breathe in tells your body it is safe to calm down.",
            (
                "Sit comfortably. Breathe in through your nose while the circle grows (4 counts) and out slowly "
                "while it shrinks (6 counts). Keep going for three to five minutes. This works with no internet "
                "once the page is open."
            ),
        ),
        {
            "minutes": "How many minutes did you practise?",
            "tense_before": "How tense were you before? (0 = calm, 10 = very tense)",
            "tense_after": "How tense are you now? (0 to 10)",
        },
    ),
    "grounding": Words(
        "5-4-3-2-1",
        "Come back to the present moment through your five senses.",
        (
            "When feelings become too strong, noticing what is around you brings you back to here and now.",
            (
                "Look around slowly and name: five things you can see, four you can touch, three you can hear, two "
                "you can smell and one you can taste."
            ),
        ),
        {
            "see": "Five things you can see",
            "touch": "Four things you can touch",
            "hear": "Three things you can hear",
            "smell": "Two things you can smell",
            "taste": "One thing you can taste",
            "calm_after": "How calm do you feel now? (0 = not at all, 10 = very calm)",
        },
    ),
    "diary": Words(
        "Mood and activity diary",
        "Note what you did and how you felt, a few times a day.",
        (
            "Mood goes up and down with what we do. Noting both for a few days shows which activities help.",
            (
                "Each time, write the time, what you were doing and your mood from 0 to 10. Add as many entries as "
                "you like."
            ),
        ),
        {
            "when": "Time",
            "activity": "What were you doing?",
            "mood": "Your mood (0 = very low, 10 = very good)",
        },
    ),
    "planner": Words(
        "Activity planner",
        "Plan small activities that give pleasure or a sense of achievement.",
        (
            (
                "When we feel low we do less, and doing less makes us feel lower. Planning small, doable activities "
                "breaks that circle."
            ),
            (
                "Write one activity and when you will do it. Afterwards rate the pleasure it gave and the sense of "
                "achievement, and say whether you did it."
            ),
        ),
        {
            "activity": "The activity",
            "when": "When? (day and time)",
            "pleasure": "Pleasure (0 = none, 10 = a lot)",
            "mastery": "Sense of achievement (0 = none, 10 = a lot)",
            "done": "Did you do it?",
        },
    ),
    "worry-time": Words(
        "Worry time",
        "Write worries down and keep them for one fixed time each day.",
        (
            (
                "Worries can fill the whole day. Instead, write a worry down when it comes and put it aside for your "
                "worry time: fifteen minutes at the same time each day."
            ),
            "At worry time, read what you wrote. Is it still a worry? Is there something you can do about it?",
        ),
        {
            "worry": "The worry",
            "worry_time": "Your daily worry time",
            "still": "At worry time: is it still a worry?",
            "action": "Is there something you can do about it?",
        },
    ),
}

UR: Final[dict[str, Words]] = {
    "thoughts": Words(
        "خیالات کا ریکارڈ",
        "پریشان کرنے والے خیال کو پکڑیں، اسے دیکھیں، اور ایک زیادہ منصفانہ خیال ڈھونڈیں۔",
        (
            (
                "جب آپ کا موڈ اچانک بدلتا ہے تو اکثر ذہن میں کوئی تیز خیال گزرا ہوتا ہے۔ اسے لکھ لینے سے آپ اسے سکون "
                "سے دیکھ سکتے ہیں، بجائے اس کے کہ اسے سیدھا سچ مان لیں۔"
            ),
            (
                "لکھیں کہ کیا ہوا، کیا خیال آیا، اور احساس کتنا شدید تھا۔ پھر لکھیں کہ کون سی باتیں اس خیال کو سچ "
                "دکھاتی ہیں اور کون سی نہیں، اور ایک متوازن خیال۔ آخر میں احساس کو دوبارہ نمبر دیں۔"
            ),
        ),
        {
            "situation": "کیا ہوا؟ آپ کہاں تھے، کون ساتھ تھا؟",
            "thought": "آپ کے دل میں کیا خیال آیا؟",
            "feeling": "آپ نے کیا محسوس کیا؟ (جیسے اداسی، غصہ، ڈر)",
            "strength": "احساس کتنا شدید تھا؟ (0 = بالکل نہیں، 100 = سب سے زیادہ)",
            "for": "کون سی باتیں اس خیال کو سچ دکھاتی ہیں؟",
            "against": "کون سی باتیں اس خیال سے میل نہیں کھاتیں؟",
            "balanced": "ایک زیادہ منصفانہ، متوازن خیال",
            "strength_after": "اب احساس کتنا شدید ہے؟ (0 سے 100)",
        },
    ),
    "breathing": Words(
        "آہستہ سانس",
        "دائرے کے ساتھ 4 گنتی تک سانس اندر اور 6 گنتی تک باہر، چند منٹ۔",
        (
            "سانس اندر لینے سے زیادہ آہستہ باہر نکالنے سے جسم کو پیغام ملتا ہے کہ اب پرسکون ہونا محفوظ ہے۔",
            (
                "آرام سے بیٹھ جائیں۔ جب دائرہ بڑا ہو تو ناک سے سانس اندر لیں (4 گنتی)، اور جب چھوٹا ہو تو آہستہ "
                "باہر نکالیں (6 گنتی)۔ تین سے پانچ منٹ تک جاری رکھیں۔ صفحہ کھلنے کے بعد یہ انٹرنیٹ کے بغیر بھی چلتا ہے۔"
            ),
        ),
        {
            "minutes": "آپ نے کتنے منٹ مشق کی؟",
            "tense_before": "پہلے آپ کتنے بے چین تھے؟ (0 = پرسکون، 10 = بہت بے چین)",
            "tense_after": "اب آپ کتنے بے چین ہیں؟ (0 سے 10)",
        },
    ),
    "grounding": Words(
        "5-4-3-2-1",
        "اپنے پانچ حواس کے ذریعے اس لمحے میں واپس آئیں۔",
        (
            "جب احساسات بہت تیز ہو جائیں تو اپنے اردگرد کی چیزوں پر دھیان دینا آپ کو یہاں اور ابھی میں واپس لاتا ہے۔",
            (
                "آہستہ سے اردگرد دیکھیں اور نام لیں: پانچ چیزیں جو آپ دیکھ سکتے ہیں، چار جنہیں چھو سکتے ہیں، تین جو "
                "سن سکتے ہیں، دو جن کی خوشبو لے سکتے ہیں اور ایک جس کا ذائقہ لے سکتے ہیں۔"
            ),
        ),
        {
            "see": "پانچ چیزیں جو آپ دیکھ سکتے ہیں",
            "touch": "چار چیزیں جنہیں آپ چھو سکتے ہیں",
            "hear": "تین آوازیں جو آپ سن سکتے ہیں",
            "smell": "دو چیزیں جن کی خوشبو آپ لے سکتے ہیں",
            "taste": "ایک چیز جس کا ذائقہ آپ لے سکتے ہیں",
            "calm_after": "اب آپ کتنا پرسکون محسوس کرتے ہیں؟ (0 = بالکل نہیں، 10 = بہت)",
        },
    ),
    "diary": Words(
        "موڈ اور کاموں کی ڈائری",
        "دن میں چند بار لکھیں کہ آپ کیا کر رہے تھے اور کیسا محسوس کر رہے تھے۔",
        (
            (
                "ہمارا موڈ ہمارے کاموں کے ساتھ اوپر نیچے ہوتا ہے۔ "
                "چند دن دونوں لکھنے سے پتا چلتا ہے کہ کون سے کام مدد کرتے ہیں۔"
            ),
            "ہر بار وقت، آپ کیا کر رہے تھے، اور 0 سے 10 تک اپنا موڈ لکھیں۔ جتنی بار چاہیں لکھیں۔",
        ),
        {
            "when": "وقت",
            "activity": "آپ کیا کر رہے تھے؟",
            "mood": "آپ کا موڈ (0 = بہت برا، 10 = بہت اچھا)",
        },
    ),
    "planner": Words(
        "کاموں کا منصوبہ",
        "چھوٹے کام طے کریں جو خوشی دیں یا کچھ کر لینے کا احساس دیں۔",
        (
            (
                "جب دل اداس ہو تو ہم کم کام کرتے ہیں، اور کم کام کرنے سے دل اور اداس ہوتا ہے۔ چھوٹے، آسان کام طے "
                "کرنے سے یہ چکر ٹوٹتا ہے۔"
            ),
            (
                "ایک کام لکھیں اور کب کریں گے۔ بعد میں بتائیں کہ اس سے کتنی خوشی ملی، کتنا کچھ کر لینے کا احساس ہوا، "
                "اور کیا آپ نے وہ کام کیا۔"
            ),
        ),
        {
            "activity": "کام",
            "when": "کب؟ (دن اور وقت)",
            "pleasure": "خوشی (0 = بالکل نہیں، 10 = بہت)",
            "mastery": "کچھ کر لینے کا احساس (0 = بالکل نہیں، 10 = بہت)",
            "done": "کیا آپ نے یہ کام کیا؟",
        },
    ),
    "worry-time": Words(
        "فکر کا وقت",
        "فکریں لکھ لیں اور انہیں ہر روز ایک مقررہ وقت کے لیے رکھیں۔",
        (
            (
                "فکریں سارا دن گھیر سکتی ہیں۔ اس کے بجائے جب کوئی فکر آئے تو اسے لکھ لیں اور اپنے فکر کے وقت تک "
                "ایک طرف رکھ دیں: ہر روز ایک ہی وقت پر پندرہ منٹ۔"
            ),
            "فکر کے وقت جو لکھا تھا اسے پڑھیں۔ کیا یہ اب بھی فکر ہے؟ کیا آپ اس کے بارے میں کچھ کر سکتے ہیں؟",
        ),
        {
            "worry": "فکر",
            "worry_time": "آپ کا روزانہ فکر کا وقت",
            "still": "فکر کے وقت: کیا یہ اب بھی فکر ہے؟",
            "action": "کیا آپ اس کے بارے میں کچھ کر سکتے ہیں؟",
        },
    ),
}


def words_for(slug: str, language: str) -> Words:
    """The technique's words in the reader's language: English for English readers, Urdu for the rest."""
    return (EN if language == "en" else UR)[slug]


def text_language(language: str) -> str:
    return "en" if language == "en" else "ur"
