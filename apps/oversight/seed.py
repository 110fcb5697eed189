"""Demo supervision activities, explanation sessions, recommendations and follow-ups.

Runs after apps.sittings.seed, so follow-ups can point at the questions and resolutions of
the next sitting. Periods: 2022-H1, 2022-H2, a little of 2023-H1 and of the current half
(recommendations due within days, for the dashboard). Many 2022 recommendations stay
unfinished, so they show as overdue.
"""
import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from apps.core.deadlines import WorkCalendar, compute_due
from apps.core.models import DeadlineRule
from apps.sittings.models import Question, Resolution
from apps.sittings.seed import half_bounds, spread

from . import services
from .choices import ActivityStatus, ActivityType, FollowUpAction, RecommendationStatus
from .models import ExplanationSession, FollowUp, Recommendation, SupervisionActivity

TOPICS = [
    (ActivityType.THEMATIC, "Giám sát chuyên đề công tác quản lý, sử dụng đất đai", "ban_kt_xh"),
    (ActivityType.THEMATIC, "Giám sát chuyên đề việc thực hiện chính sách bảo trợ xã hội", "ban_phap_che"),
    (ActivityType.FOCUS, "Giám sát việc giải quyết kiến nghị cử tri sau kỳ họp", "thuong_truc"),
    (ActivityType.FOCUS, "Giám sát thu, chi ngân sách và quản lý tài sản công", "ban_kt_xh"),
    (ActivityType.SURVEY, "Khảo sát công tác vệ sinh môi trường, thu gom rác thải khu dân cư", "ban_kt_xh"),
    (ActivityType.URGENT_SURVEY, "Khảo sát đột xuất tình hình sạt lở bờ kè sau mưa lớn", "thuong_truc"),
    (ActivityType.COMPLAINTS, "Giám sát việc giải quyết khiếu nại, tố cáo của công dân", "ban_phap_che"),
    (ActivityType.PETITIONS, "Giám sát kết quả giải quyết kiến nghị cử tri về trật tự đô thị", "thuong_truc"),
    (ActivityType.RE_SUPERVISION, "Tái giám sát việc thực hiện kiến nghị về cấp giấy chứng nhận", "thuong_truc"),
    (ActivityType.HIGHER_LEVEL, "Tham gia Đoàn giám sát của HĐND tỉnh về đầu tư công", "thuong_truc"),
]

RECOMMENDATIONS = [
    "Đẩy nhanh tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ đủ điều kiện",
    "Rà soát, xử lý dứt điểm các trường hợp lấn chiếm đất công",
    "Bố trí kinh phí sửa chữa hệ thống thoát nước khu dân cư",
    "Chi trả đầy đủ, kịp thời trợ cấp xã hội cho các đối tượng",
    "Tăng cường kiểm tra, xử lý vi phạm trật tự xây dựng",
    "Công khai kết quả giải quyết kiến nghị cử tri tại khu dân cư",
    "Hoàn thiện hồ sơ, thủ tục đầu tư dự án cải tạo chợ trung tâm",
    "Xây dựng phương án thu gom, xử lý rác thải tại các khu dân cư mới",
]

EXPLANATIONS = [
    ("Việc chậm bồi thường, giải phóng mặt bằng các dự án trọng điểm", "Chủ tịch UBND\nTrưởng Ban bồi thường, GPMB"),
    ("Tình trạng ô nhiễm môi trường tại kênh thoát nước khu dân cư", "Phó Chủ tịch UBND\nTrưởng phòng Tài nguyên và Môi trường"),
    ("Việc chậm cấp giấy chứng nhận quyền sử dụng đất", "Trưởng phòng Tài nguyên và Môi trường"),
]


def seed(ctx):
    rules = list(DeadlineRule.objects.all())
    calendar = WorkCalendar.load(datetime.date(2021, 1, 1), datetime.date(2027, 12, 31))
    today = timezone.localdate()
    for council in ctx.councils:
        if SupervisionActivity.objects.filter(council=council).exists():
            continue
        seed_council(ctx, council, rules, calendar, today)


def due(code, day, rules, calendar):
    return compute_due(code, day, rules=rules, calendar=calendar).date


def seed_council(ctx, council, rules, calendar, today):
    rng, scale = ctx.rng, ctx.scale
    is_city = council == ctx.city
    bodies = ctx.bodies(council)
    default_body = bodies.get("thuong_truc") or next(iter(bodies.values()))
    agencies = list(ctx.agencies) if is_city else [ctx.ward_agency(council)] + list(ctx.agencies)[:4]
    activities, sessions = [], []
    for year, half, weight in ctx.halves:
        start, end = ctx.life_bounds(council, *half_bounds(year, half))
        if start > end:
            continue
        n = max(2, round((4 if is_city else 2.5) * weight * scale))
        for i, day in enumerate(spread(rng, start, end, n)):
            kind, title, body_kind = TOPICS[(i + half + year) % len(TOPICS)]
            # A topic comes back only at higher scales: number its rounds so (title, start) stays unique.
            rounds = f", đợt {i // len(TOPICS) + 1}" if n > len(TOPICS) else ""
            title = f"{title} ({'6 tháng đầu' if half == 1 else '6 tháng cuối'} năm {year}{rounds})"
            length = rng.randint(3, 20)
            report = day + datetime.timedelta(days=length + rng.randint(5, 15))
            activities.append(SupervisionActivity(
                council=council, title=title, conducting_body=bodies.get(body_kind, default_body), activity_type=kind,
                decision_number=f"{rng.randint(10, 150)}/QĐ-HĐND" if kind != ActivityType.URGENT_SURVEY else "",
                decision_date=day - datetime.timedelta(days=rng.randint(7, 20)) if kind != ActivityType.URGENT_SURVEY else None,
                supervised_text="Các tổ dân phố, khu dân cư liên quan" if rng.random() < 0.3 else "",
                fieldwork_start=day, fieldwork_end=day + datetime.timedelta(days=length),
                report_date=report, status=ActivityStatus.CONCLUDED,
                conclusion="Cơ bản hoàn thành nhiệm vụ; còn một số tồn tại, hạn chế cần khắc phục.",
            ))
        if (end - start).days > 45 and (is_city or half == 2 or rng.random() < 0.5):
            topic, persons = rng.choice(EXPLANATIONS)
            held = spread(rng, start + datetime.timedelta(days=30), end, 1)[0]
            latest = due("explanation_notice", held, rules, calendar)
            sessions.append(ExplanationSession(
                council=council, conducting_body=default_body, topic=f"{topic} (năm {year})", persons_required=persons,
                held_date=held, notice_date=latest - datetime.timedelta(days=rng.randint(0, 7)),
                latest_notice_date=latest,
                conclusion="Đề nghị UBND có giải pháp cụ thể, báo cáo kết quả trước kỳ họp tới.",
            ))
    # Today's councils: one activity of the current half-year whose recommendations fall due within days.
    recent_start = today - datetime.timedelta(days=40)
    activities.extend([SupervisionActivity(
        council=council, title=f"Khảo sát công tác phòng chống thiên tai năm {today.year}",
        conducting_body=default_body, activity_type=ActivityType.SURVEY, fieldwork_start=recent_start,
        fieldwork_end=recent_start + datetime.timedelta(days=3), report_date=recent_start + datetime.timedelta(days=10),
        status=ActivityStatus.CONCLUDED, conclusion="Cần chủ động phương án ứng phó mùa mưa bão.",
    )] if ctx.era.current else [])
    activities = bulk_create_with_history(activities, SupervisionActivity)
    sessions = bulk_create_with_history(sessions, ExplanationSession)
    for act in activities:
        if act.activity_type != ActivityType.URGENT_SURVEY and act.pk % 2:
            act.supervised_agencies.add(*rng.sample(agencies, k=min(2, len(agencies))))

    recs = []
    sources = [(a, a.report_date) for a in activities if a.activity_type != ActivityType.HIGHER_LEVEL]
    sources += [(s, s.held_date) for s in sessions]
    for source, issued in sources:
        for _i in range(rng.randint(1, 3)):
            if issued > today - datetime.timedelta(days=60):
                due_date, from_rule = today + datetime.timedelta(days=rng.randint(1, 7)), False
            elif rng.random() < 0.5:
                due_date, from_rule = due("recommendation_followup", issued, rules, calendar), True
            else:
                due_date, from_rule = issued + datetime.timedelta(days=rng.choice([60, 90, 180])), False
            status, done = pick_status(rng, issued, due_date, today)
            recs.append(Recommendation(
                council=council,
                activity=source if isinstance(source, SupervisionActivity) else None,
                explanation_session=source if isinstance(source, ExplanationSession) else None,
                addressee=rng.choice(agencies), content=rng.choice(RECOMMENDATIONS), issued_date=issued,
                due_date=due_date, due_from_rule=from_rule, status=status,
                done_date=done, result="Đã thực hiện xong, có báo cáo kết quả." if done else "",
            ))
    services.number(recs)  # KN codes from the register counter, as a clerk's save would take them
    recs = bulk_create_with_history(recs, Recommendation)

    # Follow-ups: reminders for the unfinished ones; some went to an explanation session,
    # a question at the next sitting, a resolution, or a re-supervision.
    questions = list(Question.objects.filter(council=council).order_by("asked_date"))
    resolutions = list(Resolution.objects.filter(council=council).order_by("adopted_date"))
    re_supervisions = [a for a in activities if a.activity_type == ActivityType.RE_SUPERVISION]
    follow_ups = []
    for rec in recs:
        if rec.status == RecommendationStatus.DONE or rec.due_date >= today:
            continue
        first = rec.due_date + datetime.timedelta(days=7)
        if first > today:
            continue
        follow_ups.append(FollowUp(council=council, recommendation=rec, action=FollowUpAction.REMINDER_1, date=first,
                                   note="Văn bản đôn đốc lần 1 của Thường trực HĐND."))
        roll = rng.random()
        later = lambda items, attr: next((x for x in items if getattr(x, attr) > first), None)  # noqa: E731
        if roll < 0.25 and (session := later(sessions, "held_date")):
            follow_ups.append(FollowUp(council=council, recommendation=rec, action=FollowUpAction.EXPLANATION,
                                       date=session.held_date, explanation_session=session))
        elif roll < 0.5 and (question := later(questions, "asked_date")):
            follow_ups.append(FollowUp(council=council, recommendation=rec, action=FollowUpAction.QUESTION,
                                       date=question.asked_date, question=question))
        elif roll < 0.6 and (resolution := later(resolutions, "adopted_date")):
            follow_ups.append(FollowUp(council=council, recommendation=rec, action=FollowUpAction.RESOLUTION,
                                       date=resolution.adopted_date, resolution=resolution))
        elif roll < 0.7 and (activity := later(re_supervisions, "fieldwork_start")):
            follow_ups.append(FollowUp(council=council, recommendation=rec, action=FollowUpAction.RE_SUPERVISION,
                                       date=activity.fieldwork_start, activity=activity))
        else:
            follow_ups.append(FollowUp(council=council, recommendation=rec, action=FollowUpAction.REMINDER_2,
                                       date=first + datetime.timedelta(days=30), note="Đôn đốc lần 2."))
    # Every council gets at least one follow-up row (the admin test matrix relies on it).
    if not follow_ups and recs:
        rec = recs[0]
        follow_ups.append(FollowUp(council=council, recommendation=rec, action=FollowUpAction.REMINDER_1,
                                   date=rec.issued_date + datetime.timedelta(days=10), note="Đôn đốc lần 1."))
    bulk_create_with_history(follow_ups, FollowUp)


def pick_status(rng, issued, due_date, today):
    """(status, done date): 2022 recommendations are mostly settled, a good share still overdue."""
    if due_date >= today:
        return rng.choice([RecommendationStatus.NOT_DUE, RecommendationStatus.IN_PROGRESS]), None
    roll = rng.random()
    if roll < 0.45:
        return RecommendationStatus.DONE, max(issued, due_date - datetime.timedelta(days=rng.randint(0, 20)))
    if roll < 0.6:
        return RecommendationStatus.PARTLY_DONE, None
    if roll < 0.9:
        return RecommendationStatus.OVERDUE, None
    return RecommendationStatus.NOT_DONE, None
