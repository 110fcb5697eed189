"""Cell widgets of the register imports (django-import-export): names, dates, choices, counts and
yes/no read the way a clerk types them, each refusal a Vietnamese message naming the value."""
import datetime

from django.utils import translation
from import_export import widgets

from .choice_match import ChoiceMatcher
from .text import nfc


def matching_names(qs, field, text):
    """At most two rows of ``qs`` whose ``field`` is ``text`` whatever the case (also for Vietnamese
    letters, which SQLite's LIKE does not fold): one is the match, two means the name is ambiguous."""
    key = str(text).casefold()
    return list(qs.filter(**{f"{field}__iexact": text})[:2]) or [
        obj for obj in qs if str(getattr(obj, field)).casefold() == key][:2]


class NameWidget(widgets.ForeignKeyWidget):
    """A foreign key by its name (NFC, case-insensitive), cached per import, with a Vietnamese error."""

    def __init__(self, model, field="name", label=None, **kwargs):
        super().__init__(model, field=field, **kwargs)
        self.label = label or model._meta.verbose_name
        self._cache = {}

    def clean(self, value, row=None, **kwargs):
        text = nfc(value) if isinstance(value, str) else value
        if text in (None, ""):
            return None
        key = str(text).casefold()
        if key not in self._cache:
            self._cache[key] = matching_names(self.get_queryset(value, row, **kwargs), self.field, text)
        matches = self._cache[key]
        if not matches:
            raise ValueError(f"Không tìm thấy {self.label} «{text}».")
        if len(matches) > 1:
            raise ValueError(f"Có nhiều {self.label} tên «{text}»; hãy sửa danh mục cho khỏi trùng.")
        return matches[0]


class VietnameseDateWidget(widgets.DateWidget):
    def __init__(self):
        super().__init__(format="%d/%m/%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            # xlsx date cells are read back as datetimes: keep the date, so an unchanged row compares equal.
            return value.date()
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(f"«{value}» không phải là ngày (viết theo dạng dd/mm/yyyy).")

    def render(self, value, obj=None, **kwargs):
        # Real dates in the xlsx, not text.
        return value


class ChoiceWidget(widgets.Widget):
    """A TextChoices field by its Vietnamese label or its stored value, or — read as the ward workbook
    reads it, through the one matching rule (apps/core/choice_match.py) — an unambiguous short form or
    synonym ("Đã chuyển" for "Đã chuyển, chờ trả lời", "TC" for "Tố cáo"). Those are taken and kept
    in ``corrections`` ({typed: label}, per import) for the preview to show; an ambiguous text is an
    error naming the candidates."""

    def __init__(self, choices, label):
        self.choices = choices
        self.label = label
        self.corrections = {}
        self._matcher = None

    def reset_cache(self):
        self.corrections = {}

    @property
    def matcher(self):
        # Matched on the Vietnamese labels the files are written in, whatever the clerk's page language.
        if self._matcher is None:
            with translation.override("vi"):
                self._matcher = ChoiceMatcher(self.choices)
        return self._matcher

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return ""
        text = " ".join(nfc(str(value)).split())
        for stored, _shown in self.choices.choices:
            if text.casefold() == str(stored).casefold():
                return stored
        found = self.matcher.match(text)
        if found.ambiguous:
            with translation.override("vi"):
                raise ValueError(str(found.ambiguity_message(self.label)))
        if found.found:
            if found.corrected:
                self.corrections[text] = found.label
            return found.value
        allowed = ", ".join(str(shown) for _s, shown in self.choices.choices)
        raise ValueError(f"{self.label} «{value}» không hợp lệ; chọn một trong: {allowed}.")

    def render(self, value, obj=None, **kwargs):
        for stored, shown in self.choices.choices:
            if stored == value:
                return str(shown)
        return value or ""


class WholeNumberWidget(widgets.IntegerWidget):
    """A count: a whole number ≥ 0, "03" and " 12 " accepted, never silently rounded."""

    def __init__(self, **kwargs):
        kwargs.setdefault("coerce_to_string", False)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"«{value}» không phải là số; hãy nhập một số nguyên không âm.")
        if not number.is_integer():
            raise ValueError(f"«{value}» không phải là số nguyên; hãy nhập một số nguyên không âm.")
        if number < 0:
            raise ValueError(f"«{value}» là số âm; hãy nhập một số nguyên không âm.")
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return value


class YesNoWidget(widgets.Widget):
    """Có / Không (what the safe writer puts in xlsx for booleans)."""

    TRUE = {"có", "x", "1", "true", "yes", "đúng"}
    FALSE = {"không", "", "0", "false", "no", "sai"}

    def __init__(self, label):
        self.label = label

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = nfc(str(value if value is not None else "")).casefold()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(f"{self.label} «{value}» không hợp lệ; ghi «Có» hoặc «Không».")

    def render(self, value, obj=None, **kwargs):
        return bool(value)
