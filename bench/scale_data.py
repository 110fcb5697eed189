"""Data generator of bench_scale.py: N rows in each big register in a few INSERT … SELECT statements.

Every row belongs to one of the bench councils (table ``bench_councils``: HĐND tỉnh Quảng Ninh, its
current communes and 200 councils of other provinces), has foreign keys to rows of its own council
(a petition's voter meeting, a visit's reception session, a recommendation's supervision activity, a
follow-up's recommendation), dates inside the councils' life (from 01/07/2025 to today), Vietnamese
text with diacritics, register numbers that continue each council's counter (and the counters moved
past them), and ``search_text``/``search_sealed`` folded exactly as ``apps.core.text.search_columns``
folds them: the words come from fixed lists folded here in Python, so the SQL only joins folded words
(``verify_fold`` checks a sample of rows against the Python rule).
"""
import datetime

from django.db import connection, models

from apps.core.text import SEALED_SEARCH_COLUMN, SEARCH_COLUMN, search_columns, search_tokens

START = datetime.date(2025, 7, 1)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hồng", "Ngọc", "Xuân", "Thanh", "Hữu", "Mạnh"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hòa", "Hùng", "Lan", "Linh", "Long", "Mai", "Nam", "Phương",
         "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến", "Khánh", "Hiền", "Thắng", "Nhung"]
STREETS = ["Trần Phú", "Hùng Vương", "Lê Lợi", "Nguyễn Du", "Hạ Long", "Quang Trung", "Đại lộ Hòa Bình",
           "Vân Đồn", "Bạch Đằng", "Lý Thường Kiệt", "Tuệ Tĩnh", "Hải Đăng", "Kim Đồng"]
# "Hải Hòa" is one place in twenty-nine: a search for it finds a few percent of a register.
PLACES = ["khu phố Hải Hòa", "thôn Trà Cổ", "khu 5 Bình Ngọc", "xã Quảng Nghĩa", "thôn Vĩnh Thực", "khu Ka Long",
          "phường Hồng Gai", "xã Cô Tô", "thôn Đầm Hà", "khu Bãi Cháy", "xã Hoành Bồ", "phường Cẩm Phả",
          "thôn Tiên Yên", "xã Ba Chẽ", "khu Uông Bí", "phường Đông Triều", "xã Vân Đồn", "thôn Hải Lạng",
          "khu Mạo Khê", "phường Quang Hanh", "xã Đồng Rui", "thôn Bình Liêu", "khu Hà Tu", "xã Quảng Đức",
          "phường Yên Thanh", "thôn Hải Tiến", "khu Cửa Ông", "xã Thống Nhất", "phường Giếng Đáy"]
CONTENTS = [
    "Đề nghị nâng cấp tuyến đường liên xã đã xuống cấp",
    "Kiến nghị giải quyết dứt điểm việc bồi thường giải phóng mặt bằng",
    "Phản ánh ô nhiễm môi trường do nước thải của cơ sở chế biến hải sản",
    "Đề nghị cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân",
    "Kiến nghị sửa chữa trường mầm non và nhà văn hóa khu dân cư",
    "Phản ánh tình trạng lấn chiếm hành lang an toàn giao thông",
    "Đề nghị hỗ trợ ngư dân bị thiệt hại do bão",
    "Khiếu nại quyết định thu hồi đất và phương án tái định cư",
    "Tố cáo cán bộ địa chính có dấu hiệu sai phạm trong cấp đất",
    "Đề nghị lắp đặt hệ thống chiếu sáng công cộng",
    "Kiến nghị về chế độ chính sách đối với người có công",
    "Phản ánh việc thu phí vệ sinh môi trường không đúng quy định",
    "Đề nghị nạo vét kênh mương phục vụ sản xuất nông nghiệp",
]
ANSWERS = ["UBND đã chỉ đạo khắc phục trong quý", "Đã đưa vào kế hoạch đầu tư công trung hạn",
           "Đã giải quyết dứt điểm, thông báo cho cử tri"]
TOPICS = ["quản lý đất đai", "giải quyết kiến nghị cử tri", "xây dựng nông thôn mới", "bảo vệ môi trường",
          "an toàn thực phẩm", "đầu tư công"]
AGENCIES_TEXT = ["Chủ tịch HĐND; Phó Chủ tịch HĐND", "Phó Chủ tịch HĐND; đại biểu HĐND", "Thường trực HĐND"]


def quote(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def text_array(values):
    return "ARRAY[" + ", ".join(quote(v) for v in values) + "]::text[]"


def bench_councils(cursor, others=200):
    """Table ``bench_councils`` (ord, id): HĐND tỉnh Quảng Ninh, its current communes, and ``others`` current
    councils elsewhere; every generated row goes to one of them, round robin. Returns the two counts."""
    from django.utils import timezone

    from apps.core.models import Council

    current = Council.objects.valid_on(timezone.localdate())
    province = current.get(admin_unit__code="22")
    ours = [province.pk] + list(current.filter(parent=province).order_by("admin_unit__code").values_list("pk", flat=True))
    rest = list(current.exclude(pk__in=ours).order_by("admin_unit__code").values_list("pk", flat=True)[:others])
    cursor.execute("DROP TABLE IF EXISTS bench_councils")
    cursor.execute("CREATE UNLOGGED TABLE bench_councils (ord int PRIMARY KEY, id bigint)")
    cursor.execute("INSERT INTO bench_councils SELECT ord - 1, id FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(id, ord)",
                   [ours + rest])
    return len(ours), len(rest)


def _num4(expr):
    """f"{n:04d}" in SQL (no cut past 9999)."""
    return f"(CASE WHEN ({expr}) < 10000 THEN lpad(({expr})::text, 4, '0') ELSE ({expr})::text END)"


class Words:
    """Word lists passed as SQL array parameters, each with its folded copy (``search_tokens``)."""

    def __init__(self):
        self.params = {}

    def pick(self, name, values, index):
        """(value expression, folded expression) of ``values[index % len]``."""
        n = len(values)
        return (f"({text_array(values)})[1 + (({index}) % {n})]",
                f"({text_array([search_tokens(v) for v in values])})[1 + (({index}) % {n})]")


def join_text(*parts, sep=" "):
    """Concatenate (value, folded) parts: literal strings or (value, folded) expression pairs."""
    values, folded = [], []
    for part in parts:
        if isinstance(part, str):
            values.append("'" + part.replace("'", "''") + "'")
            folded.append("'" + search_tokens(part) + "'")
        else:
            values.append(part[0])
            folded.append(part[1])
    sep_sql = "'" + sep + "'"
    return f" || {sep_sql} || ".join(values), " || ' ' || ".join(folded)


def person(words, index):
    return join_text(words.pick("surnames", SURNAMES, index), words.pick("middle", MIDDLE, f"({index}) / 7"),
                     words.pick("given", GIVEN, f"({index}) / 3"))


def address(words, index):
    number = (f"(1 + ({index}) % 200)::text", f"(1 + ({index}) % 200)::text")
    street = join_text("Số", number, "đường", words.pick("streets", STREETS, f"({index}) / 11"))
    return join_text(street, words.pick("places", PLACES, f"({index}) / 5"), sep=", ")


def content(words, index):
    return join_text(words.pick("contents", CONTENTS, index), "tại", words.pick("places", PLACES, f"({index}) / 13"))


def search_expression(model, text, sealed_fields=(), sealed_cond=None, extra=()):
    """SQL of ``search_text`` and ``search_sealed`` from ``text`` ({column: folded SQL}), in the order of the
    model's fields, as ``search_columns`` builds them."""
    pieces, sealed = [], []
    for field in model._meta.concrete_fields:
        if field.name in (SEARCH_COLUMN, SEALED_SEARCH_COLUMN) or field.choices:
            continue
        if not isinstance(field, (models.CharField, models.TextField)) or field.column not in text:
            continue
        piece = f"NULLIF({text[field.column]}, '')"
        if field.name in sealed_fields:
            pieces.append(f"CASE WHEN {sealed_cond} THEN NULL ELSE {piece} END")
            sealed.append(f"CASE WHEN {sealed_cond} THEN {piece} END")
        else:
            pieces.append(piece)
    pieces.extend(extra)

    def wrap(items):
        if not items:
            return "''"
        return f"COALESCE(' ' || NULLIF(concat_ws(' ', {', '.join(items)}), '') || ' ', '')"

    return wrap(pieces), wrap(sealed)


def insert(model, source, values, text, params, sealed_fields=(), sealed_cond=None, extra=()):
    """INSERT INTO model's table SELECT ``values`` FROM ``source``: every NOT NULL column without a value
    gets the field's default; text columns come from ``text`` ({column: (value SQL, folded SQL)})."""
    columns = dict(values)
    for column, (value, _folded) in text.items():
        columns[column] = value
    search, search_sealed = search_expression(model, {c: f for c, (_v, f) in text.items()}, sealed_fields,
                                              sealed_cond, extra)
    names = {f.column for f in model._meta.concrete_fields}
    columns[SEARCH_COLUMN] = search
    if SEALED_SEARCH_COLUMN in names:
        columns[SEALED_SEARCH_COLUMN] = search_sealed
    for field in model._meta.concrete_fields:
        if field.column in columns or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            columns[field.column] = "now()"
        elif field.null:
            continue
        elif field.has_default() and not callable(field.default):
            columns[field.column] = quote(field.default)
        elif isinstance(field, (models.CharField, models.TextField)) and field.blank:
            columns[field.column] = "''"
        elif False:
            columns[field.column] = quote(field.default)
        else:
            raise ValueError(f"{model.__name__}.{field.name}: no value")
    unknown = set(columns) - names
    if unknown:
        raise ValueError(f"{model.__name__}: unknown columns {unknown}")
    table = model._meta.db_table
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns.values())} FROM {source}")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def _series(n, today, salt):
    """Rows g = 1..n, each with a bench council c (round robin) and a date d from START to today."""
    span = (today - START).days + 1
    return (f"(SELECT g, bc.id AS c, (DATE '{START}' + ((g * {salt}) % {span})::int)::date AS d "
            f"FROM generate_series(1::bigint, {n}) g JOIN bench_councils bc ON bc.ord = g % (SELECT count(*) FROM bench_councils))")


def _numbered(n, today, salt, register):
    """_series with the register number of each row: after the council's counter for that year."""
    return (f"(SELECT s.*, row_number() OVER (PARTITION BY s.c, extract(year FROM s.d) ORDER BY s.g) "
            f"+ COALESCE(rc.last_number, 0) AS num FROM {_series(n, today, salt)} s "
            f"LEFT JOIN core_registercounter rc ON rc.council_id = s.c AND rc.register = '{register}' "
            f"AND rc.year = extract(year FROM s.d))")


def _children(table, date_column, since_id):
    """Rows of ``table`` added by this run, numbered within their council (rn, per-council count cnt)."""
    return (f"(SELECT id, council_id, {date_column} AS day, row_number() OVER (PARTITION BY council_id ORDER BY id) AS rn, "
            f"count(*) OVER (PARTITION BY council_id) AS cnt FROM {table} WHERE id > {since_id})")


def _max_id(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(max(id), 0) FROM {table}")
        return cursor.fetchone()[0]


def _materialise(name, select):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
        cursor.execute(f"CREATE UNLOGGED TABLE {name} AS {select}")
        cursor.execute(f"CREATE INDEX ON {name} (council_id, rn)")
        cursor.execute(f"ANALYZE {name}")


def move_counters(table, register, year_sql, number_sql, since_id):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO core_registercounter (council_id, register, year, last_number) "
            f"SELECT council_id, '{register}', {year_sql}, max({number_sql}) FROM {table} WHERE id > {since_id} "
            f"GROUP BY council_id, {year_sql} "
            f"ON CONFLICT (council_id, register, year) DO UPDATE SET last_number = "
            f"GREATEST(core_registercounter.last_number, EXCLUDED.last_number)")


def generate(rows, today, log=print):
    """Add ``rows`` petitions, letters and visits and rows // 100 of the smaller registers."""
    from apps.oversight.models import FollowUp, Recommendation, SupervisionActivity
    from apps.petitions.models import Petition, VoterMeeting
    from apps.reception.models import Letter, ReceptionSession, Visit

    small = max(rows // 100, 1)
    ids = {}

    # -- voter meetings and petitions ------------------------------------------------------------
    w = Words()
    ids["meeting"] = _max_id("petitions_votermeeting")
    n = insert(VoterMeeting, _series(small, today, 31) + " b", {
        "council_id": "b.c", "date": "b.d", "timing": "(ARRAY['truoc_ky_hop','sau_ky_hop','chuyen_de'])[1 + b.g % 3]",
        "form": "(ARRAY['truc_tiep','truc_tuyen'])[1 + b.g % 2]", "voters_attending": "30 + b.g % 120",
    }, {"location": join_text("Nhà văn hóa", w.pick("places", PLACES, "b.g"))}, w.params)
    log(f"  voter meetings: {n}")
    _materialise("bench_meetings", _children("petitions_votermeeting", "date", ids["meeting"]))

    w = Words()
    ids["petition"] = _max_id("petitions_petition")
    src = (f"{_series(rows, today, 7919)} b0 "
           f"LEFT JOIN (SELECT council_id, max(cnt) AS cnt FROM bench_meetings GROUP BY council_id) mc ON mc.council_id = b0.c "
           f"LEFT JOIN bench_meetings m ON b0.g % 2 = 0 AND m.council_id = b0.c AND m.rn = 1 + (b0.g / 2) % mc.cnt")
    received = "COALESCE(m.day, b0.d)"
    # Number within (council, year of receipt), after the council's counter.
    src = (f"(SELECT b0.*, m.id AS meeting_id, {received} AS rd, row_number() OVER (PARTITION BY b0.c, "
           f"extract(year FROM {received}) ORDER BY b0.g) + COALESCE(rc.last_number, 0) AS num "
           f"FROM {src} LEFT JOIN core_registercounter rc ON rc.council_id = b0.c AND rc.register = 'petition' "
           f"AND rc.year = extract(year FROM {received})) b "
           f"CROSS JOIN LATERAL (SELECT CASE WHEN b.g % 10 < 8 THEN LEAST(b.rd + 5, DATE '{today}') END AS fwd) f "
           f"CROSS JOIN LATERAL (SELECT CASE WHEN b.g % 5 IN (2, 3) AND f.fwd + 20 <= DATE '{today}' THEN f.fwd + 20 END "
           f"AS answered) a")
    status = ("CASE WHEN f.fwd IS NULL THEN 'chua_giai_quyet' WHEN a.answered IS NOT NULL THEN "
              "(ARRAY['da_giai_quyet','da_giai_trinh'])[1 + b.g % 5 - 2] WHEN b.g % 5 = 1 THEN 'dang_giai_quyet' "
              "ELSE 'chua_giai_quyet' END")
    code = f"'KN-' || extract(year FROM b.rd)::int || '-' || {_num4('b.num')}"
    answer = w.pick("answers", ANSWERS, "b.g")
    n = insert(Petition, src, {
        "council_id": "b.c", "meeting_id": "b.meeting_id", "received_date": "b.rd",
        "competence_level": "(ARRAY['tinh','huyen','xa','trung_uong'])[1 + b.g % 4]",
        "forwarded_date": "f.fwd", "answer_due": "f.fwd + 30", "answered_date": "a.answered", "status": status,
        "field_id": pick_id("field", "b.g"),
        "agency_id": pick_id("agency", "(b.g / 3)"),
    }, {
        "code": (code, code.replace("'-'", "' '").replace("'KN-'", "'kn '")),
        "source": ("CASE WHEN b.meeting_id IS NULL THEN 'Mặt trận Tổ quốc tổng hợp' ELSE '' END",
                   f"CASE WHEN b.meeting_id IS NULL THEN '{search_tokens('Mặt trận Tổ quốc tổng hợp')}' ELSE '' END"),
        "content": content(w, "b.g"),
        "forwarding_document": ("CASE WHEN f.fwd IS NOT NULL THEN b.num || '/HĐND-VP' ELSE '' END",
                                "CASE WHEN f.fwd IS NOT NULL THEN b.num || ' hdnd vp' ELSE '' END"),
        "answer": (f"CASE WHEN b.g % 5 IN (2, 3) THEN {answer[0]} ELSE '' END",
                   f"CASE WHEN b.g % 5 IN (2, 3) THEN {answer[1]} ELSE '' END"),
    }, w.params)
    log(f"  petitions: {n}")
    move_counters("petitions_petition", "petition", "extract(year FROM received_date)::int",
                  "split_part(code, '-', 3)::int", ids["petition"])

    # -- reception sessions, visits, letters -----------------------------------------------------
    w = Words()
    ids["session"] = _max_id("reception_receptionsession")
    n = insert(ReceptionSession, _series(small, today, 37) + " b", {
        "council_id": "b.c", "date": "b.d", "kind": "(ARRAY['thuong_xuyen','dinh_ky','dot_xuat'])[1 + b.g % 3]",
    }, {"receivers_text": w.pick("receivers", AGENCIES_TEXT, "b.g"),
        "venue": join_text("Trụ sở tiếp công dân", w.pick("places", PLACES, "b.g"))}, w.params)
    log(f"  reception sessions: {n}")
    _materialise("bench_sessions", _children("reception_receptionsession", "date", ids["session"]))

    w = Words()
    ids["visit"] = _max_id("reception_visit")
    src = (f"{_series(rows, today, 7907)} b0 "
           f"LEFT JOIN (SELECT council_id, max(cnt) AS cnt FROM bench_sessions GROUP BY council_id) sc ON sc.council_id = b0.c "
           f"LEFT JOIN bench_sessions s ON b0.g % 3 = 0 AND s.council_id = b0.c AND s.rn = 1 + (b0.g / 3) % sc.cnt")
    day = "COALESCE(s.day, b0.d)"
    src = (f"(SELECT b0.*, s.id AS session_id, {day} AS vd, row_number() OVER (PARTITION BY b0.c, "
           f"extract(year FROM {day}) ORDER BY b0.g) + COALESCE(rc.last_number, 0) AS num "
           f"FROM {src} LEFT JOIN core_registercounter rc ON rc.council_id = b0.c AND rc.register = 'visit' "
           f"AND rc.year = extract(year FROM {day})) b")
    classification = "(ARRAY['khieu_nai','kien_nghi','phan_anh','to_cao','khieu_nai','phan_anh','kien_nghi'])[1 + b.g % 7]"
    n = insert(Visit, src, {
        "council_id": "b.c", "session_id": "b.session_id", "date": "b.vd", "register_year": "extract(year FROM b.vd)",
        "register_number": "b.num", "classification": classification, "people_count": "1 + b.g % 7",
        "handling": "(ARRAY['','thu_ly','tra_lai_huong_dan','chuyen_don'])[1 + b.g % 4]",
        "is_repeat": "b.g % 4 = 0", "answer_due": "b.vd + 10",
        "handled_by_id": pick_id("agency", "(b.g / 5)"),
    }, {
        "citizen_name": person(w, "b.g"), "citizen_address": address(w, "b.g / 2"),
        "citizen_id_number": ("'0' || lpad(((b.g * 7919) % 100000000000)::text, 11, '0')",
                              "'0' || lpad(((b.g * 7919) % 100000000000)::text, 11, '0')"),
        "content": content(w, "b.g * 3"),
    }, w.params, sealed_fields=Visit.IDENTITY_FIELDS,
        sealed_cond=f"{classification} = 'to_cao'",
        extra=[f"{_num4('b.num')} || ' ' || extract(year FROM b.vd)::int"])
    log(f"  visits: {n}")
    move_counters("reception_visit", "visit", "register_year", "register_number", ids["visit"])

    w = Words()
    ids["letter"] = _max_id("reception_letter")
    src = (f"{_numbered(rows, today, 7901, 'letter')} b "
           f"CROSS JOIN LATERAL (SELECT (ARRAY['','chuyen_don','huong_dan','luu_don'])[1 + b.g % 4] AS handling, "
           f"(ARRAY['khieu_nai','kien_nghi','phan_anh','to_cao','khieu_nai','phan_anh','kien_nghi','nhieu_noi_dung',"
           f"'khieu_nai','phan_anh'])[1 + b.g % 10] AS ctype) h "
           f"CROSS JOIN LATERAL (SELECT CASE WHEN h.handling = 'chuyen_don' THEN LEAST(b.d + 5, DATE '{today}') END AS fwd) f "
           f"CROSS JOIN LATERAL (SELECT CASE WHEN b.g % 8 = 1 AND f.fwd + 20 <= DATE '{today}' THEN f.fwd + 20 END AS reply) r")
    status = ("CASE h.handling WHEN '' THEN 'chua_xu_ly' WHEN 'chuyen_don' THEN "
              "(CASE WHEN r.reply IS NULL THEN 'da_chuyen' ELSE 'da_tra_loi' END) WHEN 'huong_dan' THEN 'da_huong_dan' "
              "ELSE 'luu_don' END")
    summary = w.pick("answers", ANSWERS, "b.g")
    n = insert(Letter, src, {
        "council_id": "b.c", "received_date": "b.d", "register_year": "extract(year FROM b.d)",
        "register_number": "b.num", "channel": "(ARRAY['truc_tiep','buu_chinh','dai_bieu_chuyen','co_quan_chuyen'])[1 + b.g % 4]",
        "content_type": "h.ctype", "handling": "h.handling", "status": status,
        "competence": "(ARRAY['thuoc','khong_thuoc'])[1 + b.g % 2]",
        "forwarded_date": "f.fwd", "reply_received_date": "r.reply",
        "forwarded_agency_id": "CASE WHEN f.fwd IS NOT NULL THEN " + pick_id("agency", "(b.g / 7)") + " END",
        "processing_due": "b.d + 10", "forward_due": "CASE WHEN h.ctype = 'to_cao' THEN b.d + 7 END",
        "chase_from": "f.fwd + 10", "reply_due": "f.fwd + 40",
        "field_id": pick_id("field", "(b.g / 3)"),
    }, {
        "sender_name": person(w, "b.g * 5"), "sender_address": address(w, "b.g / 3"),
        "sender_id_number": ("'0' || lpad(((b.g * 7907) % 100000000000)::text, 11, '0')",
                             "'0' || lpad(((b.g * 7907) % 100000000000)::text, 11, '0')"),
        "content": content(w, "b.g * 7"),
        "forwarding_document": ("CASE WHEN f.fwd IS NOT NULL THEN b.num || '/HĐND-VP' ELSE '' END",
                                "CASE WHEN f.fwd IS NOT NULL THEN b.num || ' hdnd vp' ELSE '' END"),
        "reply_summary": (f"CASE WHEN r.reply IS NOT NULL THEN {summary[0]} ELSE '' END",
                          f"CASE WHEN r.reply IS NOT NULL THEN {summary[1]} ELSE '' END"),
    }, w.params, sealed_fields=Letter.IDENTITY_FIELDS,
        sealed_cond="h.ctype IN ('to_cao', 'nhieu_noi_dung')",
        extra=[f"{_num4('b.num')} || ' ' || extract(year FROM b.d)::int"])
    log(f"  letters: {n}")
    move_counters("reception_letter", "letter", "register_year", "register_number", ids["letter"])

    # -- supervision activities, recommendations, follow-ups ------------------------------------
    w = Words()
    ids["activity"] = _max_id("oversight_supervisionactivity")
    n = insert(SupervisionActivity, f"{_series(max(small // 10, 1), today, 41)} b "
               f"JOIN (SELECT council_id, min(id) AS body_id FROM core_body GROUP BY council_id) body ON body.council_id = b.c", {
                   "council_id": "b.c", "conducting_body_id": "body.body_id", "fieldwork_start": "b.d",
                   "activity_type": "(ARRAY['chuyen_de','trong_tam','khao_sat'])[1 + b.g % 3]",
                   "status": "(ARRAY['ke_hoach','dang_tien_hanh','da_bao_cao'])[1 + b.g % 3]",
               }, {"title": join_text("Giám sát việc", w.pick("topics", TOPICS, "b.g"), "năm",
                                      ("extract(year FROM b.d)::int::text", "extract(year FROM b.d)::int::text"))},
               w.params)
    log(f"  supervision activities: {n}")
    _materialise("bench_activities", _children("oversight_supervisionactivity", "fieldwork_start", ids["activity"]))

    w = Words()
    ids["recommendation"] = _max_id("oversight_recommendation")
    src = (f"(SELECT b0.*, a.id AS activity_id, row_number() OVER (PARTITION BY b0.c, extract(year FROM b0.d) "
           f"ORDER BY b0.g) + COALESCE(rc.last_number, 0) AS num FROM {_series(small, today, 43)} b0 "
           f"JOIN (SELECT council_id, max(cnt) AS cnt FROM bench_activities GROUP BY council_id) ac ON ac.council_id = b0.c "
           f"JOIN bench_activities a ON a.council_id = b0.c AND a.rn = 1 + b0.g % ac.cnt "
           f"LEFT JOIN core_registercounter rc ON rc.council_id = b0.c AND rc.register = 'recommendation' "
           f"AND rc.year = extract(year FROM b0.d)) b "
           f"CROSS JOIN LATERAL (SELECT CASE WHEN b.g % 4 = 2 AND b.d + 30 <= DATE '{today}' THEN b.d + 30 END AS done) x")
    code = f"'KN-' || extract(year FROM b.d)::int || '-' || {_num4('b.num')}"
    n = insert(Recommendation, src, {
        "council_id": "b.c", "activity_id": "b.activity_id", "issued_date": "b.d", "due_date": "b.d + 60",
        "due_from_rule": "false", "done_date": "x.done",
        "status": "CASE WHEN x.done IS NOT NULL THEN 'hoan_thanh' ELSE (ARRAY['chua_den_han','dang_thuc_hien','qua_han'])[1 + b.g % 3] END",
        "addressee_id": pick_id("agency", "b.g"),
    }, {"code": (code, code.replace("'-'", "' '").replace("'KN-'", "'kn '")), "content": content(w, "b.g * 11")},
        w.params)
    log(f"  recommendations: {n}")
    move_counters("oversight_recommendation", "recommendation", "extract(year FROM issued_date)::int",
                  "split_part(code, '-', 3)::int", ids["recommendation"])
    _materialise("bench_recommendations", _children("oversight_recommendation", "issued_date", ids["recommendation"]))

    w = Words()
    n = insert(FollowUp, f"{_series(small, today, 47)} b "
               f"JOIN (SELECT council_id, max(cnt) AS cnt FROM bench_recommendations GROUP BY council_id) rcn ON rcn.council_id = b.c "
               f"JOIN bench_recommendations r ON r.council_id = b.c AND r.rn = 1 + b.g % rcn.cnt", {
                   "council_id": "b.c", "recommendation_id": "r.id", "date": f"LEAST(r.day + 10, DATE '{today}')",
                   "action": "(ARRAY['don_doc_1','don_doc_2'])[1 + b.g % 2]",
               }, {"note": join_text("Văn bản đôn đốc số", ("(b.g % 900 + 1)::text", "(b.g % 900 + 1)::text"))},
               w.params)
    log(f"  follow-ups: {n}")
    with connection.cursor() as cursor:
        for name in ("bench_meetings", "bench_sessions", "bench_activities", "bench_recommendations"):
            cursor.execute(f"DROP TABLE {name}")
    return ids


_IDS = {}


def pick_id(kind, index):
    """An id of a reference row (fields of work, active agencies), chosen by ``index``."""
    if kind not in _IDS:
        table, where = {"field": ("core_field", ""), "agency": ("core_agency", " WHERE active")}[kind]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM {table}{where} ORDER BY id")
            _IDS[kind] = [row[0] for row in cursor.fetchall()]
    ids = _IDS[kind]
    return f"(ARRAY[{', '.join(map(str, ids))}]::bigint[])[1 + (({index}) % {len(ids)})]"


def verify_fold(sample=300):
    """The stored folded columns of a sample of generated rows equal what ``search_columns`` computes."""
    from apps.oversight.models import FollowUp, Recommendation, SupervisionActivity
    from apps.petitions.models import Petition, VoterMeeting
    from apps.reception.models import Letter, ReceptionSession, Visit

    checked = 0
    for model in (Petition, VoterMeeting, Letter, Visit, ReceptionSession, Recommendation, FollowUp,
                  SupervisionActivity):
        rows = model._base_manager.order_by("-pk")[:sample]
        for obj in rows:
            for column, text in search_columns(obj).items():
                stored = getattr(obj, column)
                assert stored == text, f"{model.__name__} {obj.pk} {column}: {stored!r} != {text!r}"
                checked += 1
    return checked
