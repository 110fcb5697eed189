"""Record builders shared by tests/reception and tests/petitions."""
import datetime

from apps.core.models import Agency, Field

D = datetime.date


def agency(name="UBND thành phố Móng Cái"):
    return Agency.objects.get(name=name)


def field(code="dat_dai"):
    return Field.objects.get(code=code)


def make_letter(council, **kwargs):
    from apps.reception.models import Letter

    values = dict(received_date=D(2022, 3, 1), sender_name="Trần Văn Bình", sender_address="Khu 3, phường Ka Long",
                  content_type="kien_nghi", content="Đề nghị sửa chữa đường ngõ 12 bị lún, sụt.")
    values.update(kwargs)
    return Letter.objects.create(council=council, **values)


def make_visit(council, **kwargs):
    from apps.reception.models import Visit

    values = dict(date=D(2022, 3, 1), citizen_name="Lê Thị Hòa", citizen_address="Khu 5, phường Ka Long",
                  content="Tranh chấp ranh giới đất với hộ liền kề.", classification="kien_nghi")
    values.update(kwargs)
    return Visit.objects.create(council=council, **values)


def make_session(council, **kwargs):
    from apps.reception.models import ReceptionSession

    values = dict(date=D(2022, 3, 1), kind="dinh_ky", receivers_text="Chủ tịch HĐND", venue="Trụ sở HĐND")
    values.update(kwargs)
    return ReceptionSession.objects.create(council=council, **values)


def make_meeting(council, **kwargs):
    from apps.petitions.models import VoterMeeting

    values = dict(date=D(2022, 3, 10), timing="truoc_ky_hop", form="truc_tiep", location="Nhà văn hóa khu 2",
                  voters_attending=120)
    values.update(kwargs)
    return VoterMeeting.objects.create(council=council, **values)


def make_petition(council, **kwargs):
    from apps.petitions.models import Petition

    values = dict(content="Đề nghị lắp đặt đèn chiếu sáng tuyến đường khu 4.", source="Tổng hợp của MTTQ",
                  received_date=D(2022, 3, 10))
    values.update(kwargs)
    return Petition.objects.create(council=council, **values)
