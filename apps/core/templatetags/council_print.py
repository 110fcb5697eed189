"""The head of a printed page: which council's records and on what day (screen hides it)."""
from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from apps.core.scoping import home_council

register = template.Library()


@register.simple_tag(takes_context=True)
def print_header(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    council = home_council(user) if user is not None and user.is_authenticated else None
    chosen = request.GET.get("council") if request is not None else None
    if chosen and chosen.isdigit() and council is not None:
        # A list filtered to one council prints that council's name, when the user may see it.
        from apps.core.models import Council
        from apps.core.scoping import visible_council_ids

        ids = visible_council_ids(user)
        if ids is None or int(chosen) in ids:
            council = Council.objects.filter(pk=int(chosen)).first() or council
    printed = _("In ngày %(date)s") % {"date": f"{timezone.localdate():%d/%m/%Y}"}
    return format_html('<div class="print-header"><strong>{}</strong><br>{}</div>',
                       council.name if council else _("Quản lý hồ sơ HĐND"), printed)
