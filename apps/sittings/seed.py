"""Demo sittings, agenda items, resolutions, standing meetings, questions and commitments.

The half-years of the context's era (apps/core/seed.py): 2022-H1, 2022-H2 and a little of 2023-H1
for the city and its wards; 2025-H2 to today for the province and the Móng Cái successors, so the
dashboard of today's councils has something to show. Every date lies inside its council's life.
``ctx.scale`` multiplies the volume; ``ctx.rng`` makes it repeatable.
"""
import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from apps.core.deadlines import WorkCalendar, compute_due
from apps.core.models import DeadlineRule

from .choices import (
    AgendaKind, CommitmentStatus, QuestionMode, ResolutionKind, ResolutionStatus, SittingType, StandingMeetingKind,
)
from .models import AgendaItem, Commitment, Question, Resolution, Sitting, StandingMeeting


AGENDA = [
    (AgendaKind.REPORT, "Báo cáo tình hình thực hiện nhiệm vụ phát triển kinh tế – xã hội {half} năm {year}", "UBND"),
    (AgendaKind.REPORT, "Báo cáo kết quả hoạt động của Thường trực HĐND {half} năm {year}", "Thường trực HĐND"),
    (AgendaKind.SUBMISSION, "Tờ trình về điều chỉnh kế hoạch đầu tư công năm {year}", "UBND"),
    (AgendaKind.DRAFT_RESOLUTION, "Dự thảo nghị quyết về dự toán thu, chi ngân sách năm {next_year}", "UBND"),
    (AgendaKind.EXAMINATION, "Báo cáo thẩm tra của Ban Kinh tế – Xã hội", "Ban Kinh tế – Xã hội"),
    (AgendaKind.REPORT, "Báo cáo tổng hợp ý kiến, kiến nghị của cử tri trước kỳ họp", "Ủy ban MTTQ"),
    (AgendaKind.QUESTIONING, "Chất vấn và trả lời chất vấn", "Thường trực HĐND"),
    (AgendaKind.PROJECT, "Đề án chỉnh trang đô thị và vỉa hè các tuyến phố chính", "UBND"),
]

RESOLUTIONS = [
    (ResolutionKind.INDIVIDUAL, "Về nhiệm vụ phát triển kinh tế – xã hội, quốc phòng – an ninh {half} năm {year}", "kinh_te"),
    (ResolutionKind.INDIVIDUAL, "Về điều chỉnh, bổ sung kế hoạch đầu tư công năm {year}", "kinh_te"),
    (ResolutionKind.INDIVIDUAL, "Về phê chuẩn quyết toán ngân sách năm {prev_year}", "kinh_te"),
    (ResolutionKind.NORMATIVE, "Quy định mức hỗ trợ hộ nghèo, hộ cận nghèo trên địa bàn", "chinh_sach_xa_hoi"),
    (ResolutionKind.INDIVIDUAL, "Về chủ trương đầu tư dự án cải tạo hệ thống thoát nước khu dân cư", "xay_dung"),
    (ResolutionKind.SUPERVISION, "Về kết quả giám sát chuyên đề công tác quản lý đất đai", "dat_dai"),
    (ResolutionKind.QUESTIONING, "Về hoạt động chất vấn và trả lời chất vấn tại kỳ họp", "khac"),
    (ResolutionKind.INDIVIDUAL, "Về kế hoạch tổ chức các kỳ họp thường lệ năm {next_year}", "noi_vu"),
    (ResolutionKind.NORMATIVE, "Quy định phân cấp quản lý vệ sinh môi trường khu dân cư", "moi_truong"),
]

QUESTIONS = [
    ("Trưởng phòng Tài nguyên và Môi trường", "Tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ tại khu tái định cư",
     "dat_dai", "Hoàn thành cấp giấy chứng nhận cho các hộ đủ điều kiện"),
    ("Trưởng phòng Quản lý đô thị", "Tình trạng lấn chiếm vỉa hè, lòng đường tại các tuyến phố trung tâm",
     "xay_dung", "Ra quân lập lại trật tự vỉa hè trên các tuyến phố chính"),
    ("Chủ tịch UBND", "Việc chậm bồi thường, giải phóng mặt bằng dự án đường ven sông Ka Long",
     "dat_dai", "Hoàn thành chi trả bồi thường cho các hộ còn lại"),
    ("Trưởng phòng Lao động – Thương binh và Xã hội", "Việc chi trả trợ cấp cho người có công còn chậm",
     "chinh_sach_xa_hoi", "Rà soát, chi trả đủ trợ cấp còn tồn đọng"),
    ("Giám đốc Điện lực Móng Cái", "Tình trạng mất điện kéo dài vào mùa hè tại khu dân cư ven biển",
     "dien_nuoc", "Lắp thêm trạm biến áp và lịch cắt điện công khai"),
    ("Trưởng phòng Giáo dục và Đào tạo", "Thiếu phòng học và giáo viên tiểu học tại các phường đông dân",
     "giao_duc", "Bố trí thêm phòng học trước năm học mới"),
]

MEETING_TOPICS = [
    "Cho ý kiến về công tác chuẩn bị kỳ họp",
    "Xem xét kết quả giải quyết kiến nghị cử tri",
    "Nghe báo cáo tình hình tiếp công dân, xử lý đơn thư",
    "Thống nhất kế hoạch giám sát chuyên đề",
    "Đánh giá kết quả thực hiện nghị quyết của HĐND",
]

VENUES = ["Hội trường HĐND – UBND", "Hội trường Trung tâm Chính trị", "Nhà văn hóa khu phố 3", "Hội trường phường"]
HALF_LABEL = {1: "6 tháng đầu", 2: "6 tháng cuối"}


def half_bounds(year, half):
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def spread(rng, start, end, n):
    """n sorted dates in [start, end], distinct where possible."""
    span = (end - start).days
    return sorted(start + datetime.timedelta(days=rng.randrange(span + 1)) for _ in range(n))


def council_label(council):
    return {"tinh": "UBND tỉnh", "huyen": "UBND thành phố"}.get(council.level, "UBND phường")


def seed(ctx):
    rules = list(DeadlineRule.objects.all())
    calendar = WorkCalendar.load(datetime.date(2021, 1, 1), datetime.date(2027, 12, 31))
    today = timezone.localdate()
    for council in ctx.councils:
        if Sitting.objects.filter(council=council).exists():
            continue
        if ctx.term(council) is None:
            continue
        seed_council(ctx, council, rules, calendar, today)


def seed_council(ctx, council, rules, calendar, today):
    rng, scale = ctx.rng, ctx.scale
    is_city = council == ctx.city
    delegates = ctx.delegates(council)
    bodies = ctx.bodies(council)
    fields = {f.code: f for f in ctx.fields}
    total = len(delegates) or (30 if is_city else 12)

    sittings, meetings = [], []
    numbers = {}
    for year, half, weight in ctx.halves:
        start, end = ctx.life_bounds(council, *half_bounds(year, half))
        if start > end:
            continue
        n_sittings = max(1, round((2 if is_city else 1.5) * weight * scale))
        days = spread(rng, start, end, n_sittings)
        for i, day in enumerate(days):
            term = ctx.term(council, day)
            numbers[term.pk] = number = numbers.get(term.pk, 0) + 1  # kỳ họp thứ N of that term
            # The half-year's regular sitting comes last; earlier ones are thematic or urgent.
            if i == len(days) - 1:
                kind = SittingType.REGULAR
            else:
                kind = rng.choice([SittingType.THEMATIC, SittingType.THEMATIC, SittingType.URGENT, SittingType.REGULAR])
            length = 1 if kind != SittingType.REGULAR else rng.choice([1, 2, 3])
            present = total - rng.randrange(0, 4)
            sittings.append(Sitting(
                council=council, term=term, number=number, sitting_type=kind, start_date=day,
                end_date=day + datetime.timedelta(days=length - 1), venue=rng.choice(VENUES),
                delegates_present=present, delegates_total=total,
            ))
        n_meetings = max(1, round(3 * weight * scale))
        for i, day in enumerate(sorted(set(spread(rng, start, end, n_meetings)))):
            kind = StandingMeetingKind.BRIEFING if is_city and i % 3 == 1 else StandingMeetingKind.REGULAR
            topic = rng.choice(MEETING_TOPICS)
            if kind == StandingMeetingKind.BRIEFING:
                topic = (f"Giao ban Thường trực {council.name} với Thường trực HĐND các phường, xã "
                         f"{HALF_LABEL[half]} năm {year}")
            meetings.append(StandingMeeting(council=council, kind=kind, date=day, content=topic,
                                            chaired_by="Chủ tịch HĐND", conclusion="Thống nhất các nội dung đã thảo luận."))
    sittings = bulk_create_with_history(sittings, Sitting)
    meetings = bulk_create_with_history(meetings, StandingMeeting)
    if is_city:
        # Only the wards in office on the day of the briefing take part.
        through = StandingMeeting.participating_councils.through
        through.objects.bulk_create([
            through(standingmeeting_id=m.pk, council_id=w.pk) for m in meetings if m.kind == "giao_ban"
            for w in ctx.wards if w.admin_unit.is_valid_on(m.date)
        ])

    items, resolutions, questions = [], [], []
    res_seq = {}
    for sitting in sittings:
        year, half = sitting.start_date.year, 1 if sitting.start_date.month <= 6 else 2
        fmt = {"year": year, "next_year": year + 1, "prev_year": year - 1, "half": HALF_LABEL[half]}
        for order, (kind, title, by) in enumerate(rng.sample(AGENDA, k=rng.randint(4, 6)), start=1):
            if by == "UBND":
                by = council_label(council)
            items.append(AgendaItem(council=council, sitting=sitting, order=order, kind=kind,
                                    title=title.format(**fmt), submitted_by=by,
                                    examining_body=bodies.get("ban_kt_xh") if kind != AgendaKind.REPORT else None))
        n_res = rng.randint(2, 4) if sitting.sitting_type != SittingType.REGULAR else rng.randint(4, 8)
        for kind, summary, field_code in rng.sample(RESOLUTIONS, k=min(n_res, len(RESOLUTIONS))):
            res_seq[year] = res_seq.get(year, 0) + 1
            seq = res_seq[year]
            number = f"{seq:02d}/{year}/NQ-HĐND" if kind == ResolutionKind.NORMATIVE else f"{seq:02d}/NQ-HĐND"
            votes_for = sitting.delegates_present - rng.randrange(0, 2)
            resolutions.append(Resolution(
                council=council, sitting=sitting, number=number, year=year, kind=kind,
                adopted_date=sitting.end_date, summary=summary.format(**fmt), field=fields.get(field_code),
                votes_for=votes_for, votes_against=0, votes_abstain=sitting.delegates_present - votes_for,
                status=ResolutionStatus.IN_FORCE,
                effective_date=sitting.end_date + datetime.timedelta(days=10 if kind == ResolutionKind.NORMATIVE else 0),
            ))
        if sitting.sitting_type == SittingType.REGULAR and delegates:
            for position, content, field_code, _c in rng.sample(QUESTIONS, k=rng.randint(2, 4)):
                questions.append(make_question(ctx, council, delegates, position, content, fields.get(field_code),
                                               sitting.start_date, rules, calendar, today, sitting=sitting))
    for meeting in meetings[:: max(1, 3)]:
        if delegates:
            position, content, field_code, _c = rng.choice(QUESTIONS)
            questions.append(make_question(ctx, council, delegates, position, content, fields.get(field_code),
                                           meeting.date, rules, calendar, today, standing_meeting=meeting))
    bulk_create_with_history(items, AgendaItem)
    resolutions = bulk_create_with_history(resolutions, Resolution)
    # A later normative resolution replaces an earlier one on the same subject.
    normative = [r for r in resolutions if r.kind == ResolutionKind.NORMATIVE]
    if len(normative) >= 2:
        old, new = normative[0], normative[-1]
        new.replaces.add(old)
        Resolution.objects.filter(pk=old.pk).update(status=ResolutionStatus.REPLACED)
    questions = bulk_create_with_history(questions, Question)

    commitments = []
    by_content = {q[1]: q[3] for q in QUESTIONS}
    for q in questions:
        if rng.random() < 0.6:
            due = q.asked_date + datetime.timedelta(days=rng.choice([60, 90, 120, 180]))
            done = due < today and rng.random() < 0.6
            commitments.append(Commitment(
                council=council, question=q, content=by_content.get(q.content, "Khắc phục dứt điểm"), due_date=due,
                status=CommitmentStatus.DONE if done else CommitmentStatus.IN_PROGRESS,
                done_date=due - datetime.timedelta(days=rng.randrange(0, 20)) if done else None,
            ))
    bulk_create_with_history(commitments, Commitment)


def make_question(ctx, council, delegates, position, content, field, day, rules, calendar, today,
                  sitting=None, standing_meeting=None):
    rng = ctx.rng
    due = compute_due("question_answer", day, rules=rules, calendar=calendar).date
    answered = None
    if due < today and rng.random() < 0.8:
        answered = min(today, day + datetime.timedelta(days=rng.randrange(5, 30)))  # some answered late
    written = rng.random() < 0.2
    return Question(
        council=council, delegate=rng.choice(delegates), respondent_name=ctx.person_name(),
        respondent_position=position, sitting=sitting, standing_meeting=standing_meeting,
        mode=QuestionMode.WRITTEN if written else QuestionMode.IN_PERSON, asked_date=day, content=content,
        field=field, answer_due=due, answered_date=answered,
        answer="Đã có văn bản trả lời, nêu rõ lộ trình khắc phục." if answered else "",
    )
