"""Demo voter meetings and petitions, some overdue: 2022 for the city and its wards, 2025-H2 to today for the
province and the Móng Cái successors (the context's era, apps/core/seed.py)."""
import datetime

from simple_history.utils import bulk_create_with_history

from apps.core.deadlines import WorkCalendar
from apps.core.models import DeadlineRule
from apps.oversight.models import SupervisionActivity
from apps.sittings.models import Sitting

from . import services
from .choices import CompetenceLevel, MeetingForm, MeetingTiming, PetitionStatus
from .models import Petition, VoterMeeting

YEAR = 2022
DAY = datetime.timedelta(days=1)

PETITIONS = [
    ("dat_dai", "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ tại khu {n}."),
    ("giao_thong", "Đề nghị sửa chữa tuyến đường liên khu {n} bị xuống cấp, ngập úng khi mưa lớn."),
    ("moi_truong", "Phản ánh tình trạng rác thải tồn đọng, thu gom chậm tại khu {n}."),
    ("dien_nuoc", "Đề nghị mở rộng mạng lưới cấp nước sạch cho các hộ dân khu {n}."),
    ("chinh_sach_xa_hoi", "Đề nghị xem xét chế độ trợ cấp cho hộ cận nghèo ở khu {n}."),
    ("an_ninh", "Đề nghị tăng cường tuần tra, xử lý tình trạng đua xe trái phép trên đường khu {n}."),
    ("xay_dung", "Đề nghị công khai quy hoạch chi tiết khu dân cư khu {n}."),
    ("giao_duc", "Đề nghị bổ sung phòng học cho trường tiểu học trên địa bàn khu {n}."),
    ("y_te", "Đề nghị tăng cường trang thiết bị cho trạm y tế, phục vụ nhân dân khu {n}."),
]
ANSWERS = {
    PetitionStatus.RESOLVED: "Đã bố trí kinh phí và hoàn thành trong quý.",
    PetitionStatus.IN_PROGRESS: "Đang khảo sát, lập dự án; dự kiến hoàn thành trong năm.",
    PetitionStatus.EXPLAINED: "Đã giải trình, cung cấp thông tin về chính sách hiện hành cho cử tri.",
}


def seed(ctx):
    councils = ctx.councils
    if VoterMeeting.objects.filter(council__in=councils).exists():
        return
    rules = list(DeadlineRule.objects.all())
    calendar = WorkCalendar.load(datetime.date(2021, 12, 1), datetime.date(ctx.today.year + 1, 12, 31))
    rng = ctx.rng
    meetings = []
    for council in councils:
        per_half = (3 if council == ctx.city else 2) * ctx.scale
        wards = ctx.wards if council == ctx.city else [council]
        for year, half in ctx.register_halves:
            for i in range(per_half):
                ward = rng.choice(wards)
                meetings.append(VoterMeeting(
                    council=council, date=ctx.date_in(year, half, council=council),
                    timing=rng.choice([MeetingTiming.BEFORE_SITTING, MeetingTiming.AFTER_SITTING,
                                       MeetingTiming.THEMATIC]),
                    form=MeetingForm.IN_PERSON if i % 4 else MeetingForm.ONLINE, ward=ward,
                    location=f"Nhà văn hóa khu {rng.randint(1, 9)}, {ward.admin_unit.name}",
                    voters_attending=rng.randint(40, 250),
                ))
    meetings = bulk_create_with_history(meetings, VoterMeeting)
    meetings = list(VoterMeeting.objects.filter(council__in=councils).order_by("date", "pk"))

    through = VoterMeeting.delegates.through
    links = []
    for meeting in meetings:
        pool = ctx.delegates(meeting.council)
        for delegate in rng.sample(pool, min(len(pool), 3)):
            links.append(through(votermeeting_id=meeting.pk, delegate_id=delegate.pk))
    through.objects.bulk_create(links)

    sittings, activities = _linkable(councils)
    petitions = []
    for meeting in meetings:
        council = meeting.council
        agencies = [ctx.ward_agency(council)] if council != ctx.city else ctx.agencies
        for _j in range(rng.randint(2, 5)):
            field_code, text = rng.choice(PETITIONS)
            p = Petition(
                council=council, meeting=meeting, received_date=meeting.date,
                content=text.format(n=rng.randint(1, 9)), field=_field(ctx, field_code),
                competence_level=_competence(ctx, council, rng),
                agency=rng.choice(agencies),
            )
            _follow_up(p, rng)
            petitions.append(p)
    # A few petitions forwarded by the National Assembly delegation (60-day rule), without a meeting.
    for council in councils:
        received = ctx.date_in(*ctx.register_halves[0], council=council)
        p = Petition(council=council, source="Đoàn ĐBQH tỉnh chuyển", received_date=received, forwarded_by_na=True,
                     content="Đề nghị sớm có hướng dẫn về bồi thường, hỗ trợ khi thu hồi đất nông nghiệp.",
                     field=_field(ctx, "dat_dai"), competence_level=CompetenceLevel.PROVINCE, agency=ctx.agencies[0])
        _follow_up(p, rng)
        petitions.append(p)

    petitions.sort(key=lambda p: (p.council_id, p.received_date))
    services.number(petitions)  # KN codes in date order, from the register counter
    for p in petitions:
        p.compute_deadlines(rules=rules, calendar=calendar)
        _clip_to_today(p, ctx.today)
        if sittings.get(p.council_id) and rng.random() < 0.6:
            p.sitting = _next_sitting(sittings[p.council_id], p.received_date)
        if p.status == PetitionStatus.UNRESOLVED and activities.get(p.council_id) and rng.random() < 0.5:
            p.supervision_activity = rng.choice(activities[p.council_id])
    bulk_create_with_history(petitions, Petition)

    # Duplicates: the last petition of some meetings merged into the first one.
    for meeting in meetings[:: max(1, len(meetings) // 6)]:
        rows = list(Petition.objects.filter(meeting=meeting).order_by("pk"))
        if len(rows) > 2:
            rows[-1].merged_into = rows[0]
            rows[-1].content = rows[0].content
            rows[-1].save()


def _competence(ctx, council, rng):
    """A ward's petitions are its own level's; the city's mostly the district's, some the province's; the
    province's (since 07/2025, when the district level is gone) the province's."""
    if council != ctx.city:
        return CompetenceLevel.COMMUNE
    if ctx.era.current:
        return CompetenceLevel.PROVINCE
    return rng.choice([CompetenceLevel.DISTRICT, CompetenceLevel.DISTRICT, CompetenceLevel.PROVINCE])


def _field(ctx, code):
    return next((f for f in ctx.fields if f.code == code), None)


def _follow_up(p, rng):
    """Forwarding, answer and status; about one in six is forwarded and left unanswered (overdue)."""
    roll = rng.random()
    if roll < 0.08:
        return  # recorded, not forwarded yet
    p.forwarded_date = p.received_date + DAY * rng.randint(3, 15)
    p.forwarding_document = f"{rng.randint(10, 380)}/HĐND-VP"
    if roll < 0.25:
        return  # forwarded, no answer: overdue
    p.answered_date = p.forwarded_date + DAY * rng.randint(7, 40)
    p.status = rng.choice([PetitionStatus.RESOLVED, PetitionStatus.RESOLVED, PetitionStatus.IN_PROGRESS,
                           PetitionStatus.EXPLAINED])
    p.answer = ANSWERS[p.status]
    if rng.random() < 0.7:
        p.voters_informed_date = p.answered_date + DAY * rng.randint(5, 30)


def _clip_to_today(p, today):
    """Nothing happens after today: a petition received these last days is not forwarded or answered yet."""
    if p.forwarded_date and p.forwarded_date > today:
        p.forwarded_date, p.forwarding_document, p.answer_due = None, "", None
    if p.answered_date and (p.answered_date > today or not p.forwarded_date):
        p.answered_date, p.answer, p.status = None, "", PetitionStatus.UNRESOLVED
    if p.voters_informed_date and (p.voters_informed_date > today or not p.answered_date):
        p.voters_informed_date = None


def _linkable(councils):
    """Sittings and supervision activities already seeded (their apps seed before this one)."""
    sittings, activities = {}, {}
    for s in Sitting.objects.filter(council__in=councils).exclude(start_date__isnull=True).order_by("start_date"):
        sittings.setdefault(s.council_id, []).append(s)
    for a in SupervisionActivity.objects.filter(council__in=councils):
        activities.setdefault(a.council_id, []).append(a)
    return sittings, activities


def _next_sitting(sittings, day):
    later = [s for s in sittings if s.start_date >= day]
    return later[0] if later else sittings[-1]
