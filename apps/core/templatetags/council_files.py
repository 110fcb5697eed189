"""Values in an import page as a clerk reads them (dd/mm/yyyy, Có/Không, nothing for empty)."""
from django import template

from apps.core.import_template import preview_text

register = template.Library()


@register.filter
def as_clerk_reads(value):
    return preview_text(value)


@register.filter
def column_label(name, labels):
    """A field name in a row error as the column's heading in the file."""
    return (labels or {}).get(name, name)
