"""Vietnamese text handling: one normal form for storage, one folded form for search.

Vietnamese can be typed in NFC (precomposed "ò") or NFD ("o" + combining grave),
and the tone mark of "oa", "oe", "uy" may sit on either vowel ("Hòa" / "Hoà").
Storage is always NFC with surrounding spaces trimmed.

Search compares folded text (``fold``: no diacritics, "đ" as "d", lower case), so
"hai hoa", "Hải Hoà" and "HẢI HÒA" all find "Hải Hòa". Each searchable model keeps
its text folded in a ``search_text`` column (words between single spaces, punctuation
as a space), filled by ``normalise_model_text`` on every write path (``save()`` and
the bulk writers call it); a query is folded the same way and each of its words must
start a word of that column (see admin_search.py).
"""
import re
import unicodedata

_SPACES = re.compile(r"\s+")


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


def strip_diacritics(value):
    """'Hải Hòa' -> 'hai hoa' (for keys and fuzzy matching, never for storage): the search fold."""
    return fold(value or "")


def fold(value):
    """The one folding rule for search: 'Nguyễn Văn  Đức' -> 'nguyen van duc'.

    NFD, combining marks dropped, đ/Đ as d, lower case, runs of whitespace as one space.
    Punctuation stays, so register numbers ("0017/2022", "KN-2022-0017") match as written.
    """
    if value is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(value))
    without = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    without = without.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", without.lower()).strip()


_NON_WORD = re.compile(r"[\W_]+")
_PHRASES = re.compile(r'"([^"]*)"|“([^”]*)”|(\S+)')


def search_tokens(value):
    """Folded words separated by single spaces, punctuation as a separator: "0017/2022" -> "0017 2022"."""
    return _NON_WORD.sub(" ", fold(value)).strip()


def search_words(term):
    """What a search box entry asks for: each word (or "quoted phrase") folded into tokens, to be found
    at the start of a word of the record's search text ("hai" finds "Hải", not "thải")."""
    words = []
    for match in _PHRASES.finditer(term or ""):
        word = search_tokens(next(group for group in match.groups() if group is not None))
        if word and word not in words:
            words.append(word)
    return words


SEARCH_COLUMN = "search_text"
SEALED_SEARCH_COLUMN = "search_sealed"
_SEARCH_COLUMNS = (SEARCH_COLUMN, SEALED_SEARCH_COLUMN)


def search_columns(instance, skip_deferred=False):
    """{column: folded text} for a model instance: every own text field without choices (choice
    codes are not words a clerk types), plus what the model adds in ``search_extra()`` (register
    numbers as displayed). Fields the instance names in ``sealed_search_fields()`` (a denouncer's
    identity) go to the sealed column, which only users allowed to see them search.
    ``skip_deferred``: leave out fields not loaded (a migration reading only the columns of its time)."""
    from django.db import models

    fields = {f.name for f in instance._meta.concrete_fields}
    deferred = instance.get_deferred_fields() if skip_deferred else ()
    sealed_names = set(instance.sealed_search_fields()) if hasattr(instance, "sealed_search_fields") else set()
    parts = {SEARCH_COLUMN: [], SEALED_SEARCH_COLUMN: []}
    for field in instance._meta.concrete_fields:
        if field.name in _SEARCH_COLUMNS or field.choices or not isinstance(field, (models.CharField, models.TextField)):
            continue
        if field.attname in deferred:
            continue
        value = getattr(instance, field.attname)
        if not value:
            continue
        column = SEALED_SEARCH_COLUMN if field.name in sealed_names else SEARCH_COLUMN
        parts[column].append(search_tokens(value))
    if hasattr(instance, "search_extra"):
        parts[SEARCH_COLUMN].extend(search_tokens(v) for v in instance.search_extra() if v)
    # Spaces around every word, so a word is looked for where a word starts (" hai").
    return {column: f" {' '.join(t for t in texts if t)} " if any(texts) else ""
            for column, texts in parts.items() if column in fields}


def normalise_model_text(instance):
    """NFC-normalise and trim every text field of a model instance before saving, and fill its
    folded search column(s). Every write path calls this: ``save()``, and each bulk writer on
    each object (the querysets' bulk_create/bulk_update do it too, as a safety net)."""
    from django.db import models

    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)) and field.name not in _SEARCH_COLUMNS:
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, nfc(value))
    for column, text in search_columns(instance).items():
        setattr(instance, column, text)


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
