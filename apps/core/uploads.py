"""Check an uploaded spreadsheet before anything parses it: the one home of the upload limits.

Every upload path (ward reports, register imports) calls ``check_upload`` (a Django
upload: the size cap before reading it) or ``check_xlsx_bytes`` (bytes from storage)
first, so the size cap, the row limit and their messages live here only. The point is to turn the files clerks actually send — old .xls files,
CSVs renamed to .xlsx, password-protected workbooks, half-uploaded files — into
one clear Vietnamese sentence, and to refuse zip bombs before openpyxl inflates
anything. Pure module: no models, no database.
"""
import codecs
import io
import re
import unicodedata
import zipfile
import zlib

import openpyxl

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # used when settings.UPLOAD_MAX_BYTES is not configured
# Rows in the whole workbook (every sheet), counted while the sheets are inflated, before openpyxl or
# tablib builds anything: a ward's workbook holds a few hundred rows, a council's register a few thousand
# a year, and reading ten thousand rows still fits well inside one request's time.
DEFAULT_MAX_ROWS = 10_000
CELLS_PER_ROW = 64  # a register has ~30 columns; a sheet of a few very wide rows is bounded too

# Zip bomb limits, read from the central directory before any parsing. A real
# ward workbook has ~15 entries and inflates to a few MB; these leave a wide margin.
MAX_ZIP_ENTRIES = 2_000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_MIN_SIZE = 1024 * 1024  # small entries may compress extremely well; only big ones matter

MAX_FILENAME_BYTES = 200  # well under the 255-byte limit of common file systems, in UTF-8

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")  # local file header; empty archive

# Content types that openpyxl accepts as a workbook's main part (.xlsx, .xlsm, .xltx, .xltm).
_WORKBOOK_CONTENT_TYPE = re.compile(rb"\.(?:sheet|template)(?:\.macroEnabled)?\.main\+xml", re.I)

SAVE_AS_XLSX = (
    'Hãy mở tệp bằng Excel hoặc LibreOffice và "Lưu thành .xlsx" '
    "(Tệp > Lưu thành > Excel Workbook (*.xlsx)), rồi tải lên lại."
)


class UploadRejected(ValueError):
    """An upload that cannot be read; the message (Vietnamese) names the file.

    ``reason`` is the same message without the file name, for callers that add it
    themselves (the workbook reader's error lines).
    """

    def __init__(self, message, *, filename=None, reason=None):
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.reason = reason or message


def ensure_defusedxml():
    """openpyxl parses XML with defusedxml only if it was importable when openpyxl loaded.

    Without it, a crafted workbook can use XML entity expansion ("billion laughs")
    against the server, so refuse to run rather than parse unprotected.
    """
    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise RuntimeError(
            "defusedxml chưa được cài đặt (hoặc OPENPYXL_DEFUSEDXML=False): openpyxl sẽ đọc XML "
            "không được bảo vệ. Cài defusedxml theo requirements.txt rồi khởi động lại."
        )


# Fail at import time, so a broken deployment is noticed at start-up, not at the first upload.
ensure_defusedxml()


def default_max_bytes():
    """settings.UPLOAD_MAX_BYTES when Django is configured, else 10 MiB."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        return int(getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))
    except ImproperlyConfigured:
        return DEFAULT_MAX_BYTES


def default_max_rows():
    """settings.UPLOAD_MAX_ROWS when Django is configured, else DEFAULT_MAX_ROWS."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        return int(getattr(settings, "UPLOAD_MAX_ROWS", DEFAULT_MAX_ROWS))
    except ImproperlyConfigured:
        return DEFAULT_MAX_ROWS


def check_upload(upload, max_bytes=None, max_rows=None):
    """Check a Django uploaded file and return its bytes; raise UploadRejected otherwise.

    The size cap is checked on the declared size first, so an oversized file is never read
    into memory."""
    if max_bytes is None:
        max_bytes = default_max_bytes()
    if upload.size is not None and upload.size > max_bytes:
        name = safe_filename(upload.name)
        reason = _too_big_reason(upload.size, max_bytes)
        raise UploadRejected(f"Tệp {name}: {reason}", filename=name, reason=reason)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    check_xlsx_bytes(data, upload.name, max_bytes=max_bytes, max_rows=max_rows)
    return data


def check_xlsx_bytes(data, filename, max_bytes=None, max_rows=None):
    """Raise UploadRejected unless ``data`` is a plausible, safe .xlsx package within the limits."""
    ensure_defusedxml()
    data = bytes(data or b"")  # bytearray / memoryview from upload handlers
    if max_bytes is None:
        max_bytes = default_max_bytes()
    if max_rows is None:
        max_rows = default_max_rows()
    try:
        _check(data, max_bytes, max_rows)
    except _Refusal as refusal:
        name = safe_filename(filename)
        raise UploadRejected(f"Tệp {name}: {refusal.reason}", filename=name, reason=refusal.reason) from None


class _Refusal(Exception):
    """Internal: carries the reason up to check_xlsx_bytes, which adds the file name."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _check(data, max_bytes, max_rows):
    if not data:
        raise _Refusal("tệp rỗng (0 byte). Hãy kiểm tra lại tệp rồi tải lên lại.")
    if len(data) > max_bytes:
        raise _Refusal(_too_big_reason(len(data), max_bytes))
    if not data.startswith(ZIP_SIGNATURES):
        raise _Refusal(_not_a_zip_reason(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _Refusal(_corrupt_reason()) from None
    with archive:
        infos = archive.infolist()
        _check_zip_limits(infos)
        _check_is_workbook(archive, infos)
        _verify_entries(archive, infos, max_rows)


def _too_big_reason(size, max_bytes):
    return (
        f"tệp quá lớn ({size_text(size)}), giới hạn là {size_text(max_bytes)}. "
        "Hãy xóa các trang tính, hình ảnh không cần thiết rồi tải lên lại."
    )


def _too_many_rows_reason(max_rows):
    limit = f"{max_rows:,}".replace(",", ".")  # Vietnamese thousands separator
    return (
        f"tệp có quá nhiều dòng (hơn {limit} dòng, kể cả các dòng trống đã định dạng), giới hạn là {limit} dòng. "
        "Hãy xóa các dòng trống hoặc thừa ở cuối trang tính (chọn các dòng, bấm chuột phải > Xóa), "
        "hoặc chia dữ liệu thành nhiều tệp, rồi tải lên lại."
    )


def size_text(size):
    """A file size as the upload messages write it (decimal comma; small sizes in KB, never "0,0 MB")."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _corrupt_reason():
    return (
        "tệp bị hỏng hoặc tải lên không trọn vẹn. Hãy mở lại tệp gốc bằng Excel để kiểm tra, "
        "lưu lại rồi tải lên lại."
    )


def _not_a_zip_reason(data):
    """Name what the file is, since an .xlsx is always a zip package."""
    if data.startswith(OLE_SIGNATURE):
        # Directory entry names in an OLE compound file are stored as UTF-16LE, so a
        # byte search finds the stream Office writes for a password-protected .xlsx.
        if "EncryptionInfo".encode("utf-16-le") in data:
            return (
                "tệp đã được đặt mật khẩu (mã hoá), hệ thống không đọc được. Hãy mở tệp bằng Excel, "
                "gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu, xóa "
                "mật khẩu) rồi lưu lại và tải lên lại."
            )
        return "đây là tệp Excel 97-2003 (.xls) kiểu cũ, không phải .xlsx. " + SAVE_AS_XLSX
    sample = data[:4096]
    if _looks_like_text(sample):
        lowered = sample.lower()
        if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
            return "đây là bảng tính XML 2003 (XML Spreadsheet), không phải .xlsx. " + SAVE_AS_XLSX
        if b"<html" in lowered or b"<table" in lowered or b"<!doctype html" in lowered:
            return (
                "đây là trang web (HTML) được đặt đuôi Excel, không phải tệp Excel thật "
                "(thường do phần mềm khác xuất ra). " + SAVE_AS_XLSX
            )
        return (
            "đây là tệp văn bản/CSV được đổi đuôi thành .xlsx, không phải tệp Excel. "
            + SAVE_AS_XLSX
        )
    return "không phải tệp Excel (.xlsx). " + SAVE_AS_XLSX


def _looks_like_text(sample):
    """Text files have no NUL bytes and almost no control characters."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f\x1a")
    return controls <= len(sample) // 100


def _check_zip_limits(infos):
    """Refuse zip bombs using only the central directory (nothing inflated yet)."""
    bomb = (
        "tệp có cấu trúc nén bất thường ({detail}) nên bị từ chối để bảo vệ hệ thống. "
        "Hãy mở tệp bằng Excel, lưu lại thành .xlsx rồi tải lên lại; nếu vẫn lỗi, "
        "hãy gửi tệp cho quản trị hệ thống."
    )
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _Refusal(bomb.format(detail=f"{len(infos)} thành phần, tối đa {MAX_ZIP_ENTRIES}"))
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _Refusal(
            bomb.format(
                detail=f"giải nén ra {size_text(total)}, tối đa {size_text(MAX_TOTAL_UNCOMPRESSED)}"
            )
        )
    for info in infos:
        if info.file_size <= RATIO_CHECK_MIN_SIZE:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise _Refusal(
                bomb.format(
                    detail=f"thành phần {info.filename} nén {ratio:.0f}:1, "
                    f"tối đa {MAX_COMPRESSION_RATIO}:1"
                )
            )


def _check_is_workbook(archive, infos):
    """A zip is not yet a workbook: .docx, .ods and .xlsb are zips too."""
    names = {info.filename for info in infos}
    if any(info.flag_bits & 0x1 for info in infos):
        raise _Refusal(
            "tệp được nén kèm mật khẩu, hệ thống không đọc được. Hãy gỡ mật khẩu, lưu lại "
            "thành .xlsx rồi tải lên lại."
        )
    if "[Content_Types].xml" not in names:
        if "mimetype" in names and b"opendocument" in _read_small(archive, "mimetype"):
            raise _Refusal(
                "đây là tệp OpenDocument (.ods/.odt của LibreOffice), không phải .xlsx. "
                + SAVE_AS_XLSX
            )
        raise _Refusal("tệp nén (zip) này không phải tệp Excel (.xlsx). " + SAVE_AS_XLSX)
    content_types = _read_small(archive, "[Content_Types].xml")
    if _WORKBOOK_CONTENT_TYPE.search(content_types) or "xl/workbook.xml" in names:
        return
    choose_again = "Hãy chọn đúng tệp báo cáo .xlsx."
    if "word/document.xml" in names:
        raise _Refusal("đây là tệp Word (.docx) được đổi đuôi, không phải tệp Excel. " + choose_again)
    if "ppt/presentation.xml" in names:
        raise _Refusal("đây là tệp PowerPoint (.pptx) được đổi đuôi, không phải tệp Excel. " + choose_again)
    if "xl/workbook.bin" in names:
        raise _Refusal("đây là tệp Excel nhị phân (.xlsb), không phải .xlsx. " + SAVE_AS_XLSX)
    raise _Refusal("tệp không có sổ làm việc Excel (thiếu xl/workbook.xml), không phải .xlsx. " + SAVE_AS_XLSX)


def _read_small(archive, member, limit=1024 * 1024):
    """Read a small package part; the zip limits above already bound its size."""
    try:
        with archive.open(member) as handle:
            return handle.read(limit)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError):
        raise _Refusal(_corrupt_reason()) from None


# A row or a cell element of a sheet (<row …>, <c …>, with or without a namespace prefix);
# <rowBreaks>, <cols> and the like do not match.
_ROW_OR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?(row|c)[\s/>]")
_LONGEST_TAG = 32  # longer than any match, so a tag cut between two chunks is counted once


class _RowCounter:
    """Counts row and cell elements while a part is inflated; refuses as soon as a limit is passed,
    so a sheet of a million rows costs the inflating of its first rows only."""

    def __init__(self, max_rows):
        self.max_rows = max_rows
        self.max_cells = max_rows * CELLS_PER_ROW
        self.rows = 0
        self.cells = 0

    def feed(self, tail, chunk, final=False):
        """Count in ``tail + chunk``; returns the new tail to carry into the next chunk."""
        buffer = tail + chunk
        cut = len(buffer) if final else max(0, len(buffer) - _LONGEST_TAG)
        for match in _ROW_OR_CELL.finditer(buffer, 0, len(buffer)):
            if match.start() >= cut:
                break
            if match.group(1) == b"row":
                self.rows += 1
            else:
                self.cells += 1
        if self.rows > self.max_rows or self.cells > self.max_cells:
            raise _Refusal(_too_many_rows_reason(self.max_rows))
        return buffer[cut:]


def _verify_entries(archive, infos, max_rows):
    """Inflate every entry in chunks so CRC errors and truncation surface here, counting the rows.

    zipfile stops each entry at its declared size and checks its CRC at the end,
    so after this the sizes checked above are the real ones. The limits above
    bound the work; the row count stops it at the row limit.
    """
    counter = _RowCounter(max_rows)
    for info in infos:
        if info.is_dir():
            continue
        # Sheets may live under any name the workbook's relationships give, so every XML part is counted.
        counted = info.filename.lower().endswith(".xml")
        try:
            with archive.open(info) as handle:
                tail = b""
                while chunk := handle.read(256 * 1024):
                    if counted:
                        tail = counter.feed(tail, chunk)
                if counted:
                    counter.feed(tail, b"", final=True)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError):
            raise _Refusal(_corrupt_reason()) from None
        except NotImplementedError:
            raise _Refusal("tệp dùng kiểu nén không được hỗ trợ. " + SAVE_AS_XLSX)


_PATH_SEPARATORS = re.compile(r"[\\/]")
_FORBIDDEN_IN_NAME = re.compile(r'[<>:"|?*]')  # Windows-reserved; ":" also hides drive letters
_WHITESPACE = re.compile(r"\s+")


def safe_filename(name, default="tep-tai-len.xlsx"):
    """A display- and storage-safe base name: no path, NFC, no control characters, bounded, never empty."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = _PATH_SEPARATORS.split(text)[-1]  # "..\\..\\x.xlsx", "/etc/x", "C:\\x" -> last part
    # Control and format characters (including bidi overrides that disguise extensions).
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _FORBIDDEN_IN_NAME.sub("", text)
    text = _WHITESPACE.sub(" ", text).strip().lstrip(".").strip()  # no "..", no hidden dotfiles
    if not text:
        return default
    if len(text.encode("utf-8")) > MAX_FILENAME_BYTES:
        stem, dot, ext = text.rpartition(".")
        if not dot or len(ext) > 10:
            stem, ext = text, ""
        suffix = f".{ext}" if ext else ""
        while stem and len((stem + suffix).encode("utf-8")) > MAX_FILENAME_BYTES:
            stem = stem[:-1]
        text = (stem.rstrip() + suffix) or default
    return text
