"""Demo reception sessions, visits (sổ tiếp công dân) and letters (sổ xử lý đơn): 2022 for the city and its
wards, 2025-H2 to today for the province and the Móng Cái successors (the context's era, apps/core/seed.py).

Includes denunciations (for the confidentiality rules), đoàn đông người, repeated visits,
and overdue letters (not processed, or forwarded without a reply).
"""
import datetime

from simple_history.utils import bulk_create_with_history

from apps.core.deadlines import WorkCalendar
from apps.core.models import DeadlineRule, RegisterCounter

from .choices import (
    Channel, Classification, Competence, LetterContentType, LetterHandling, PriorResolution, SessionKind,
    VisitHandling,
)
from .models import Letter, ReceptionSession, Visit

YEAR = 2022
DAY = datetime.timedelta(days=1)
RESPONDENTS = ["Chủ tịch UBND phường", "Cán bộ địa chính phường", "Trưởng khu phố", "Công ty cổ phần xây dựng",
               "Ban quản lý chợ"]

MATTERS = {
    Classification.COMPLAINT: [
        "Khiếu nại quyết định thu hồi đất, bồi thường chưa thỏa đáng khi làm đường {street}.",
        "Khiếu nại việc không được hưởng hỗ trợ tái định cư khi giải phóng mặt bằng khu {n}.",
    ],
    Classification.DENUNCIATION: [
        "Tố cáo cán bộ địa chính phường có dấu hiệu nhận tiền khi làm thủ tục cấp giấy chứng nhận.",
        "Tố cáo hộ kinh doanh tại khu {n} lấn chiếm đất công, xây dựng trái phép.",
    ],
    Classification.PETITION: [
        "Kiến nghị sửa chữa hệ thống thoát nước đường {street} bị tắc, gây ngập.",
        "Kiến nghị xem xét hỗ trợ người có công với cách mạng tại khu {n}.",
    ],
    Classification.FEEDBACK: [
        "Phản ánh tiếng ồn, bụi từ công trình xây dựng trên đường {street} vào ban đêm.",
        "Phản ánh việc chậm cấp giấy chứng nhận quyền sử dụng đất tại khu {n}.",
    ],
}
STREETS = ["Hùng Vương", "Trần Phú", "Hữu Nghị", "Tuệ Tĩnh", "Vân Đồn", "Lý Thường Kiệt", "Hòa Bình"]
RECEIVERS = ["Chủ tịch HĐND", "Phó Chủ tịch HĐND", "Đại biểu HĐND (Tổ đại biểu)"]


def seed(ctx):
    councils = ctx.councils
    if ReceptionSession.objects.filter(council__in=councils).exists():
        return
    rules = list(DeadlineRule.objects.all())
    calendar = WorkCalendar.load(datetime.date(2021, 12, 1), datetime.date(ctx.today.year + 1, 12, 31))
    halves = ctx.register_halves
    rng = ctx.rng

    sessions = []
    for council in councils:
        for year, half in halves:
            for i in range(3 * ctx.scale):
                sessions.append(ReceptionSession(
                    council=council, date=ctx.date_in(year, half, council=council),
                    kind=[SessionKind.PERIODIC, SessionKind.REGULAR, SessionKind.AD_HOC][i % 3],
                    receivers_text=RECEIVERS[i % 3], venue=f"Trụ sở tiếp công dân, {council.name}",
                ))
    bulk_create_with_history(sessions, ReceptionSession)
    sessions = list(ReceptionSession.objects.filter(council__in=councils).order_by("date", "pk"))
    through = ReceptionSession.receivers.through
    through.objects.bulk_create([
        through(receptionsession_id=s.pk, delegate_id=rng.choice(ctx.delegates(s.council)).pk)
        for s in sessions if ctx.delegates(s.council)
    ])

    visits = []
    for session in sessions:
        for _k in range(rng.randint(1, 3)):
            kind = rng.choice(list(MATTERS))
            people = 1 if rng.random() < 0.8 else rng.randint(5, 15)
            v = Visit(council=session.council, session=session, date=session.date, classification=kind,
                      citizen_name=ctx.person_name(), citizen_address=_address(rng, session.council),
                      citizen_id_number=_cccd(rng), content=_matter(rng, kind), people_count=people,
                      is_repeat=rng.random() < 0.2,
                      handling=rng.choice([VisitHandling.ACCEPT, VisitHandling.RETURN_AND_GUIDE,
                                           VisitHandling.FORWARD, VisitHandling.FORWARD]))
            if v.is_repeat:
                v.handled_by = ctx.ward_agency(session.council)
            v.result = "Đã chuyển đơn đến cơ quan có thẩm quyền." if v.handling == VisitHandling.FORWARD else ""
            v.compute_deadlines(rules=rules, calendar=calendar)
            visits.append(v)
    _number(visits, "visit", "date")
    bulk_create_with_history(visits, Visit)
    visits = list(Visit.objects.filter(council__in=councils).order_by("date", "pk"))

    letters = []
    # Letters handed in at a visit (linked both ways) ...
    for visit in visits:
        if visit.handling != VisitHandling.FORWARD:
            continue
        letters.append(_letter(ctx, rng, visit.council, visit.date, Channel.IN_PERSON, visit=visit,
                               kind=visit.classification))
    # ... and letters by post, from delegates and other agencies.
    for council in councils:
        for year, half in halves:
            for _k in range(4 * ctx.scale):
                channel = rng.choice([Channel.POST, Channel.POST, Channel.VIA_DELEGATE, Channel.VIA_AGENCY,
                                      Channel.EMAIL])
                letters.append(_letter(ctx, rng, council, ctx.date_in(year, half, council=council), channel))
        # Always at least one denunciation awaiting processing, and one forwarded letter without a reply.
        if ctx.era.current:
            waiting, unanswered = ctx.today - 20 * DAY, ctx.today - 60 * DAY
        else:
            waiting, unanswered = datetime.date(YEAR, 11, 21), datetime.date(YEAR, 10, 3)
        letters.append(_letter(ctx, rng, council, waiting, Channel.POST,
                               kind=LetterContentType.DENUNCIATION, outcome="none"))
        letters.append(_letter(ctx, rng, council, unanswered, Channel.POST,
                               kind=LetterContentType.COMPLAINT, outcome="no_reply"))
    for letter in letters:
        letter.status = letter.derive_status()
        letter.compute_deadlines(rules=rules, calendar=calendar)
    _number(letters, "letter", "received_date")
    bulk_create_with_history(letters, Letter)

    # A repeated letter marked as a duplicate of the earlier one.
    for council in (ctx.city, *ctx.wards[:2]):
        rows = list(Letter.objects.filter(council=council).order_by("register_number")[:2])
        if len(rows) == 2:
            Letter.objects.filter(pk=rows[1].pk).update(duplicate_of=rows[0])


def _letter(ctx, rng, council, received, channel, visit=None, kind=None, outcome=None):
    kind = kind or rng.choice([LetterContentType.COMPLAINT, LetterContentType.DENUNCIATION,
                               LetterContentType.PETITION, LetterContentType.PETITION, LetterContentType.FEEDBACK,
                               LetterContentType.MIXED])
    matter_kind = Classification.PETITION if kind == LetterContentType.MIXED else kind
    anonymous = kind == LetterContentType.FEEDBACK and rng.random() < 0.2
    letter = Letter(
        council=council, received_date=received, channel=channel, visit=visit, content_type=kind,
        sender_name="" if anonymous else (visit.citizen_name if visit else ctx.person_name()),
        sender_address="" if anonymous else (visit.citizen_address if visit else _address(rng, council)),
        sender_id_number="" if anonymous or rng.random() < 0.4 else _cccd(rng), is_anonymous=anonymous,
        content=visit.content if visit else _matter(rng, matter_kind)
        + (" Kèm theo kiến nghị về chính sách hỗ trợ." if kind == LetterContentType.MIXED else ""),
        field=rng.choice(ctx.fields), competence=Competence.OUTSIDE,
        signer_count=0 if anonymous else (1 if rng.random() < 0.8 else rng.randint(2, 12)),
        prior_resolution=rng.choice([PriorResolution.NOT_RESOLVED, PriorResolution.NOT_RESOLVED,
                                     PriorResolution.FIRST, PriorResolution.FINAL]),
        respondent=rng.choice(RESPONDENTS) if kind in (LetterContentType.COMPLAINT, LetterContentType.DENUNCIATION)
        else "",
    )
    if anonymous and rng.random() < 0.5:
        letter.eligible, letter.ineligible_reason = False, "Đơn nặc danh, không rõ nội dung cụ thể"
    roll = rng.random() if outcome is None else 0.0
    if outcome == "none" or (outcome is None and roll < 0.12):
        return letter  # not processed yet: overdue
    if not letter.eligible:
        letter.handling = LetterHandling.FILE
        letter.discard_date = received + datetime.timedelta(days=365 * 5)
        return letter
    if outcome is None and roll < 0.3:
        letter.handling = LetterHandling.GUIDE
        letter.note = "Đã hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền."
        return letter
    letter.handling = LetterHandling.FORWARD
    letter.forwarded_agency = ctx.ward_agency(council) if council != ctx.city else rng.choice(ctx.agencies)
    letter.forwarded_date = received + DAY * rng.randint(1, 8)
    if letter.forwarded_date > ctx.today:  # received these last days: not processed yet
        letter.handling, letter.forwarded_agency, letter.forwarded_date = "", None, None
        return letter
    letter.forwarding_document = f"{rng.randint(5, 400)}/HĐND-TCD"
    if outcome == "no_reply" or rng.random() < 0.25:
        return letter  # forwarded, the agency has not replied: overdue
    reply = letter.forwarded_date + DAY * rng.randint(5, 30)
    if reply > ctx.today:
        return letter
    letter.reply_received_date = reply
    letter.reply_summary = "Cơ quan đã xem xét, trả lời công dân bằng văn bản."
    informed = letter.reply_received_date + DAY * rng.randint(1, 5)
    if rng.random() < 0.7 and informed <= ctx.today:
        letter.citizen_informed_date = informed
    return letter


def _number(records, register, date_field):
    """Register numbers in date order per council and year, and the counters that continue them."""
    records.sort(key=lambda r: (r.council_id, getattr(r, date_field)))
    last = {}
    for r in records:
        year = getattr(r, date_field).year
        key = (r.council_id, year)
        last[key] = last.get(key, 0) + 1
        r.register_year, r.register_number = year, last[key]
    RegisterCounter.objects.bulk_create([
        RegisterCounter(council_id=council_id, register=register, year=year, last_number=n)
        for (council_id, year), n in last.items()
    ], ignore_conflicts=True)


def _matter(rng, kind):
    return rng.choice(MATTERS[kind]).format(street=rng.choice(STREETS), n=rng.randint(1, 9))


def _address(rng, council):
    return f"Số {rng.randint(1, 199)} đường {rng.choice(STREETS)}, khu {rng.randint(1, 9)}, {council.admin_unit.name}"


def _cccd(rng):
    return "022" + "".join(str(rng.randint(0, 9)) for _i in range(9))
