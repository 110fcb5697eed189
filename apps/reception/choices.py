from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    REGULAR = "thuong_xuyen", _("Thường xuyên")
    PERIODIC = "dinh_ky", _("Định kỳ")
    AD_HOC = "dot_xuat", _("Đột xuất")


class Classification(models.TextChoices):
    """Phân loại vụ việc / đơn (TT 05/2021/TT-TTCP)."""

    COMPLAINT = "khieu_nai", _("Khiếu nại")
    DENUNCIATION = "to_cao", _("Tố cáo")
    PETITION = "kien_nghi", _("Kiến nghị")
    FEEDBACK = "phan_anh", _("Phản ánh")


class LetterContentType(models.TextChoices):
    COMPLAINT = "khieu_nai", _("Khiếu nại")
    DENUNCIATION = "to_cao", _("Tố cáo")
    PETITION = "kien_nghi", _("Kiến nghị")
    FEEDBACK = "phan_anh", _("Phản ánh")
    MIXED = "nhieu_noi_dung", _("Nhiều nội dung")

    @classmethod
    def synonyms(cls):
        """Other words clerks write for these choices (matched by apps/core/choice_match.py)."""
        return {
            "Đơn khiếu nại": cls.COMPLAINT, "Đơn tố cáo": cls.DENUNCIATION, "Đơn kiến nghị": cls.PETITION,
            "Đơn phản ánh": cls.FEEDBACK, "Kiến nghị, phản ánh": cls.PETITION,
            "Đơn kiến nghị, phản ánh": cls.PETITION, "Nhiều nội dung khác nhau": cls.MIXED,
        }


class VisitHandling(models.TextChoices):
    ACCEPT = "thu_ly", _("Thụ lý")
    RETURN_AND_GUIDE = "tra_lai_huong_dan", _("Trả lại đơn và hướng dẫn")
    FORWARD = "chuyen_don", _("Chuyển đơn")


class Channel(models.TextChoices):
    IN_PERSON = "truc_tiep", _("Trực tiếp")
    POST = "buu_chinh", _("Bưu chính")
    VIA_DELEGATE = "dai_bieu_chuyen", _("Do đại biểu chuyển")
    VIA_AGENCY = "co_quan_chuyen", _("Cơ quan khác chuyển")
    EMAIL = "hop_thu_dien_tu", _("Hộp thư điện tử")
    OTHER = "khac", _("Khác")


class Competence(models.TextChoices):
    WITHIN = "thuoc", _("Thuộc thẩm quyền")
    OUTSIDE = "khong_thuoc", _("Không thuộc thẩm quyền")


class LetterHandling(models.TextChoices):
    FORWARD = "chuyen_don", _("Chuyển đơn")
    GUIDE = "huong_dan", _("Hướng dẫn")
    FILE = "luu_don", _("Lưu đơn")
    URGE = "don_doc", _("Đôn đốc")


class PriorResolution(models.TextChoices):
    """Whether the matter of a letter was resolved before (Biểu 01/XLD counts letters by it)."""

    NOT_RESOLVED = "chua_giai_quyet", _("Chưa được giải quyết")
    FIRST = "da_giai_quyet_lan_dau", _("Đã được giải quyết lần đầu")
    FINAL = "da_giai_quyet_lan_hai", _("Đã được giải quyết lần hai, đã có kết luận")


class LetterStatus(models.TextChoices):
    NEW = "chua_xu_ly", _("Chưa xử lý")
    FORWARDED = "da_chuyen", _("Đã chuyển, chờ trả lời")
    GUIDED = "da_huong_dan", _("Đã hướng dẫn")
    FILED = "luu_don", _("Lưu đơn")
    REPLIED = "da_tra_loi", _("Đã nhận văn bản trả lời")
    INFORMED = "da_thong_bao", _("Đã thông báo cho công dân")

    @classmethod
    def synonyms(cls):
        """Other words clerks write for these choices (matched by apps/core/choice_match.py)."""
        return {"Đã trả lời": cls.REPLIED, "Đã có văn bản trả lời": cls.REPLIED, "Đã có trả lời": cls.REPLIED}

