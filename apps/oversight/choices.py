from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityType(models.TextChoices):
    THEMATIC = "chuyen_de", _("Giám sát chuyên đề")
    FOCUS = "trong_tam", _("Giám sát theo nhiệm vụ trọng tâm, thường xuyên")
    SURVEY = "khao_sat", _("Khảo sát")
    URGENT_SURVEY = "khao_sat_dot_xuat", _("Khảo sát đột xuất")
    COMPLAINTS = "kntc", _("Giám sát giải quyết khiếu nại, tố cáo")
    PETITIONS = "kien_nghi_cu_tri", _("Giám sát giải quyết kiến nghị cử tri")
    RE_SUPERVISION = "tai_giam_sat", _("Tái giám sát")
    HIGHER_LEVEL = "cap_tren", _("Tham gia giám sát, khảo sát của cấp trên")


class ActivityStatus(models.TextChoices):
    PLANNED = "ke_hoach", _("Đã có kế hoạch, quyết định")
    IN_PROGRESS = "dang_tien_hanh", _("Đang tiến hành")
    REPORTED = "da_bao_cao", _("Đã có báo cáo kết quả")
    CONCLUDED = "da_ket_luan", _("Đã có kết luận")
    CANCELLED = "huy", _("Không tiến hành")


class RecommendationStatus(models.TextChoices):
    NOT_DUE = "chua_den_han", _("Chưa đến hạn")
    IN_PROGRESS = "dang_thuc_hien", _("Đang thực hiện")
    DONE = "hoan_thanh", _("Hoàn thành")
    PARTLY_DONE = "hoan_thanh_mot_phan", _("Hoàn thành một phần")
    OVERDUE = "qua_han", _("Quá hạn")
    NOT_DONE = "khong_thuc_hien", _("Không thực hiện")


# No longer chased once done or declared not done (as a commitment after a question): the reminders, the
# dashboard's overdue card, the admin's "thời hạn" filter and badge and the FilterSet all read this.
RECOMMENDATION_CLOSED = (RecommendationStatus.DONE, RecommendationStatus.NOT_DONE)


class FollowUpAction(models.TextChoices):
    REMINDER_1 = "don_doc_1", _("Đôn đốc lần 1")
    REMINDER_2 = "don_doc_2", _("Đôn đốc lần 2")
    EXPLANATION = "giai_trinh", _("Đưa vào phiên giải trình")
    QUESTION = "chat_van", _("Đưa vào chất vấn")
    RE_SUPERVISION = "tai_giam_sat", _("Tái giám sát")
    RESOLUTION = "nghi_quyet", _("Đưa vào nghị quyết")
