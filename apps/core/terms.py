"""Which term (khóa) a record may be filed under: one of its own council's terms that covers its date."""
from django.db.models import Q
from django.utils.translation import gettext as _


def valid_on(day):
    """Terms (start_date/end_date) that cover ``day``."""
    return (Q(start_date__isnull=True) | Q(start_date__lte=day)) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def term_error(term, council, day, what=None):
    """A message a clerk can act on when ``term`` is not one of ``council``'s terms covering ``day``
    (None when it is). ``what``: the record's date as the form names it."""
    from .models import Term

    if term is None or council is None:
        return None
    if term.council_id != council.pk:
        return _("Khóa “%(term)s” là của %(other)s, không phải của %(council)s. Chọn một khóa của %(council)s.") % {
            "term": term.name, "other": term.council.name, "council": council.name}
    if day is None:
        return None
    if (term.start_date and day < term.start_date) or (term.end_date and day > term.end_date):
        fitting = [t.name for t in Term.objects.filter(valid_on(day), council_id=council.pk)]
        until = f"{term.end_date:%d/%m/%Y}" if term.end_date else "nay"
        text = _("%(what)s %(day)s không thuộc khóa “%(term)s” (từ %(start)s đến %(end)s).") % {
            "what": what or _("Ngày"), "day": f"{day:%d/%m/%Y}", "term": term.name,
            "start": f"{term.start_date:%d/%m/%Y}", "end": until}
        if fitting:
            text += " " + _("Khóa của %(council)s vào ngày đó: %(terms)s.") % {
                "council": council.name, "terms": ", ".join(fitting)}
        else:
            text += " " + _("%(council)s chưa có khóa nào vào ngày đó.") % {"council": council.name}
        return text
    return None
