"""The council admin's action «Chuyển việc còn mở sang đơn vị kế thừa» (apps/core/carryover.py).

Select one council that ended; a page lists its open records, asks for the transfer date and,
where the unit went to several successors, which one takes them; "Xem trước" shows the plan
without writing, "Chuyển" moves everything or nothing. Only a user who may change both councils
(a secretariat above them, an administrator) is offered it.
"""
import datetime

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .carryover import CarryOverError, carry_out, describe, plan
from .choices import Role
from .lifetimes import successors_of
from .models import Council
from .scoping import may_change, role_of


def may_carry_over(user):
    return user.is_active and (user.is_superuser or role_of(user) == Role.SECRETARIAT)


class CarryOverActionMixin:
    actions = ["transfer_open_items"]

    def has_carry_over_permission(self, request):
        return may_carry_over(request.user)

    def target_choices(self, request, source, on):
        """The successors alive on ``on``; when the unit recorded none, any council the user may change alive then."""
        successors = [c for c in successors_of(source) if c.admin_unit.is_valid_on(on)]
        if successors:
            return successors
        qs = Council.objects.for_user(request.user, "change").valid_on(on).exclude(pk=source.pk)
        return list(qs.select_related("admin_unit").order_by("admin_unit__code")[:200])

    @admin.action(description=_("Chuyển việc còn mở sang đơn vị kế thừa"), permissions=["carry_over"])
    def transfer_open_items(self, request, queryset):
        councils = list(queryset.select_related("admin_unit")[:2])
        if len(councils) != 1:
            self.message_user(request, _("Chọn đúng một HĐND đã thôi hoạt động."), messages.WARNING)
            return None
        source = councils[0]
        if source.valid_to is None:
            self.message_user(request, _("%(name)s vẫn đang hoạt động: không có việc phải chuyển.") % {
                "name": source.name}, messages.WARNING)
            return None
        default_on = source.valid_to + datetime.timedelta(days=1)
        on, errors = default_on, []
        raw = (request.POST.get("on") or "").strip()
        if raw:
            try:
                on = datetime.datetime.strptime(raw, "%d/%m/%Y").date()
            except ValueError:
                errors.append(_("Ngày chuyển không hợp lệ; viết theo dạng dd/mm/yyyy."))
        choices = self.target_choices(request, source, on)
        target = None
        chosen = request.POST.get("target")
        if chosen:
            target = next((c for c in choices if str(c.pk) == chosen), None)
            if target is None:
                errors.append(_("HĐND nhận hồ sơ không hợp lệ."))
        elif len(choices) == 1:
            target = choices[0]
        result = plan(source, on, target)
        if not may_change(request.user, source.pk) or (result.target and not may_change(request.user, result.target.pk)):
            errors.append(_("Bạn không có quyền sửa hồ sơ của cả hai HĐND."))
        if "apply" in request.POST and not errors and not result.errors:
            try:
                carry_out(result, user=request.user)
            except CarryOverError as error:
                errors.append(str(error))
            else:
                self.message_user(request, _("Đã chuyển %(n)d hồ sơ từ %(source)s sang %(target)s.") % {
                    "n": result.total, "source": source.name, "target": result.target.name}, messages.SUCCESS)
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Chuyển việc còn mở sang đơn vị kế thừa"),
            "opts": self.model._meta,
            "source": source,
            "on": on,
            "choices": choices,
            "target": result.target,
            "errors": errors + result.errors,
            "lines": describe(result)[1:],
            "total": result.total,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/core/carry_over.html", context)
