"""Vietnamese text handling: one normal form for storage, variants for search.

Vietnamese can be typed in NFC (precomposed "ò") or NFD ("o" + combining grave),
and the tone mark of "oa", "oe", "uy" may sit on either vowel ("Hòa" / "Hoà").
Storage is always NFC with surrounding spaces trimmed; search tries every
spelling a clerk might have typed.
"""
import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Old ("hoà") and new ("hòa") tone placement of the diphthongs oa, oe, uy.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below


def nfc(value):
    """NFC-normalise and trim a string; other values pass through unchanged."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def clean_inline(value):
    """NFC, trimmed, inner runs of whitespace collapsed to one space (names, titles)."""
    if isinstance(value, str):
        return _SPACES.sub(" ", nfc(value))
    return value


def _swap_tone_placement(text):
    """Return the other tone placement for oa/oe/uy in ``text`` (NFC in, NFC out)."""
    decomposed = unicodedata.normalize("NFD", text)
    # tone on first vowel -> move to second:  o + tone + a  ->  o + a + tone
    moved = re.sub(
        rf"([oOuU])([{_TONES}])([aAeEyY])(?![\u0300-\u036f])",
        r"\1\3\2",
        decomposed,
    )
    if moved == decomposed:
        # tone on second vowel -> move to first: o + a + tone -> o + tone + a
        moved = re.sub(rf"([oOuU])([aAeEyY])([{_TONES}])", r"\1\3\2", decomposed)
    return unicodedata.normalize("NFC", moved)


def search_variants(term):
    """The spellings of ``term`` to look for: NFC, and the other tone placement."""
    term = clean_inline(term or "")
    variants = [term]
    swapped = _swap_tone_placement(term)
    if swapped != term:
        variants.append(swapped)
    return variants


def strip_diacritics(value):
    """'Hải Hòa' -> 'hai hoa' (for keys and fuzzy matching, never for storage)."""
    decomposed = unicodedata.normalize("NFD", value or "")
    without = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without.replace("đ", "d").replace("Đ", "D").lower().strip()


def normalise_model_text(instance):
    """NFC-normalise and trim every text field of a model instance before saving."""
    from django.db import models

    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))


def normalise_unit_code(code):
    """'6748', 6748, 6748.0 and ' 06748 ' all mean unit 06748.

    Commune codes have 5 digits, and Excel drops the leading zero of a code typed as a
    number; district (3-digit, e.g. 194) and province (2-digit) codes are left alone.
    """
    if code is None:
        return ""
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    text = str(code).strip()
    if text.isdigit() and len(text) == 4:
        text = text.zfill(5)
    return text
