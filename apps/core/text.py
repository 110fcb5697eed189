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
import contextlib
import contextvars
import operator
import re
import unicodedata
from collections.abc import Callable
from typing import NamedTuple

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
    memo = _BATCH_TOKENS.get()
    if memo is None or type(value) is not str:
        return _NON_WORD.sub(" ", fold(value)).strip()
    found = memo.get(value)
    if found is None:
        found = memo[value] = _NON_WORD.sub(" ", fold(value)).strip()
    return found


_BATCH_TOKENS = contextvars.ContextVar("batch_tokens", default=None)


@contextlib.contextmanager
def folding_once():
    """Within a bulk write, each distinct text is folded once: the rows of one write repeat their
    texts (a ward report's thousands of petitions share one source). Nested uses share the outer memo."""
    token = _BATCH_TOKENS.set({}) if _BATCH_TOKENS.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _BATCH_TOKENS.reset(token)


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


class _TextPlan(NamedTuple):
    """What normalising and folding need to know of a model's text fields, worked out once per model."""
    texts: tuple  # attnames of every text field, the search columns included
    own: tuple  # attnames of the text fields a clerk writes (normalised on save)
    searched: tuple  # (name, attname) of those folded into a search column: no choice codes
    columns: tuple  # the search columns the model has
    values: Callable  # instance -> the values of ``texts`` at once, for the fingerprint
    has_extra: bool  # the model adds words of its own (search_extra)
    has_sealed: bool  # the model seals some of its text (sealed_search_fields)


def _text_plan(model):
    plan = _PLANS.get(model)
    if plan is None:
        from django.db import models

        texts = [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        own = [f for f in texts if f.name not in _SEARCH_COLUMNS]
        plan = _PLANS[model] = _TextPlan(
            texts=tuple(f.attname for f in texts),
            own=tuple(f.attname for f in own),
            searched=tuple((f.name, f.attname) for f in own if not f.choices),
            columns=tuple(column for column in _SEARCH_COLUMNS if column in {f.name for f in texts}),
            values=_values_getter([f.attname for f in texts]),
            has_extra=hasattr(model, "search_extra"),
            has_sealed=hasattr(model, "sealed_search_fields"),
        )
    return plan


_PLANS = {}


def _values_getter(attnames):
    """instance -> tuple of its values of ``attnames`` (always a tuple, even for one name)."""
    if len(attnames) > 1:
        return operator.attrgetter(*attnames)
    return lambda instance: tuple(getattr(instance, name) for name in attnames)


def search_columns(instance, skip_deferred=False):
    """{column: folded text} for a model instance: every own text field without choices (choice
    codes are not words a clerk types), plus what the model adds in ``search_extra()`` (register
    numbers as displayed). Fields the instance names in ``sealed_search_fields()`` (a denouncer's
    identity) go to the sealed column, which only users allowed to see them search.
    ``skip_deferred``: leave out fields not loaded (a migration reading only the columns of its time).

    Each value's folded words are kept on the instance with the value they came from, so folding
    again after one field changed (a register number given after the text was normalised) folds
    only that field."""
    plan = _text_plan(type(instance))
    deferred = instance.get_deferred_fields() if skip_deferred else ()
    sealed_names = set(instance.sealed_search_fields()) if hasattr(instance, "sealed_search_fields") else set()
    folded = instance.__dict__.setdefault("_folded_words", {})
    parts = {SEARCH_COLUMN: [], SEALED_SEARCH_COLUMN: []}
    for name, attname in plan.searched:
        if attname in deferred:
            continue
        value = getattr(instance, attname)
        if not value:
            continue
        known = folded.get(attname)
        if known is None or known[0] != value:
            known = folded[attname] = (value, search_tokens(value))
        parts[SEALED_SEARCH_COLUMN if name in sealed_names else SEARCH_COLUMN].append(known[1])
    if hasattr(instance, "search_extra"):
        parts[SEARCH_COLUMN].extend(search_tokens(v) for v in instance.search_extra() if v)
    # Spaces around every word, so a word is looked for where a word starts (" hai").
    return {column: f" {' '.join(t for t in texts if t)} " if any(texts) else ""
            for column, texts in parts.items() if column in plan.columns}


def normalise_model_text(instance):
    """NFC-normalise and trim every text field of a model instance before saving, and fill its
    folded search column(s). Every write path calls this: ``save()``, and each bulk writer on
    each object (the querysets' bulk_create/bulk_update do it too, as a safety net)."""
    # A bulk write calls this again on objects its register's service has just normalised: when no
    # text (and nothing search_extra() shows, such as a register number given since) has changed, the
    # folded columns are still right and folding every text again is skipped.
    remembered = instance.__dict__.get("_normalised_text")
    plan = _text_plan(type(instance))
    changed = None
    if remembered is not None:
        current = _text_fingerprint(instance)
        if current == remembered:
            return
        # Values unchanged since they were normalised are in normal form already: only the others are.
        changed = {name for name, old, new in zip(plan.texts, remembered[0], current[0]) if old != new}
    for attname in plan.own:
        if changed is not None and attname not in changed:
            continue
        value = getattr(instance, attname)
        if isinstance(value, str):
            setattr(instance, attname, nfc(value))
    for column, text in search_columns(instance).items():
        setattr(instance, column, text)
    instance.__dict__["_normalised_text"] = _text_fingerprint(instance)


def _text_fingerprint(instance):
    """Every text value of ``instance`` (search columns included), what its search_extra() adds and
    which fields it seals (a letter is sealed by its visit too)."""
    plan = _text_plan(type(instance))
    extra = tuple(instance.search_extra()) if plan.has_extra else ()
    sealed = tuple(instance.sealed_search_fields()) if plan.has_sealed else ()
    return plan.values(instance), extra, sealed


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
