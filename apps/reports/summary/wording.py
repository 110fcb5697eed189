"""The summary report's text: figures stated in the council's own style.

Counts are written as the council writes them: two digits below ten (01 … 09), then 10, 11 …,
thousands with a dot (1.250). A headline figure of zero is written "00" so that every headline
states its figure; zero items inside a "trong đó" breakdown are left out of the list.
Every figure comes from the ``Summary`` object.
"""
import re

UNIT_WORDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


def so(n):
    """A count as the council writes it: 00 … 09, 10, 11 …, 1.250."""
    n = int(n or 0)
    return f"{n:02d}" if 0 <= n < 10 else f"{n:,}".replace(",", ".")


def place_of(council_name):
    """'HĐND thành phố Móng Cái' -> 'Móng Cái' (the place in "Móng Cái, ngày … ")."""
    name = re.sub(r"^(HĐND|Hội đồng nhân dân)\s+", "", council_name.strip(), flags=re.IGNORECASE)
    for word in UNIT_WORDS:
        if name.lower().startswith(word + " "):
            return name[len(word) + 1:].strip()
    return name


def unit_phrase(council_name):
    """'HĐND thành phố Móng Cái' -> 'thành phố' (how the body refers to its own council)."""
    name = re.sub(r"^(HĐND|Hội đồng nhân dân)\s+", "", council_name.strip(), flags=re.IGNORECASE)
    for word in UNIT_WORDS:
        if name.lower().startswith(word + " "):
            return word
    return ""


def _items(summary, pairs, value=None):
    """'02 cuộc giám sát chuyên đề, 01 cuộc …' — only the non-zero items of a breakdown."""
    value = value or summary.own
    parts = [f"{so(value(code))} {text}" for code, text in pairs if code in summary.codes and value(code)]
    return ", ".join(parts)


def sentences(summary):
    """The body of the report as {section heading: [paragraph texts]} (tests read these)."""
    own = summary.own
    unit = unit_phrase(summary.council_name)
    hd = f"HĐND {unit}".strip()
    period = summary.period_label
    out = {}

    sittings = _items(summary, [("KH02", "kỳ họp thường lệ"), ("KH03", "kỳ họp chuyên đề"),
                                ("KH04", "kỳ họp giải quyết công việc phát sinh đột xuất")])
    text = f"Trong {period}, {hd} đã tổ chức thành công {so(own('KH01'))} kỳ họp"
    text += f" ({sittings})" if sittings else ""
    text += f", ban hành {so(own('KH05'))} nghị quyết"
    text += f"; tại kỳ họp có {so(own('KH06'))} lượt đại biểu chất vấn."
    standing = f"Thường trực HĐND đã tổ chức {so(own('KH07'))} phiên họp thường kỳ và đột xuất để chỉ đạo, " \
               f"điều hòa, phối hợp hoạt động của các Ban, các Tổ đại biểu và chuẩn bị nội dung kỳ họp."
    out["I. CÔNG TÁC TỔ CHỨC KỲ HỌP VÀ HOẠT ĐỘNG CỦA THƯỜNG TRỰC HĐND"] = [text, standing]

    kinds = _items(summary, [("GS02", "cuộc giám sát chuyên đề"),
                             ("GS03", "cuộc giám sát theo nhiệm vụ trọng tâm, thường xuyên"),
                             ("GS04", "cuộc khảo sát")])
    text = f"Thường trực, các Ban và các Tổ đại biểu {hd} đã tiến hành {so(own('GS01'))} cuộc giám sát, khảo sát"
    text += f", trong đó: {kinds}" if kinds else ""
    # Secondary activities are mentioned only when there were some ("tham gia 00 cuộc" reads badly).
    if own("GS05"):
        text += f"; tổ chức {so(own('GS05'))} phiên giải trình"
    if own("GS06"):
        text += f"; tham gia {so(own('GS06'))} cuộc giám sát, khảo sát của cấp trên"
    text += "."
    follow = f"Qua giám sát, đã đưa ra {so(own('GS07'))} kiến nghị với các cơ quan, đơn vị; " \
             f"đến nay {so(own('GS08'))} kiến nghị đã thực hiện xong."
    out["II. HOẠT ĐỘNG GIÁM SÁT"] = [text, follow]

    statuses = _items(summary, [("CT04", "kiến nghị đã được giải quyết"), ("CT05", "kiến nghị đang giải quyết"),
                                ("CT06", "kiến nghị đã được giải trình, cung cấp thông tin"),
                                ("CT07", "kiến nghị chưa được giải quyết")])
    text = f"Các Tổ đại biểu đã tổ chức {so(own('CT01'))} cuộc tiếp xúc cử tri với {so(own('CT02'))} lượt cử tri tham dự; " \
           f"tổng hợp {so(own('CT03'))} ý kiến, kiến nghị của cử tri"
    text += f", trong đó: {statuses}." if statuses else "."
    out["III. TIẾP XÚC CỬ TRI VÀ GIÁM SÁT GIẢI QUYẾT KIẾN NGHỊ CỦA CỬ TRI"] = [text]

    reception = f"Thường trực HĐND đã tổ chức {so(own('TD01'))} buổi tiếp công dân, tiếp {so(own('TD02'))} lượt " \
                f"công dân ({so(own('TD03'))} người, {so(own('TD04'))} vụ việc, {so(own('TD05'))} đoàn đông người)."
    types = _items(summary, [("DT02", "đơn khiếu nại"), ("DT03", "đơn tố cáo"), ("DT04", "đơn kiến nghị, phản ánh")])
    letters = f"Tiếp nhận {so(own('DT01'))} đơn thư"
    letters += f", trong đó: {types}" if types else ""
    letters += f"; {so(own('DT05'))} đơn đủ điều kiện xử lý; đã chuyển {so(own('DT06'))} đơn đến cơ quan có thẩm quyền, " \
               f"hướng dẫn {so(own('DT07'))} đơn; {so(own('DT08'))} đơn đã nhận được văn bản trả lời."
    out["IV. TIẾP CÔNG DÂN, TIẾP NHẬN VÀ XỬ LÝ ĐƠN THƯ"] = [reception, letters]

    wards = []
    if summary.wards:
        wt = summary.ward_total
        wards.append(
            f"Có {so(len(summary.reported_wards))}/{so(len(summary.wards))} HĐND xã, phường đã gửi báo cáo. "
            f"Theo số liệu các đơn vị báo cáo, HĐND các xã, phường đã tổ chức {so(wt('KH01'))} kỳ họp, ban hành "
            f"{so(wt('KH05'))} nghị quyết; tiến hành {so(wt('GS01'))} cuộc giám sát, khảo sát, {so(wt('GS05'))} phiên "
            f"giải trình; tổ chức {so(wt('CT01'))} cuộc tiếp xúc cử tri, tổng hợp {so(wt('CT03'))} ý kiến, kiến nghị; "
            f"tổ chức {so(wt('TD01'))} buổi tiếp công dân và tiếp nhận {so(wt('DT01'))} đơn thư "
            f"(chi tiết tại Phụ lục 01, 02 kèm theo)."
        )
        missing = summary.not_reported
        if missing:
            wards.append(f"Chưa gửi báo cáo ({so(len(missing))} đơn vị): "
                         + ", ".join(f"{w.name} ({w.code})" for w in missing) + ".")
        else:
            wards.append("Tất cả HĐND xã, phường đã gửi báo cáo đúng yêu cầu.")
    comparison = []
    if summary.previous:
        prev = summary.previous
        parts = [f"{label} {so(summary.total(code))} (cùng kỳ {so(prev.total(code))})"
                 for code, label in [("KH01", "kỳ họp"), ("KH05", "nghị quyết"), ("GS01", "cuộc giám sát, khảo sát"),
                                     ("CT03", "kiến nghị cử tri"), ("DT01", "đơn thư")] if code in summary.codes]
        scope = f"toàn {unit} (HĐND {unit} và HĐND các xã, phường)" if summary.wards else hd
        comparison.append(f"So với {prev.label}, {scope}: " + "; ".join(parts) + ".")
    if summary.wards:
        out["V. HOẠT ĐỘNG CỦA HĐND CÁC XÃ, PHƯỜNG"] = wards + comparison
    elif comparison:
        # A ward or commune council has no councils below it: section V compares with last year.
        out["V. SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC"] = comparison
    return out
