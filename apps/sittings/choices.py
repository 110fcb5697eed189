from django.db import models
from django.utils.translation import gettext_lazy as _


class SittingType(models.TextChoices):
    REGULAR = "thuong_le", _("Thường lệ")
    THEMATIC = "chuyen_de", _("Chuyên đề")
    URGENT = "dot_xuat", _("Giải quyết công việc phát sinh đột xuất")


class AgendaKind(models.TextChoices):
    REPORT = "bao_cao", _("Báo cáo")
    SUBMISSION = "to_trinh", _("Tờ trình")
    DRAFT_RESOLUTION = "du_thao_nq", _("Dự thảo nghị quyết")
    PROJECT = "de_an", _("Đề án")
    EXAMINATION = "bao_cao_tham_tra", _("Báo cáo thẩm tra")
    QUESTIONING = "chat_van", _("Chất vấn và trả lời chất vấn")
    OTHER = "khac", _("Nội dung khác")


class ResolutionKind(models.TextChoices):
    NORMATIVE = "quy_pham", _("Quy phạm pháp luật")
    INDIVIDUAL = "ca_biet", _("Cá biệt")
    SUPERVISION = "giam_sat", _("Giám sát chuyên đề")
    QUESTIONING = "chat_van", _("Chất vấn và trả lời chất vấn")


class ResolutionStatus(models.TextChoices):
    IN_FORCE = "con_hieu_luc", _("Còn hiệu lực")
    PARTLY_IN_FORCE = "het_mot_phan", _("Hết hiệu lực một phần")
    EXPIRED = "het_hieu_luc", _("Hết hiệu lực")
    REPEALED = "bi_bai_bo", _("Bị bãi bỏ")
    REPLACED = "bi_thay_the", _("Bị thay thế")
    NOT_YET = "chua_co_hieu_luc", _("Chưa có hiệu lực")


class QuestionMode(models.TextChoices):
    IN_PERSON = "truc_tiep", _("Trực tiếp")
    WRITTEN = "van_ban", _("Bằng văn bản")


class CommitmentStatus(models.TextChoices):
    IN_PROGRESS = "dang_thuc_hien", _("Đang thực hiện")
    DONE = "hoan_thanh", _("Hoàn thành")
    PARTLY_DONE = "hoan_thanh_mot_phan", _("Hoàn thành một phần")
    NOT_DONE = "khong_thuc_hien", _("Không thực hiện")


class StandingMeetingKind(models.TextChoices):
    REGULAR = "thuong_ky", _("Phiên họp thường kỳ")
    BRIEFING = "giao_ban", _("Giao ban với Thường trực HĐND cấp xã")
    EXTRAORDINARY = "bat_thuong", _("Phiên họp đột xuất")
