"""Admin pages of the reports app (each wrapped in ``site.admin_view`` by ``admin_urls``)."""
from django.core.exceptions import PermissionDenied

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require(request, perm):
    if not request.user.has_perm(f"reports.{perm}"):
        raise PermissionDenied
