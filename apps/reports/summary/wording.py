"""The summary report's text: figures stated in the council's own style.

Counts are written as the council writes them: two digits below ten (01 … 09), then 10, 11 …,
thousands with a dot (1.250). Only what happened is stated: a zero is left out of its sentence,
and a register with nothing for the period says so ("chưa cập nhật số liệu"), never "00".
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


def higher_council(summary):
    """How the report names the council above: "HĐND tỉnh" (the level, as offices write it)."""
    unit = unit_phrase(summary.parent_name) if summary.parent_name else ""
    return f"HĐND {unit}" if unit else "cấp trên"


def _compared(value):
    return so(value) if value else "không có"


def _surveys(summary):
    """GS04 split into ordinary and ad-hoc surveys, each named as offices name them."""
    urgent = min(summary.details.get("urgent_surveys", 0), summary.own("GS04"))
    plain = summary.own("GS04") - urgent
    return ", ".join(part for part in (f"{so(plain)} cuộc khảo sát" if plain else "",
                                       f"{so(urgent)} cuộc khảo sát đột xuất" if urgent else "") if part)


def sentences(summary):
    """The body of the report as {section heading: [paragraph texts]} (tests read these).

    Only what happened is stated: a figure of zero is left out of its sentence, and a register with
    nothing in it for the period says "chưa cập nhật số liệu" — a report never states "00".
    """
    own = summary.own
    unit = unit_phrase(summary.council_name)
    hd = f"HĐND {unit}".strip()
    period = summary.period_label
    out = {}

    sittings = _items(summary, [("KH02", "kỳ họp thường lệ"), ("KH03", "kỳ họp chuyên đề"),
                                ("KH04", "kỳ họp giải quyết công việc phát sinh đột xuất")])
    done = []
    if own("KH01"):
        done.append(f"tổ chức thành công {so(own('KH01'))} kỳ họp" + (f" ({sittings})" if sittings else ""))
    if own("KH05"):
        done.append(f"ban hành {so(own('KH05'))} nghị quyết")
    if done:
        text = f"Trong {period}, {hd} đã " + ", ".join(done)
        text += f"; tại kỳ họp có {so(own('KH06'))} lượt đại biểu chất vấn." if own("KH06") else "."
    else:
        text = f"Sổ theo dõi kỳ họp, nghị quyết của {hd} chưa cập nhật số liệu {period}."
    section = [text]
    if own("KH07"):
        section.append(f"Thường trực HĐND đã tổ chức {so(own('KH07'))} phiên họp thường kỳ và đột xuất để chỉ đạo, "
                       f"điều hòa, phối hợp hoạt động của các Ban, các Tổ đại biểu và chuẩn bị nội dung kỳ họp.")
    out["I. CÔNG TÁC TỔ CHỨC KỲ HỌP VÀ HOẠT ĐỘNG CỦA THƯỜNG TRỰC HĐND"] = section

    kinds = ", ".join(part for part in (
        _items(summary, [("GS02", "cuộc giám sát chuyên đề"),
                         ("GS03", "cuộc giám sát theo nhiệm vụ trọng tâm, thường xuyên")]),
        _surveys(summary)) if part)
    done = []
    if own("GS01"):
        done.append(f"tiến hành {so(own('GS01'))} cuộc giám sát, khảo sát" + (f", trong đó: {kinds}" if kinds else ""))
    if own("GS05"):
        done.append(f"tổ chức {so(own('GS05'))} phiên giải trình")
    if own("GS06"):
        done.append(f"tham gia {so(own('GS06'))} cuộc giám sát, khảo sát của {higher_council(summary)}")
    if done:
        section = [f"Thường trực, các Ban và các Tổ đại biểu {hd} đã " + "; ".join(done) + "."]
    else:
        section = [f"Sổ theo dõi hoạt động giám sát của {hd} chưa cập nhật số liệu {period}."]
    if own("GS07"):
        follow = f"Qua giám sát, đã đưa ra {so(own('GS07'))} kiến nghị với các cơ quan, đơn vị"
        follow += f"; đến nay {so(own('GS08'))} kiến nghị đã thực hiện xong." if own("GS08") else "."
        section.append(follow)
    out["II. HOẠT ĐỘNG GIÁM SÁT"] = section

    statuses = _items(summary, [("CT04", "kiến nghị đã được giải quyết"), ("CT05", "kiến nghị đang giải quyết"),
                                ("CT06", "kiến nghị đã được giải trình, cung cấp thông tin"),
                                ("CT07", "kiến nghị chưa được giải quyết")])
    done = []
    if own("CT01"):
        attending = f" với {so(own('CT02'))} lượt cử tri tham dự" if own("CT02") else ""
        done.append(f"tổ chức {so(own('CT01'))} cuộc tiếp xúc cử tri{attending}")
    if own("CT03"):
        done.append(f"tổng hợp {so(own('CT03'))} ý kiến, kiến nghị của cử tri" + (f", trong đó: {statuses}" if statuses else ""))
    text = ("Các Tổ đại biểu đã " + "; ".join(done) + "." if done else
            f"Sổ theo dõi tiếp xúc cử tri, kiến nghị cử tri của {hd} chưa cập nhật số liệu {period}.")
    out["III. TIẾP XÚC CỬ TRI VÀ GIÁM SÁT GIẢI QUYẾT KIẾN NGHỊ CỦA CỬ TRI"] = [text]

    details = ", ".join(f"{so(own(code))} {noun}" for code, noun in (
        ("TD03", "người"), ("TD04", "vụ việc"), ("TD05", "đoàn đông người")) if own(code))
    if own("TD01") or own("TD02"):
        reception = "Thường trực HĐND đã " + ", ".join(part for part in (
            f"tổ chức {so(own('TD01'))} buổi tiếp công dân" if own("TD01") else "",
            f"tiếp {so(own('TD02'))} lượt công dân" if own("TD02") else "") if part)
        reception += f" ({details})." if details else "."
    else:
        reception = f"Sổ tiếp công dân của {hd} chưa cập nhật số liệu {period}."
    if own("DT01"):
        types = _items(summary, [("DT02", "đơn khiếu nại"), ("DT03", "đơn tố cáo"),
                                 ("DT04", "đơn kiến nghị, phản ánh")])
        handled = "; ".join(part for part in (
            f"{so(own('DT05'))} đơn đủ điều kiện xử lý" if own("DT05") else "",
            f"đã chuyển {so(own('DT06'))} đơn đến cơ quan có thẩm quyền" if own("DT06") else "",
            f"hướng dẫn {so(own('DT07'))} đơn" if own("DT07") else "",
            f"{so(own('DT08'))} đơn đã nhận được văn bản trả lời" if own("DT08") else "") if part)
        letters = f"Tiếp nhận {so(own('DT01'))} đơn thư" + (f", trong đó: {types}" if types else "")
        letters += f"; {handled}." if handled else "."
    else:
        letters = f"Sổ xử lý đơn của {hd} chưa cập nhật số liệu {period}."
    out["IV. TIẾP CÔNG DÂN, TIẾP NHẬN VÀ XỬ LÝ ĐƠN THƯ"] = [reception, letters]

    wards = []
    if summary.wards:
        reported = len(summary.reported_wards)
        if not reported:
            wards.append(f"Chưa có HĐND xã, phường nào gửi báo cáo {period} ({so(len(summary.wards))} đơn vị).")
        else:
            wt = summary.ward_total
            figures = ", ".join(clause.format(so(wt(code))) for code, clause in (
                ("KH01", "tổ chức {} kỳ họp"), ("KH05", "ban hành {} nghị quyết"),
                ("GS01", "tiến hành {} cuộc giám sát, khảo sát"), ("GS05", "tổ chức {} phiên giải trình"),
                ("CT01", "tổ chức {} cuộc tiếp xúc cử tri"), ("CT03", "tổng hợp {} ý kiến, kiến nghị"),
                ("TD01", "tổ chức {} buổi tiếp công dân"), ("DT01", "tiếp nhận {} đơn thư"))
                if code in summary.codes and wt(code))
            text = f"Có {so(reported)}/{so(len(summary.wards))} HĐND xã, phường đã gửi báo cáo. "
            text += (f"Theo số liệu các đơn vị báo cáo, HĐND các xã, phường đã {figures} (chi tiết tại Phụ lục 01, "
                     f"02 kèm theo)." if figures else "Các báo cáo đã gửi chưa có số liệu hoạt động.")
            wards.append(text)
        missing = summary.not_reported
        if missing and reported:
            wards.append(f"Chưa gửi báo cáo ({so(len(missing))} đơn vị): "
                         + ", ".join(f"{w.name} ({w.code})" for w in missing) + ".")
        elif not missing:
            wards.append("Tất cả HĐND xã, phường đã gửi báo cáo đúng yêu cầu.")
    comparison = []
    if summary.previous:
        prev = summary.previous
        parts = [f"{label} {_compared(summary.total(code))} (cùng kỳ {_compared(prev.total(code))})"
                 for code, label in [("KH01", "kỳ họp"), ("KH05", "nghị quyết"), ("GS01", "cuộc giám sát, khảo sát"),
                                     ("CT03", "kiến nghị cử tri"), ("DT01", "đơn thư")]
                 if code in summary.codes and (summary.total(code) or prev.total(code))]
        scope = f"toàn {unit} (HĐND {unit} và HĐND các xã, phường)" if summary.wards else hd
        if parts:
            comparison.append(f"So với {prev.label}, {scope}: " + "; ".join(parts) + ".")
    if summary.wards:
        out["V. HOẠT ĐỘNG CỦA HĐND CÁC XÃ, PHƯỜNG"] = wards + comparison
    elif comparison:
        # A ward or commune council has no councils below it: section V compares with last year.
        out["V. SO SÁNH VỚI CÙNG KỲ NĂM TRƯỚC"] = comparison
    return out
