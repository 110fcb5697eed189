"""Which choice of a list a clerk meant: the one matching rule for text typed into a choice column.

Spreadsheets come with the choices written as people write them: "Đã chuyển" for "Đã chuyển, chờ
trả lời", "da giai quyet" without marks, "TC" for "Tố cáo", "Đơn khiếu nại" for "Khiếu nại". A
``ChoiceMatcher`` takes what is typed and says which choice it means, trying, in order:

1. the label itself, ignoring case, spacing and Unicode form (an *exact* match: nothing to report);
2. the label, a synonym or the stored value with diacritics and punctuation ignored
   (``apps.core.text.search_tokens``): "da giai quyet", "Đơn khiếu nại", "khieu_nai";
3. the first words of a label ("Đã chuyển" → "Đã chuyển, chờ trả lời") or one of its
   comma-separated parts ("môi trường" → "Tài nguyên, môi trường");
4. the initials of a label or synonym, for a single short word: "TC" → "Tố cáo".

The first step that finds anything decides: one choice is taken (and, from step 2 on, reported as a
correction); several choices are *ambiguous* ("Đã" could be four statuses, "KN" both "Khiếu nại" and
"Kiến nghị") and the caller refuses the text, naming the candidates; nothing means unknown.

Synonyms of a TextChoices list are declared on the list itself, as a classmethod ``synonyms()``
returning {text: member}, so every import that matches that list (ward workbooks, register imports)
accepts the same words.
"""
import unicodedata
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .text import search_tokens

_PART_SEPARATORS = (",", ";", "–", " - ", "/")
_INITIALS_MAX = 5  # "TC", "KNPA": longer single words are real words, not initials


def _key(text):
    """NFC, case and spacing ignored: the exact comparison."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _words(text):
    return search_tokens(text).split()


def _parts(label):
    parts = [str(label)]
    for separator in _PART_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(separator)]
    return [part for part in parts if part.strip()]


@dataclass(frozen=True)
class ChoiceMatch:
    typed: str
    value: object = None  # the stored value of the choice meant, None when none or several
    label: str = ""  # its label, as the admin shows it
    exact: bool = False  # typed as the label (case, spacing and Unicode form aside)
    candidates: tuple = ()  # labels of the choices it could mean, when several

    @property
    def found(self):
        return self.value is not None

    @property
    def corrected(self):
        """Taken, but written differently from the label: worth showing the clerk."""
        return self.found and not self.exact

    @property
    def ambiguous(self):
        return len(self.candidates) > 1

    def candidates_text(self):
        """«A», «B» hoặc «C»."""
        quoted = [f"«{label}»" for label in self.candidates]
        if len(quoted) == 1:
            return quoted[0]
        return format_lazy(_("{some} hoặc {last}"), some=", ".join(quoted[:-1]), last=quoted[-1])

    def ambiguity_message(self, what):
        """The error for an ambiguous text (in the language of the page showing it, Vietnamese in logs);
        ``what`` names the column ("tình trạng")."""
        return format_lazy(_("{what} «{typed}» chưa rõ là giá trị nào: có thể là {candidates}. "
                             "Hãy ghi đầy đủ một trong các giá trị này."),
                           what=what, typed=self.typed, candidates=self.candidates_text())


class ChoiceMatcher:
    """Match typed text to one of ``options``: a TextChoices class or (value, label) pairs.

    ``synonyms``: {text: value} other words for a choice; a TextChoices' own ``synonyms()`` are added.
    ``initials``: whether "TC" may stand for "Tố cáo" (off for open lists such as fields of work,
    where a short word is more likely a new name than initials).
    """

    def __init__(self, options, synonyms=None, *, initials=True):
        pairs = options.choices if hasattr(options, "choices") else options
        self.options = [(value, str(label)) for value, label in pairs]
        self.labels = {value: label for value, label in self.options}
        own = options.synonyms() if hasattr(options, "synonyms") else {}
        self.synonyms = [(str(text), value) for text, value in {**own, **(synonyms or {})}.items()]
        self.initials = initials
        self._matched = {}
        self._exact = {}
        for value, label in self.options:
            self._exact.setdefault(_key(label), set()).add(value)
        self._folded = {}
        for text, value in [(label, value) for value, label in self.options] + self.synonyms:
            self._folded.setdefault(tuple(_words(text)), set()).add(value)
        for value, _label in self.options:
            self._folded.setdefault(tuple(_words(value)), set()).add(value)
        self._initials = {}
        for text, value in [(label, value) for value, label in self.options] + self.synonyms:
            letters = "".join(word[0] for word in _words(text))
            if len(letters) >= 2:
                self._initials.setdefault(letters, set()).add(value)

    def match(self, typed):
        """The ``ChoiceMatch`` for ``typed`` (blank text matches nothing). Remembered per text: a
        sheet's thousands of rows repeat a handful of statuses and fields."""
        key = typed if isinstance(typed, str) else None
        if key is not None and key in self._matched:
            return self._matched[key]
        found = self._match(typed)
        if key is not None:
            self._matched[key] = found
        return found

    def _match(self, typed):
        text = " ".join(str(typed or "").split())
        if not text:
            return ChoiceMatch(text)
        for step, found in enumerate(self._steps(text)):
            if found:
                return self._result(text, found, exact=step == 0)
        return ChoiceMatch(text)

    def _steps(self, text):
        yield self._exact.get(_key(text), set())
        words = tuple(_words(text))
        if not words:
            return
        yield self._folded.get(words, set())
        yield {value for value, label in self.options if self._starts_or_part(words, label)}
        if self.initials and len(words) == 1 and 2 <= len(words[0]) <= _INITIALS_MAX and words[0].isalpha():
            yield self._initials.get(words[0], set())

    @staticmethod
    def _starts_or_part(words, label):
        label_words = tuple(_words(label))
        if len(words) < len(label_words) and label_words[:len(words)] == words:
            return True
        return any(tuple(_words(part)) == words for part in _parts(label))

    def _result(self, text, values, exact):
        ordered = [value for value, _label in self.options if value in values]
        if len(ordered) > 1:
            return ChoiceMatch(text, candidates=tuple(self.labels[value] for value in ordered))
        value = ordered[0]
        return ChoiceMatch(text, value=value, label=self.labels[value], exact=exact)
