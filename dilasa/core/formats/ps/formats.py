# Same date and number formats as Punjabi (Shahmukhi); CLDR differs only in digits, normalised on input.
from dilasa.core.formats.pnb.formats import *  # noqa: F403
