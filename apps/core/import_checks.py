"""Register imports answer a clerk's mistake, or a forged request, in Vietnamese, never with a
server error or a traceback showing the server's paths.

- A file without the key columns (unit code, year, number) is refused with one message naming
  the missing columns; django-import-export's own says "declared in 'import_id_fields'".
- Errors of the whole file are shown without their traceback; one nobody foresaw is logged on
  the server and shown as a plain sentence.
- The confirm step names the preview file it imports (``import_file_name``): a name that is not
  one the preview gave, or a preview that is gone (confirmed already, cleaned up, another
  host's disk), sends the clerk back to the import page with a message instead of a 500.
"""
import logging
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from import_export.exceptions import FieldError
from import_export.results import Error

logger = logging.getLogger(__name__)

# The names django-import-export's temporary storages give a preview (uuid4().hex).
PREVIEW_NAME = re.compile(r"[0-9a-f]{32}")


class ClerkError(Error):
    """A whole-file error as the clerk sees it: the message, no traceback."""

    traceback = ""


class ImportChecksResourceMixin:
    """For the register resources (CouncilScopedResource)."""

    def get_error_result_class(self):
        return ClerkError

    def _check_import_id_fields(self, headers):
        missing = [self.fields[key].column_name for key in self.get_import_id_fields()
                   if key in self.fields and self.fields[key].column_name not in (headers or ())]
        if missing:
            raise FieldError(_(
                "Tệp thiếu cột: %(columns)s. Các cột này cho biết mỗi dòng là hồ sơ nào (để trống Năm và Số thứ "
                "tự ở dòng của hồ sơ mới); hãy dùng tệp mẫu hoặc tệp xuất từ sổ rồi nhập lại."
            ) % {"columns": ", ".join(missing)})

    def handle_import_error(self, result, error, raise_errors=False):
        if not isinstance(error, (FieldError, ValidationError, ValueError)):
            logger.error("register import failed", exc_info=error)
            error = RuntimeError(_("Không nhập được tệp do một lỗi của hệ thống (đã ghi lại để quản trị hệ thống "
                                   "kiểm tra). Không có dòng nào được ghi."))
        super().handle_import_error(result, error, raise_errors)


class ImportConfirmMixin:
    """For the register admins: the confirm step only imports a preview that exists."""

    def process_import(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            if not PREVIEW_NAME.fullmatch(request.POST.get("import_file_name", "")):
                return self._preview_gone(request)
            try:
                return super().process_import(request, **kwargs)
            except (FileNotFoundError, IsADirectoryError):
                return self._preview_gone(request)
        return super().process_import(request, **kwargs)

    def _preview_gone(self, request):
        self.message_user(request, _(
            "Không tìm thấy tệp đã xem trước (đã nhập rồi, hoặc đã quá hạn). Hãy chọn tệp và xem trước lại."),
            messages.ERROR)
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_import")
