"""The sections the secretariat writes itself: đánh giá chung; hạn chế, tồn tại và nguyên nhân;
phương hướng, nhiệm vụ (docs/SUMMARY.md, "Phần đánh giá").

Stored per council and period (``apps.reports.models.SummaryNarrative``), read by the builder into
``Summary.narrative`` so the page, the docx and the queued export state the same text. In the docx
they follow the figure sections (I–V), numbered on from them, before the closing sentence and the
signature. A section left empty keeps its heading with a marked placeholder, so the draft shows
where the secretariat still has to write.
"""
from apps.core import periods

FIELDS = ("assessment", "shortcomings", "directions")

# (field, heading as the report writes it, label on the page)
_HEADINGS = {
    "assessment": "ĐÁNH GIÁ CHUNG",
    "shortcomings": "HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN",
    "directions": "PHƯƠNG HƯỚNG, NHIỆM VỤ {ahead}",
}

PLACEHOLDER = ("[Văn phòng HĐND viết phần này: nhập tại trang «Báo cáo 6 tháng» để in vào báo cáo, "
               "hoặc viết trực tiếp vào đây trước khi trình ký.]")

_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n):
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def texts_for(council, period):
    """{field: text} of the council's sections for the period ({} when none were written); one query."""
    from ..models import SummaryNarrative

    if period.pk is None:
        return {}
    row = SummaryNarrative.objects.filter(council=council, period=period).values(*FIELDS).first()
    return {name: text for name, text in (row or {}).items() if text}


def ahead_wording(year, kind):
    """'6 tháng cuối năm 2022' after the first half of 2022: what the "phương hướng" section plans for."""
    return periods.wording(*periods.following(year, kind))


def paragraphs(text):
    """The clerk's text as paragraphs: one per line typed, blank lines dropped."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def sections(summary, first_number):
    """[(numbered heading, [paragraphs] or None when empty)] in report order, numbered from ``first_number``."""
    ahead = ahead_wording(summary.period_year, summary.period_kind).upper()
    out = []
    for offset, name in enumerate(FIELDS):
        heading = f"{roman(first_number + offset)}. {_HEADINGS[name].format(ahead=ahead)}"
        out.append((heading, paragraphs(summary.narrative.get(name)) or None))
    return out


def labels(summary):
    """[(field, label on the summary page)]: the headings in sentence case, in the user's language."""
    from django.utils.translation import gettext as _

    ahead = ahead_wording(summary.period_year, summary.period_kind)
    return [("assessment", _("Đánh giá chung")), ("shortcomings", _("Hạn chế, tồn tại và nguyên nhân")),
            ("directions", _("Phương hướng, nhiệm vụ %(period)s") % {"period": ahead})]
