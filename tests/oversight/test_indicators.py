import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import ReportingPeriod
from apps.oversight.indicators import count_indicators
from tests.sittings import factories as f

D = f.D


@pytest.fixture
def h1():
    return ReportingPeriod.objects.from_code("2022-H1")


@pytest.fixture
def fixed_data(ward, other_ward):
    types = [
        (D(2022, 1, 1), "chuyen_de"), (D(2022, 6, 30), "chuyen_de"), (D(2022, 2, 1), "trong_tam"),
        (D(2022, 3, 1), "khao_sat"), (D(2022, 4, 1), "khao_sat_dot_xuat"), (D(2022, 5, 1), "kntc"),
        (D(2022, 5, 2), "tai_giam_sat"), (D(2022, 5, 3), "kien_nghi_cu_tri"), (D(2022, 5, 4), "cap_tren"),
        (D(2022, 6, 30), "cap_tren"), (D(2021, 12, 31), "chuyen_de"), (D(2022, 7, 1), "khao_sat"),
    ]
    acts = [f.activity(ward, f"Cuộc {i}", day, kind) for i, (day, kind) in enumerate(types)]
    f.activity(other_ward, "Cuộc của phường khác", D(2022, 3, 3), "chuyen_de")
    f.explanation(ward, "Phiên 1", D(2022, 1, 1))
    f.explanation(ward, "Phiên 2", D(2022, 6, 30))
    f.explanation(ward, "Phiên 3", D(2022, 7, 1))
    f.explanation(ward, "Phiên 4", D(2021, 12, 31))
    # Recommendations by issued date; done = status "hoàn thành".
    f.recommendation(ward, acts[0], D(2022, 1, 1), status="hoan_thanh", done_date=D(2022, 2, 1))
    f.recommendation(ward, acts[0], D(2022, 6, 30), status="hoan_thanh_mot_phan")
    f.recommendation(ward, acts[1], D(2022, 6, 30), status="hoan_thanh", done_date=D(2022, 7, 5))
    f.recommendation(ward, acts[2], D(2022, 3, 1), status="qua_han")
    f.recommendation(ward, acts[10], D(2021, 12, 31), status="hoan_thanh", done_date=D(2022, 1, 5))
    f.recommendation(ward, acts[11], D(2022, 7, 1), status="hoan_thanh", done_date=D(2022, 7, 5))


@pytest.mark.django_db
def test_oversight_indicators_match_the_hand_count(ward, h1, fixed_data):
    assert count_indicators(ward, h1) == {
        "GS01": 8,  # 10 activities in H1, less the 2 participations in the higher level's supervision
        "GS02": 2, "GS03": 1, "GS04": 2, "GS05": 2, "GS06": 2, "GS07": 4, "GS08": 2,
    }


@pytest.mark.django_db
def test_oversight_indicators_hold_the_consistency_rules_in_three_queries(ward, h1, fixed_data):
    with CaptureQueriesContext(connection) as ctx:
        values = count_indicators(ward, h1)
    assert len(ctx.captured_queries) == 3
    assert values["GS02"] + values["GS03"] + values["GS04"] <= values["GS01"]
    assert values["GS08"] <= values["GS07"]


@pytest.mark.django_db
def test_oversight_indicators_of_another_council_are_its_own(other_ward, h1, fixed_data):
    values = count_indicators(other_ward, h1)
    assert values["GS01"] == 1 and values["GS02"] == 1 and values["GS07"] == 0


@pytest.mark.django_db
def test_a_clerk_sees_re_supervision_and_voter_petition_supervision_as_bars_in_the_summary_chart(ward, h1):
    """Chị Lan's ward did one «Tái giám sát» and one «Giám sát giải quyết kiến nghị cử tri»:
    GS01 is 2, and the chart «Giám sát, khảo sát theo loại» shows those two, not zeros."""
    import dataclasses

    from apps.oversight.indicators import count_details
    from apps.reports.summary import charts
    from tests.reports.test_summary_renderers import sample_summary

    f.activity(ward, "Tái giám sát đường ven biển", D(2022, 2, 1), "tai_giam_sat")
    f.activity(ward, "Kiến nghị cử tri khu 3", D(2022, 3, 1), "kien_nghi_cu_tri")
    values = count_indicators(ward, h1)
    assert values["GS01"] == 2
    summary = sample_summary(wards=0)
    summary = dataclasses.replace(summary, details=count_details(ward, h1), council_row=dataclasses.replace(
        summary.council_row, values={code: values.get(code, 0) for code in summary.codes}))
    bars = dict(charts.supervision_bars(summary))
    assert bars["Tái giám sát"] == 1
    assert bars["Giám sát giải quyết kiến nghị cử tri"] == 1
    assert sum(bars.values()) == values["GS01"] + values["GS05"] + values["GS06"]
    assert charts.supervisions_by_type(summary).startswith(b"\x89PNG")


def test_the_wards_figures_beyond_gs02_to_gs04_are_a_bar_of_their_own():
    """A ward reports GS01 = 5 of which 3 are in GS02–GS04: the other 2 are a bar, not lost."""
    import dataclasses

    from apps.reports.summary import charts
    from tests.reports.test_summary_renderers import sample_summary

    summary = sample_summary(wards=1, missing=())
    ward = dataclasses.replace(summary.wards[0], values={**summary.wards[0].values,
                                                         "GS01": 5, "GS02": 1, "GS03": 1, "GS04": 1})
    bars = dict(charts.supervision_bars(dataclasses.replace(summary, wards=[ward])))
    assert bars["Giám sát khác (cấp xã báo cáo)"] == 2
