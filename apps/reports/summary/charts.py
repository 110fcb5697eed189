"""Charts of the summary as PNG bytes (matplotlib, Agg backend: no display, safe in any process).

Every figure comes from the ``Summary`` object, never from a query of its own.
"""
import base64
import dataclasses
import hashlib
import io
import json

import matplotlib
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from apps.oversight import indicators as oversight_indicators

matplotlib.use("Agg")

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

plt.rcParams["font.family"] = "DejaVu Sans"  # has the Vietnamese letters

# The text drawn in the images is in the active language: the user's on the summary page, Vietnamese
# in the docx (written under translation.override("vi")). Labels are translated when drawn.
PETITION_STATUS = [("CT04", gettext_noop("Đã giải quyết")), ("CT05", gettext_noop("Đang giải quyết")),
                   ("CT06", gettext_noop("Đã giải trình, cung cấp thông tin")), ("CT07", gettext_noop("Chưa giải quyết"))]
LETTER_TYPES = [("DT02", gettext_noop("Khiếu nại")), ("DT03", gettext_noop("Tố cáo")),
                ("DT04", gettext_noop("Kiến nghị, phản ánh"))]
COMPARISON = [("KH01", gettext_noop("Kỳ họp")), ("KH05", gettext_noop("Nghị quyết")),
              ("GS01", gettext_noop("Giám sát, khảo sát")), ("GS05", gettext_noop("Phiên giải trình")),
              ("CT01", gettext_noop("Tiếp xúc cử tri")), ("CT03", gettext_noop("Kiến nghị cử tri")),
              ("TD01", gettext_noop("Buổi tiếp công dân")), ("DT01", gettext_noop("Đơn thư"))]
COLOURS = ["#2e7d32", "#f9a825", "#1565c0", "#c62828", "#6a1b9a", "#00838f"]


def _png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def _from_zero(set_lim, highest):
    """Counts start at 0 with whole-number ticks; with nothing to show, an axis 0–1 rather than
    matplotlib's −0.04…0.04."""
    set_lim(0, highest * 1.12 if highest else 1)
    axis = set_lim.__self__.yaxis if set_lim.__name__ == "set_ylim" else set_lim.__self__.xaxis
    axis.set_major_locator(MaxNLocator(integer=True))


def _short(name, width=22):
    return name if len(name) <= width else name[: width - 1] + "…"


def _present(summary, pairs):
    known = set(summary.codes)
    return [(code, gettext(label)) for code, label in pairs if code in known]


def petitions_by_status(summary):
    """Stacked bars: each ward's (and the council's) voter petitions by status."""
    pairs = _present(summary, PETITION_STATUS)
    rows = summary.rows
    fig = Figure(figsize=(8, 4.2))
    ax = fig.subplots()
    names = [_short(r.name.replace("HĐND ", "")) for r in rows]
    bottom = [0] * len(rows)
    for (code, label), colour in zip(pairs, COLOURS):
        values = [r.value(code) or 0 for r in rows]
        ax.bar(range(len(rows)), values, bottom=bottom, label=label, color=colour)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(range(len(rows)), names, rotation=60, ha="right", fontsize=7)
    _from_zero(ax.set_ylim, max(bottom, default=0))
    ax.set_ylabel(gettext("Kiến nghị"))
    ax.set_title(gettext("Kiến nghị cử tri theo tình trạng giải quyết"))
    # Outside the plot: a tall bar for the first ward would otherwise hide under it.
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    return _png(fig)


def _pie_or_bar(title, pairs, values, unit):
    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.subplots()
    labels = [label for _code, label in pairs]
    bars = ax.barh(range(len(pairs)), values, color=COLOURS[: len(pairs)])
    ax.set_yticks(range(len(pairs)), [_short(x, 30) for x in labels], fontsize=8)
    ax.invert_yaxis()
    ax.bar_label(bars, fontsize=8)
    _from_zero(ax.set_xlim, max(values, default=0))
    ax.set_xlabel(unit)
    ax.set_title(title)
    return _png(fig)


def letters_by_type(summary):
    pairs = _present(summary, LETTER_TYPES)
    return _pie_or_bar(gettext("Đơn thư theo loại (tổng cộng)"), pairs, [summary.total(c) or 0 for c, _ in pairs],
                       gettext("Đơn"))


def supervision_bars(summary):
    """[(label, count)]: a bar for every activity type the GS figures count, grouped as
    ``apps.oversight.indicators.TYPE_CODE`` counts them, then the explanation sessions (GS05).

    Types counted in GS02/GS03/GS04/GS06 take those codes' totals (wards and council); the types
    counted in GS01 only (giám sát giải quyết KNTC, kiến nghị cử tri, tái giám sát) take the
    council's own counts by type, and what the wards reported in GS01 beyond GS02–GS04 is one
    more bar, so the bars add up to GS01 + GS05 + GS06."""
    known = set(summary.codes)
    by_type = summary.details.get("activities_by_type") or {}
    bars = []

    def own_group(code):
        if code in known:
            labels = [str(t.label) for t in oversight_indicators.types_of(code)]
            bars.append(("; ".join(labels), summary.total(code) or 0))
    for code in ("GS02", "GS03", "GS04"):
        own_group(code)
    if "GS01" in known:
        for activity_type in oversight_indicators.own_only_types():
            bars.append((str(activity_type.label), by_type.get(str(activity_type), 0)))
        wards_other = (summary.ward_total("GS01") or 0) - sum(summary.ward_total(c) or 0
                                                              for c in ("GS02", "GS03", "GS04") if c in known)
        if wards_other > 0:
            bars.append((gettext("Giám sát khác (cấp xã báo cáo)"), wards_other))
    own_group("GS06")
    if "GS05" in known:
        bars.append((gettext("Phiên giải trình"), summary.total("GS05") or 0))
    return bars


def supervisions_by_type(summary):
    bars = supervision_bars(summary)
    return _pie_or_bar(gettext("Giám sát, khảo sát theo loại (tổng cộng)"), [(None, label) for label, _ in bars],
                       [value for _, value in bars], gettext("Cuộc / phiên"))


def period_comparison(summary):
    """This period against the same period a year earlier (totals)."""
    pairs = _present(summary, COMPARISON)
    fig = Figure(figsize=(8, 4.0))
    ax = fig.subplots()
    now = [summary.total(c) or 0 for c, _ in pairs]
    before = [(summary.previous.total(c) or 0) if summary.previous else 0 for c, _ in pairs]
    xs = range(len(pairs))
    ax.bar([x - 0.2 for x in xs], before, width=0.4, label=summary.previous.label if summary.previous else gettext("Cùng kỳ năm trước (không có số liệu)"), color="#90a4ae")
    ax.bar([x + 0.2 for x in xs], now, width=0.4, label=summary.period_label, color="#1565c0")
    ax.set_xticks(list(xs), [label for _c, label in pairs], rotation=20, ha="right", fontsize=8)
    _from_zero(ax.set_ylim, max(now + before, default=0))
    ax.set_title(gettext("So sánh với cùng kỳ năm trước"))
    ax.legend(fontsize=8)
    return _png(fig)


# Titles in Vietnamese in the docx; the page shows them in the user's language (marked for the catalog).
CHARTS = [
    ("petitions", gettext_noop("Kiến nghị cử tri theo tình trạng, theo đơn vị"), petitions_by_status),
    ("letters", gettext_noop("Đơn thư theo loại"), letters_by_type),
    ("supervisions", gettext_noop("Giám sát, khảo sát theo loại"), supervisions_by_type),
    ("comparison", gettext_noop("So sánh với cùng kỳ năm trước"), period_comparison),
]


CACHE_SECONDS = 6 * 60 * 60
CHARTS_VERSION = "3"  # bump when the drawing code changes, so cached images are redrawn


def all_charts(summary):
    """[(key, title, png bytes)] in display order.

    Drawing the four charts takes about a second and a half; they depend only on the summary's
    figures, so they are cached under a digest of those figures: the same figures give the same
    images, and any change in a register or a ward report gives a new key. The text in the images is in
    the active language, which is part of the key.
    """
    key = f"summary-charts:{CHARTS_VERSION}:{translation.get_language()}:{summary_digest(summary)}"
    drawn = cache.get(key)
    if drawn is None:
        drawn = [(name, title, draw(summary)) for name, title, draw in CHARTS]
        cache.set(key, drawn, CACHE_SECONDS)
    return drawn


def summary_digest(summary):
    data = json.dumps(dataclasses.asdict(summary), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def data_uri(png):
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
