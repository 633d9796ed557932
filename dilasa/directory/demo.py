"""Demo directory profiles for the demo therapists. Invented people; run after accounts' demo seed.

Being listed also needs booking terms (scheduling's PracticeSettings with a
way to meet); the scheduling demo seed provides those.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from dilasa.accounts.models import User
from dilasa.directory.models import Approach, Gender, Language, Province, Speciality, TherapistProfile
from dilasa.directory.services import profile_update


@dataclass(frozen=True)
class DemoProfile:
    login: str
    gender: Gender
    languages: tuple[str, ...]
    city: str
    province: Province
    qualifications: str
    specialities: tuple[str, ...]
    approaches: tuple[str, ...]
    bios: dict[str, str]


SANA = DemoProfile(
    login="sana@dilasa.example",
    gender=Gender.WOMAN,
    languages=("ur", "pnb", "en"),
    city="Rawalpindi",
    province=Province.PUNJAB,
    qualifications="PhD Clinical Psychology; 9 years of practice",
    specialities=("anxiety", "depression", "womens-health", "relationships", "stress", "sleep"),
    approaches=("cbt", "person-centred", "mindfulness"),
    bios={
        "en": (
            "I am a clinical psychologist in Rawalpindi. For nine years I have worked with women and young adults "
            "who feel weighed down by worry, low mood, sleepless nights or the strain of family expectations.\n"
            "In our first session we simply talk: what is happening, what you hope will change. Then we work on it "
            "together, step by step, with practical tools you can use at home. You do not need to have the right "
            "words; we will find them together. I see clients by video, voice or text, whichever feels safest "
            "for you."
        ),
        "ur": (
            "میں راولپنڈی میں کلینیکل سائیکالوجسٹ ہوں۔ پچھلے نو برس سے میں ان خواتین اور نوجوانوں کے ساتھ کام "
            "کر رہی ہوں جو فکر، اداسی، بے خوابی یا گھر والوں کی توقعات کے بوجھ تلے دبے محسوس کرتے ہیں۔\n"
            "پہلی ملاقات میں ہم بس بات کرتے ہیں: کیا ہو رہا ہے، اور آپ کیا بدلنا چاہتے ہیں۔ پھر ہم مل کر، قدم "
            "بہ قدم، ایسے طریقوں پر کام کرتے ہیں جو آپ گھر پر بھی آزما سکیں۔ آپ کو درست الفاظ کی فکر کرنے کی "
            "ضرورت نہیں، وہ ہم مل کر ڈھونڈ لیں گے۔ آپ ویڈیو، آواز یا تحریر، جس طرح بھی محفوظ محسوس کریں، بات "
            "کر سکتے ہیں۔"
        ),
    },
)

BILAL = DemoProfile(
    login="bilal@dilasa.example",
    gender=Gender.MAN,
    languages=("sd", "ur", "en"),
    city="Hyderabad",
    province=Province.SINDH,
    qualifications="MSc Psychology; Advanced Diploma in Clinical Psychology",
    specialities=("stress", "work-study", "family", "grief", "anger", "addiction"),
    approaches=("solution-focused", "family-systems", "cbt"),
    bios={
        "en": (
            "I am a counsellor from Hyderabad, Sindh. Many of the people I see carry a lot for their families: "
            "work pressure, money worries, exams, a loss they never had time to grieve, or anger that comes out "
            "at the people they love.\n"
            "I keep our sessions practical and calm. We look at what is already working in your life and build on "
            "it. Families are welcome to join a session when that helps. Voice-only sessions work well if your "
            "connection is slow."
        ),
        "ur": (
            "میں حیدرآباد، سندھ سے ایک کونسلر ہوں۔ میرے پاس آنے والے بہت سے لوگ اپنے گھر والوں کے لیے بہت کچھ "
            "اٹھائے ہوتے ہیں: کام کا دباؤ، پیسوں کی فکر، امتحانات، کوئی ایسا نقصان جس کا غم منانے کا وقت ہی نہ "
            "ملا، یا وہ غصہ جو اپنے پیاروں پر نکل جاتا ہے۔\n"
            "میں اپنی نشستیں عملی اور پرسکون رکھتا ہوں۔ ہم دیکھتے ہیں کہ آپ کی زندگی میں پہلے سے کیا ٹھیک چل رہا "
            "ہے، اور اسی پر آگے بڑھتے ہیں۔ ضرورت ہو تو گھر والے بھی نشست میں شامل ہو سکتے ہیں۔ اگر انٹرنیٹ سست ہو "
            "تو صرف آواز والی نشست اچھی رہتی ہے۔"
        ),
        "sd": (
            "مان حيدرآباد، سنڌ جو ڪائونسلر آهيان. مون وٽ ايندڙ گهڻا ماڻهو پنهنجي گهر وارن لاءِ تمام گهڻو بار کڻي "
            "هلندا آهن: ڪم جو دٻاءُ، پئسن جي ڳڻتي، امتحان، ڪو اهڙو نقصان جنهن جو ڏک ڪرڻ جو وقت ئي نه مليو، يا "
            "اها ڪاوڙ جيڪا پنهنجن پيارن تي نڪري ٿي.\n"
            "مان پنهنجون نشستون عملي ۽ پرسڪون رکندو آهيان. اسين ڏسندا آهيون ته توهان جي زندگيءَ ۾ اڳ ۾ ئي ڇا "
            "ٺيڪ هلي رهيو آهي، ۽ ان تي اڳتي وڌندا آهيون. ضرورت هجي ته گهر وارا به نشست ۾ شامل ٿي سگهن ٿا. جيڪڏهن "
            "انٽرنيٽ ڍرو هجي ته رڳو آواز واري نشست سٺي رهندي آهي."
        ),
    },
)

PROFILES: tuple[DemoProfile, ...] = (SANA, BILAL)


def seed_profiles() -> list[TherapistProfile]:
    """Publish profiles for the demo therapists who exist; running it twice changes nothing more."""
    languages = {x.code: x for x in Language.objects.all()}
    specialities = {x.slug: x for x in Speciality.objects.all()}
    approaches = {x.slug: x for x in Approach.objects.all()}
    seeded: list[TherapistProfile] = []
    with transaction.atomic():
        for demo in PROFILES:
            therapist = User.objects.filter(login=demo.login).first()
            if therapist is None:
                continue
            profile = profile_update(
                therapist=therapist,
                gender=demo.gender,
                languages=[languages[code] for code in demo.languages],
                specialities=[specialities[slug] for slug in demo.specialities],
                approaches=[approaches[slug] for slug in demo.approaches],
                city=demo.city,
                province=demo.province,
                qualifications=demo.qualifications,
                bios=demo.bios,
                published=True,
            )
            seeded.append(profile)
    return seeded
