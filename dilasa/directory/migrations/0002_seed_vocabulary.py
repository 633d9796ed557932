"""Seed the languages, specialities and approaches therapists choose from.

Codes and slugs are stable: filters, links and matching refer to them. The
reader sees translated names from dilasa/directory/vocabulary.py.
"""

from django.db import migrations

LANGUAGES = [
    # code, English name, native name
    ("ur", "Urdu", "اردو"),
    ("en", "English", "English"),
    ("pnb", "Punjabi", "پنجابی"),
    ("sd", "Sindhi", "سنڌي"),
    ("ps", "Pashto", "پښتو"),
    ("skr", "Saraiki", "سرائیکی"),
    ("bal", "Balochi", "بلوچی"),
    ("hno", "Hindko", "ہندکو"),
    ("brh", "Brahui", "براہوئی"),
    ("ks", "Kashmiri", "کٲشُر"),
    ("scl", "Shina", "شینا"),
    ("bft", "Balti", "بلتی"),
    ("khw", "Khowar", "کھوار"),
]

SPECIALITIES = [
    ("anxiety", "Anxiety and worry"),
    ("depression", "Low mood and depression"),
    ("stress", "Stress"),
    ("relationships", "Relationships and marriage"),
    ("family", "Family"),
    ("grief", "Grief and loss"),
    ("trauma", "Trauma"),
    ("self-esteem", "Self-esteem"),
    ("anger", "Anger"),
    ("sleep", "Sleep"),
    ("addiction", "Addiction"),
    ("work-study", "Work and study"),
    ("parenting", "Parenting"),
    ("womens-health", "Women's health, pregnancy and after birth"),
    ("ocd", "Obsessions and compulsions (OCD)"),
    ("loneliness", "Loneliness"),
    ("young-people", "Children and teenagers"),
]

APPROACHES = [
    ("cbt", "Cognitive behavioural therapy (CBT)"),
    ("person-centred", "Person-centred counselling"),
    ("psychodynamic", "Psychodynamic therapy"),
    ("family-systems", "Family systems therapy"),
    ("mindfulness", "Mindfulness-based therapy"),
    ("solution-focused", "Solution-focused therapy"),
    ("islamic-integrated", "Islamic-integrated counselling"),
    ("act", "Acceptance and commitment therapy (ACT)"),
    ("dbt", "Dialectical behaviour therapy (DBT)"),
    ("emdr", "EMDR"),
    ("interpersonal", "Interpersonal therapy (IPT)"),
    ("pm-plus", "Problem Management Plus (PM+)"),
]


def seed(apps, schema_editor):
    Language = apps.get_model("directory", "Language")
    Speciality = apps.get_model("directory", "Speciality")
    Approach = apps.get_model("directory", "Approach")
    for position, (code, name, native) in enumerate(LANGUAGES):
        Language.objects.update_or_create(
            code=code, defaults={"name": name, "native_name": native, "position": position}
        )
    for position, (slug, name) in enumerate(SPECIALITIES):
        Speciality.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})
    for position, (slug, name) in enumerate(APPROACHES):
        Approach.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
