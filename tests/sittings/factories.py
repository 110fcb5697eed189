"""Small builders for sittings and oversight records (tests only)."""
import datetime  # noqa: F401 (tests use f.datetime)

from apps.core.models import Agency, Body, Delegate, Term
from apps.oversight.models import ExplanationSession, FollowUp, Recommendation, SupervisionActivity
from apps.sittings.models import AgendaItem, Commitment, Question, Resolution, Sitting, StandingMeeting

D = datetime.date


def term(council):
    return Term.objects.filter(council=council).order_by("-start_date").first()


def body(council, kind="thuong_truc"):
    return Body.objects.filter(council=council, kind=kind).first()


def delegate(council, name="Nguyễn Văn An"):
    found = Delegate.objects.filter(council=council, full_name=name).first()
    return found or Delegate.objects.create(council=council, term=term(council), full_name=name)


def fields_first():
    from apps.core.models import Field

    return Field.objects.order_by("code").first()


def agency(name="UBND thành phố Móng Cái"):
    return Agency.objects.get(name=name)


def sitting(council, number=1, start=D(2022, 4, 15), sitting_type="thuong_le", **kw):
    kw.setdefault("venue", "Hội trường HĐND")
    return Sitting.objects.create(council=council, term=term(council), number=number, start_date=start,
                                  sitting_type=sitting_type, **kw)


def agenda_item(s, title="Báo cáo tình hình kinh tế – xã hội 6 tháng đầu năm", **kw):
    return AgendaItem.objects.create(sitting=s, title=title, **kw)


def resolution(council, number="15/NQ-HĐND", adopted=D(2022, 4, 16), sitting=None, **kw):
    kw.setdefault("summary", "Về kế hoạch đầu tư công năm 2022")
    return Resolution.objects.create(council=council, number=number, adopted_date=adopted, sitting=sitting, **kw)


def standing_meeting(council, day=D(2022, 3, 10), kind="thuong_ky", **kw):
    kw.setdefault("content", "Cho ý kiến về chuẩn bị kỳ họp")
    return StandingMeeting.objects.create(council=council, date=day, kind=kind, **kw)


def question(council, asked=D(2022, 4, 16), sitting=None, standing_meeting=None, **kw):
    if sitting is None and standing_meeting is None:
        sitting = globals()["sitting"](council, number=kw.pop("sitting_number", 90), start=asked)
    kw.setdefault("respondent_name", "Trần Văn Bình")
    kw.setdefault("respondent_position", "Trưởng phòng Tài nguyên và Môi trường")
    kw.setdefault("content", "Tiến độ cấp giấy chứng nhận quyền sử dụng đất")
    return Question.objects.create(council=council, delegate=kw.pop("delegate", None) or delegate(council),
                                   asked_date=asked, sitting=sitting, standing_meeting=standing_meeting, **kw)


def commitment(q, due=None, **kw):
    kw.setdefault("content", "Hoàn thành cấp giấy chứng nhận trong quý III")
    return Commitment.objects.create(question=q, due_date=due, **kw)


def activity(council, title="Giám sát công tác quản lý đất đai", start=D(2022, 5, 10),
             activity_type="chuyen_de", **kw):
    kw.setdefault("conducting_body", body(council, "ban_kt_xh") or body(council))
    return SupervisionActivity.objects.create(council=council, title=title, fieldwork_start=start,
                                              activity_type=activity_type, **kw)


def explanation(council, topic="Việc chậm bồi thường giải phóng mặt bằng", held=D(2022, 6, 20), **kw):
    kw.setdefault("conducting_body", body(council))
    kw.setdefault("persons_required", "Chủ tịch UBND phường")
    return ExplanationSession.objects.create(council=council, topic=topic, held_date=held, **kw)


def recommendation(council, source=None, issued=D(2022, 6, 1), **kw):
    source = source or activity(council, title=f"Giám sát nguồn {issued}", start=issued)
    key = "activity" if isinstance(source, SupervisionActivity) else "explanation_session"
    kw.setdefault("content", "Đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất")
    kw.setdefault("addressee", agency())
    return Recommendation.objects.create(council=council, issued_date=issued, **{key: source}, **kw)


def follow_up(rec, action="don_doc_1", day=None, **kw):
    return FollowUp.objects.create(recommendation=rec, action=action, date=day or rec.issued_date, **kw)
