"""Reading single cells of a ward workbook: labels, counts, unit codes, periods, dates, text.

Each parser returns ``(value, problem)``: the problem is a Vietnamese sentence saying what is
wrong and how to fix it, which the reader attaches to the cell.
"""
import re
import unicodedata
from datetime import date, datetime, time

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from apps.core import periods
from apps.core.text import nfc, normalise_unit_code, strip_diacritics

from .contract import EXCEL_ERRORS, PERIOD_LABEL, UNIT_CODE_DIGITS, UNIT_LABEL

# --- text helpers -----------------------------------------------------------

_SPACES = re.compile(r"\s+")


def normalise_label(value):
    """Compare headers and labels without case, spacing, Unicode form or a trailing colon."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = unicodedata.normalize("NFC", text.casefold())
    return _SPACES.sub(" ", text).strip().rstrip(":").strip()


def _sheet_key(name):
    # Sheet names are compared loosely: "Chi tieu", "CHITIEU", "Chỉ tiêu" all find ChiTieu.
    return strip_diacritics(name).replace(" ", "")


def _is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _cell(row_number, column_index):
    """Column index is 0-based into the row tuple."""
    return f"{get_column_letter(column_index + 1)}{row_number}"


def _at(values, index):
    if index is None or index >= len(values):
        return None
    return values[index]


def _quote(value):
    text = str(value).strip()
    return f'"{text[:80]}…"' if len(text) > 80 else f'"{text}"'

# --- legacy font encodings ----------------------------------------------------

# TCVN3 (ABC) maps Vietnamese letters onto Latin-1 code points: "Mã chỉ tiêu" reads
# "M· chØ tiªu", "đơn vị" "®¬n vÞ". These code points never occur in Unicode Vietnamese
# and are not used by VNI either (VNI shares ñ, æ, ö… so those prove nothing).
_TCVN3_ONLY = set("¡¢£¤¥¦§¨ª¬\xad®µ¶·¸¹¼½¾ÇÎÐ×Þßçî÷þ")
# VNI writes a base letter followed by a separate mark: "Maõ chæ tieâu", "ñôn vò" (đơn vị).
# These pairs never occur in Unicode Vietnamese.
_VNI_PAIRS = re.compile(r"[aeoAEO][âÂ]|[aAeEiIoOuUyY][õÕ]|[aA][êÊ]|(?<![A-Za-z])[ñÑ]")


def detect_legacy_encoding(text):
    """'TCVN3', 'VNI' or None for text typed with an old Vietnamese font encoding."""
    text = text or ""
    tcvn3 = sum(1 for ch in text if ch in _TCVN3_ONLY)
    vni = len(_VNI_PAIRS.findall(text))
    if max(tcvn3, vni) < 2:
        return None
    return "TCVN3" if tcvn3 >= vni else "VNI"


_UNIKEY_NAMES = {"TCVN3": "TCVN3 (ABC)", "VNI": "VNI Windows"}  # as listed in Unikey's converter


def _legacy_hint(encoding):
    return format_lazy(_(
        " Chữ trong tệp dường như được gõ bằng bảng mã cũ {encoding} (phông .Vn…/VNI-…), không "
        "phải Unicode. Hãy chuyển mã sang Unicode: sao chép (Ctrl+C) vùng dữ liệu, mở Unikey > "
        'Công cụ chuyển mã (Ctrl+Shift+F6), chọn Nguồn "{source}", Đích "Unicode", '
        'đánh dấu "Chuyển mã clipboard", bấm "Chuyển mã", dán (Ctrl+V) lại vào trang tính rồi lưu tệp '
        "và tải lên lại."), encoding=encoding, source=_UNIKEY_NAMES[encoding])


# --- values ---------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")  # one separator kind only


def parse_count(value):
    """(whole number >= 0 or None, problem or None) for a "Số liệu" cell.

    None means the cell is empty: not reported, which is different from 0.
    """
    fix = _("Hãy nhập số nguyên không âm (để trống nếu không báo cáo, ghi 0 nếu bằng 0).")
    if _is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, format_lazy(_("ô chứa giá trị đúng/sai ({value}), không phải số. {fix}"), value=value, fix=fix)
    if isinstance(value, (datetime, date, time)):
        return None, format_lazy(_("ô chứa ngày/giờ, không phải số (kiểm tra định dạng ô). {fix}"), fix=fix)
    if isinstance(value, str):
        text = value.strip()
        if text.upper() in EXCEL_ERRORS:
            return None, format_lazy(_("ô có lỗi công thức {error}. Hãy sửa công thức hoặc nhập số trực tiếp."),
                                     error=text.upper())
        if _DIGITS.fullmatch(text):
            return int(text), None
        if _THOUSANDS.fullmatch(text):
            return int(re.sub(r"[.,]", "", text)), None
        if re.fullmatch(r"-\s*\d+(?:[.,]\d+)?", text):
            return None, format_lazy(_("giá trị {value} là số âm. {fix}"), value=_quote(text), fix=fix)
        if re.fullmatch(r"\d+[.,]\d+", text):
            return None, format_lazy(_("giá trị {value} không phải số nguyên. {fix}"), value=_quote(text), fix=fix)
        return None, format_lazy(_("giá trị {value} không phải là số. {fix}"), value=_quote(text), fix=fix)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, format_lazy(_("giá trị không phải là số. {fix}"), fix=fix)
        if not value.is_integer():
            return None, format_lazy(_("giá trị {value} không phải số nguyên. {fix}"), value=_number_text(value), fix=fix)
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            return None, format_lazy(_("giá trị {value} là số âm. {fix}"), value=value, fix=fix)
        return value, None
    return None, format_lazy(_("giá trị {value} không phải là số. {fix}"), value=_quote(value), fix=fix)


def _number_text(value):
    return f"{value:g}".replace(".", ",")


def parse_unit_code(value):
    """(normalised code or None, problem or None). 6748, 6748.0 and "6748" all give "06748"; "194" stays "194"."""
    fix = format_lazy(_("Hãy ghi mã đơn vị hành chính {digits} chữ số, ví dụ 06748."), digits=UNIT_CODE_DIGITS)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    if isinstance(value, str):
        text = value.strip()
        # "06748 - Phường Ka Long" and "06748 (Ka Long)" are fine: the name is just a reminder.
        match = re.fullmatch(r"(\d+)(?:\s*[-–(,:].*)?", text, re.S)
        if match and len(match.group(1)) <= UNIT_CODE_DIGITS:
            return normalise_unit_code(match.group(1)), None
        return None, format_lazy(_("mã đơn vị {code} không hợp lệ. {fix}"), code=_quote(text), fix=fix)
    return None, format_lazy(_("mã đơn vị {code} không hợp lệ. {fix}"), code=_quote(value), fix=fix)


def parse_period(value):
    """(period code like "2022-H1" or None, problem or None)."""
    code = periods.code_from_wording(normalise_label(value).rstrip(".").strip())
    if code is not None:
        return code, None
    # The examples stay Vietnamese: that is what the workbook must say.
    return None, format_lazy(_(
        "kỳ báo cáo {value} không đọc được. Hãy ghi một trong: "
        '"6 tháng đầu năm 2022", "6 tháng cuối năm 2022", "Năm 2022" (với năm báo cáo).'), value=_quote(value))


_DATE_TEXT = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value):
    """(date or None, problem or None). Accepts date cells and text dd/mm/yyyy."""
    fix = _("Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2022.")
    if _is_blank(value):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, str):
        text = value.strip()
        match = _DATE_TEXT.fullmatch(text)
        day_month_year = match.groups() if match else None
        if not match:
            iso = _ISO_DATE.fullmatch(text)
            day_month_year = (iso.group(3), iso.group(2), iso.group(1)) if iso else None
        if day_month_year:
            day, month, year = (int(part) for part in day_month_year)
            try:
                return date(year, month, day), None
            except ValueError:
                pass
        return None, format_lazy(_("ngày {value} không đọc được. {fix}"), value=_quote(text), fix=fix)
    return None, format_lazy(_("giá trị {value} không phải là ngày. {fix}"), value=_quote(value), fix=fix)


def _text(value):
    """Free text of a list sheet: NFC, stripped. "=abc" typed as text stays text."""
    if _is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        value = value.strftime("%d/%m/%Y")
    return nfc(str(value))


_COLUMN_NUMBER = re.compile(r"\(\s*(\d{1,2})\s*\)|(\d{1,2})")


def _is_column_number_line(values):
    """The "(1) (2) (3) …" line printed under the header of Vietnamese forms.

    The numbers must run 1, 2, 3 … so that a data row holding only small numbers
    (an STT and a value without a code) is not mistaken for it; bare numbers need
    three in a row, parenthesised ones two.
    """
    numbers, parenthesised = [], False
    for value in values:
        if _is_blank(value):
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            numbers.append(value)
            continue
        match = _COLUMN_NUMBER.fullmatch(value.strip()) if isinstance(value, str) else None
        if not match:
            return False
        parenthesised = parenthesised or match.group(1) is not None
        numbers.append(int(match.group(1) or match.group(2)))
    consecutive = all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return consecutive and len(numbers) >= (2 if parenthesised else 3)


def _is_title_label(value):
    head = str(value).partition(":")[0]
    return normalise_label(head) in (normalise_label(UNIT_LABEL), normalise_label(PERIOD_LABEL))


def normalise_code(value):
    """' kh01 ' -> 'KH01'; None when blank."""
    if _is_blank(value):
        return None
    return _SPACES.sub("", nfc(str(value))).upper()


def looks_like_code(code):
    # Indicator codes are short ASCII letter+digit codes; anything else in the code column
    # (a heading, a footnote, a signature line) is not an indicator row.
    return bool(re.fullmatch(r"[A-Z][A-Z0-9._-]{0,15}", code)) and any(ch.isdigit() for ch in code)
