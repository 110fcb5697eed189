from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitType(models.TextChoices):
    PROVINCE = "tinh", _("Tỉnh")
    CENTRAL_CITY = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    PROVINCIAL_CITY = "thanh_pho", _("Thành phố thuộc tỉnh")
    DISTRICT = "huyen", _("Huyện")
    URBAN_DISTRICT = "quan", _("Quận")
    TOWN = "thi_xa", _("Thị xã")
    WARD = "phuong", _("Phường")
    COMMUNE = "xa", _("Xã")
    TOWNSHIP = "thi_tran", _("Thị trấn")
    SPECIAL_ZONE = "dac_khu", _("Đặc khu")


class CouncilLevel(models.TextChoices):
    PROVINCE = "tinh", _("Cấp tỉnh")
    DISTRICT = "huyen", _("Cấp huyện (đến 30/6/2025)")
    COMMUNE = "xa", _("Cấp xã")


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Chuyên viên Văn phòng")
    WARD = "ward", _("Công chức HĐND cấp xã")
    LEADER = "leader", _("Thường trực HĐND (chỉ xem)")


class BodyKind(models.TextChoices):
    COUNCIL = "hdnd", _("HĐND")
    STANDING = "thuong_truc", _("Thường trực HĐND")
    LEGAL = "ban_phap_che", _("Ban Pháp chế")
    ECONOMIC_SOCIAL = "ban_kt_xh", _("Ban Kinh tế – Xã hội")
    CULTURAL_SOCIAL = "ban_vh_xh", _("Ban Văn hóa – Xã hội")
    BUDGET = "ban_kt_ns", _("Ban Kinh tế – Ngân sách")
    ETHNIC = "ban_dan_toc", _("Ban Dân tộc")
    DELEGATE_GROUP = "to_dai_bieu", _("Tổ đại biểu")
    OTHER = "khac", _("Khác")


class MembershipRole(models.TextChoices):
    CHAIR = "chu_tich", _("Chủ tịch")
    VICE_CHAIR = "pho_chu_tich", _("Phó Chủ tịch")
    HEAD = "truong_ban", _("Trưởng ban")
    DEPUTY_HEAD = "pho_truong_ban", _("Phó Trưởng ban")
    GROUP_LEADER = "to_truong", _("Tổ trưởng")
    GROUP_DEPUTY = "to_pho", _("Tổ phó")
    MEMBER = "uy_vien", _("Ủy viên / thành viên")


class AgencyLevel(models.TextChoices):
    CENTRAL = "trung_uong", _("Trung ương")
    PROVINCE = "tinh", _("Tỉnh")
    DISTRICT = "huyen", _("Huyện")
    COMMUNE = "xa", _("Xã")


class PeriodKind(models.TextChoices):
    H1 = "H1", _("6 tháng đầu năm")
    H2 = "H2", _("6 tháng cuối năm")
    YEAR = "Y", _("Cả năm")
    Q1 = "Q1", _("Quý I")
    Q2 = "Q2", _("Quý II")
    Q3 = "Q3", _("Quý III")
    Q4 = "Q4", _("Quý IV")


class HolidayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Ngày nghỉ")
    COMPENSATORY_WORKDAY = "compensatory_workday", _("Ngày làm bù")


class DayType(models.TextChoices):
    # The law's own wording: "ngày" (calendar days) and "ngày làm việc" (working days).
    CALENDAR = "calendar", _("ngày")
    WORKING = "working", _("ngày làm việc")


class RuleStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Đã xác minh")
    REPORTED = "reported", _("Đã đưa tin, cần xác minh")
    UNVERIFIED = "unverified", _("Chưa xác minh")
