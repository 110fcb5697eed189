"""Search as clerks type: without diacritics, by register numbers as displayed, scoped and sealed,
on every register and across registers (/admin/search/)."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.models import Agency
from apps.petitions.models import Petition
from tests.reception.helpers import D, make_letter, make_petition, make_visit

pytestmark = pytest.mark.django_db

PETITIONS = "/admin/petitions/petition/"
LETTERS = "/admin/reception/letter/"


def rows(response):
    return re.findall(r'<tr[^>]*>\s*<td class="action-checkbox">', response.content.decode())


def found(client, url, q, **params):
    response = client.get(url, {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def records(ward):
    return {
        "hai_hoa": make_petition(ward, content="Đề nghị nâng cấp đường vào khu tái định cư phường Hải Hòa."),
        "rac": make_petition(ward, content="Phản ánh tình trạng rác thải tồn đọng ở chợ Ka Long."),
        "nguyen": make_letter(ward, sender_name="Nguyễn Văn Thắng", content="Đề nghị cấp sổ đỏ cho nhà khu 4."),
    }


@pytest.mark.parametrize("query", ["hai hoa", "Hải Hòa", "Hải Hoà", "HẢI HÒA", "hải   hoa"])
def test_a_ward_is_found_however_it_is_typed(client_for, ward_clerk, records, query):
    html = found(client_for(ward_clerk), PETITIONS, query)
    assert "khu tái định cư phường Hải Hòa" in html
    assert "rác thải tồn đọng" not in html


def test_words_without_diacritics_find_content_and_names(client_for, ward_clerk, records):
    client = client_for(ward_clerk)
    assert "rác thải tồn đọng" in found(client, PETITIONS, "rac thai")
    assert "Nguyễn Văn Thắng" in found(client, LETTERS, "nguyen van")
    assert rows(client.get(LETTERS, {"q": "nguyen van thang"})) and not rows(client.get(LETTERS, {"q": "nguyen thi"}))


def test_a_word_is_looked_for_where_a_word_starts(client_for, ward_clerk, records):
    # "hai" is the start of "Hải", not the end of "thải".
    html = found(client_for(ward_clerk), PETITIONS, "hai")
    assert "phường Hải Hòa" in html
    assert "rác thải tồn đọng" not in html


def test_register_numbers_as_displayed(client_for, ward_clerk, ward):
    letters = [make_letter(ward, received_date=D(2022, 3, 1), content=f"Đơn thứ {i}") for i in range(1, 4)]
    petition = make_petition(ward, content="Kiến nghị có số")
    client = client_for(ward_clerk)
    wanted = letters[1]
    html = found(client, LETTERS, wanted.register_code)
    assert wanted.register_code == "0002/2022"
    assert len(rows(client.get(LETTERS, {"q": "0002/2022"}))) == 1
    assert "0002/2022" in html and "0003/2022" not in html
    assert petition.code and "Kiến nghị có số" in found(client, PETITIONS, petition.code)
    assert "Kiến nghị có số" in found(client, PETITIONS, petition.code.lower())


@pytest.mark.parametrize("query", ["15/2026", "15 / 2026", "015/2026", "15"])
def test_a_register_number_typed_without_its_leading_zeros_is_found(client_for, ward_clerk, ward, other_ward, query):
    """Chị Mai types "15/2026" for the letter the register shows as "0015/2026": the letters list and the
    search across registers find it, and not number 15 of another year nor another ward's number 15."""
    from apps.reception.models import Letter

    wanted = make_letter(ward, received_date=D(2026, 3, 1), content="Đơn số mười lăm năm 2026")
    Letter.objects.filter(pk=wanted.pk).update(register_number=15)
    other_year = make_letter(ward, received_date=D(2025, 3, 1), content="Đơn số mười lăm năm 2025")
    Letter.objects.filter(pk=other_year.pk).update(register_number=15)
    elsewhere = make_letter(other_ward, received_date=D(2026, 3, 1), content="Đơn của phường khác")
    Letter.objects.filter(pk=elsewhere.pk).update(register_number=15)
    wanted.refresh_from_db()
    assert wanted.register_code == "0015/2026"
    client = client_for(ward_clerk)
    html = found(client, LETTERS, query)
    link = 'href="/admin/reception/letter/%s/change/'
    assert link % wanted.pk in html and link % elsewhere.pk not in html
    assert (link % other_year.pk in html) == ("/" not in query)  # a bare number is any year's
    across = found(client, "/admin/search/", query)
    assert link % wanted.pk in across and link % elsewhere.pk not in across
    assert link % wanted.pk not in found(client, LETTERS, "16/2026")


def test_search_stays_in_the_users_councils(client_for, ward_clerk, ward, other_ward):
    make_petition(ward, content="Đường khu Hải Hòa của Ka Long")
    make_petition(other_ward, content="Đường khu Hải Hòa của Trần Phú")
    html = found(client_for(ward_clerk), PETITIONS, "hai hoa")
    assert "của Ka Long" in html and "của Trần Phú" not in html


def test_every_write_path_fills_the_folded_column(ward):
    saved = make_petition(ward, content="Cầu Đông Hà xuống cấp")
    assert " cau dong ha xuong cap " in saved.search_text
    saved.content = "Cống thoát nước Hải Yên"
    saved.save(update_fields=["content"])
    saved.refresh_from_db()
    assert "cong thoat nuoc hai yen" in saved.search_text

    [bulk] = Petition.objects.bulk_create([Petition(council=ward, content="Chợ Móng Cái dột", code="KN-2022-9001",
                                                    received_date=D(2022, 5, 1))])
    assert "cho mong cai dot" in Petition.objects.get(pk=bulk.pk).search_text
    bulk.content = "Chợ Móng Cái đã sửa"
    Petition.objects.bulk_update([bulk], ["content"])
    assert "cho mong cai da sua" in Petition.objects.get(pk=bulk.pk).search_text
    assert "kn 2022 9001" in Petition.objects.get(pk=bulk.pk).search_text


def test_an_empty_result_says_what_was_searched_and_which_filters_are_on(client_for, ward_clerk, records):
    client = client_for(ward_clerk)
    html = found(client, PETITIONS, "khong co dau", status__exact="da_giai_quyet")
    assert "Không tìm thấy hồ sơ nào chứa “khong co dau”" in html
    assert '<li class="warning">Không tìm thấy hồ sơ nào' in html  # shown as a warning, not as a success
    assert "bộ lọc đang chọn" in html and "Đã giải quyết" in html
    html = client.get(PETITIONS, {"status__exact": "da_giai_quyet"}).content.decode()
    assert "Không có hồ sơ nào với bộ lọc đang chọn" in html


# -- sealed identities ----------------------------------------------------------------------------
@pytest.fixture
def sealed(ward):
    letter = make_letter(ward, sender_name="Phạm Đức Dũng", sender_address="Số 9 phố Hữu Nghị",
                         sender_id_number="022088001234", content_type="to_cao", content="Tố cáo sai phạm đất đai.")
    visit = make_visit(ward, citizen_name="Phạm Đức Dũng", citizen_address="Số 9 phố Hữu Nghị",
                       citizen_id_number="022088001234", classification="to_cao", content="Tố cáo tại buổi tiếp.")
    return letter, visit


@pytest.mark.parametrize("query", ["pham duc dung", "Dũng", "huu nghi", "022088001234"])
def test_a_ward_clerk_never_finds_a_denunciation_by_its_senders_identity(client_for, ward_clerk, sealed, query):
    client = client_for(ward_clerk)
    for url in (LETTERS, "/admin/reception/visit/"):
        assert rows(client.get(url, {"q": query})) == []
    html = found(client, "/admin/search/", query)
    assert "Tố cáo sai phạm" not in html and "Tố cáo tại buổi tiếp" not in html


def test_a_ward_clerk_finds_a_denunciation_by_its_content(client_for, ward_clerk, sealed):
    assert len(rows(client_for(ward_clerk).get(LETTERS, {"q": "sai pham dat dai"}))) == 1


def test_the_secretariat_finds_a_denouncer_without_diacritics(client_for, secretariat_clerk, sealed):
    client = client_for(secretariat_clerk)
    assert len(rows(client.get(LETTERS, {"q": "pham duc dung"}))) == 1
    assert len(rows(client.get(LETTERS, {"q": "dung sai pham"}))) == 1  # identity and content words together
    assert "Tố cáo sai phạm" in found(client, "/admin/search/", "pham duc dung")


def test_identity_moves_to_the_sealed_column_when_a_letter_becomes_a_denunciation(ward):
    letter = make_letter(ward, sender_name="Vũ Thị Lan")
    assert "vu thi lan" in letter.search_text
    letter.content_type = "to_cao"
    letter.save()
    assert "vu thi lan" not in letter.search_text and "vu thi lan" in letter.search_sealed


# -- one search across registers ------------------------------------------------------------------
def test_search_across_registers_groups_matches_with_links(client_for, ward_clerk, ward, other_ward, records):
    make_visit(ward, content="Hỏi về bồi thường khu Hải Hòa", classification="kien_nghi")
    make_petition(other_ward, content="Hải Hòa của phường khác")
    html = found(client_for(ward_clerk), "/admin/search/", "hai hoa")
    assert "kiến nghị cử tri" in html.lower() and "sổ tiếp công dân" in html.lower()
    assert f'href="/admin/petitions/petition/{records["hai_hoa"].pk}/change/"' in html
    assert "phường khác" not in html
    assert 'href="/admin/petitions/petition/?q=hai+hoa"' in html


def test_search_across_registers_says_when_nothing_matches(client_for, ward_clerk, records):
    html = found(client_for(ward_clerk), "/admin/search/", "khong ton tai")
    assert "Không tìm thấy hồ sơ nào chứa “khong ton tai”" in html


def test_search_across_registers_issues_a_fixed_number_of_queries(client_for, secretariat_clerk, ward):
    client = client_for(secretariat_clerk)
    client.get("/admin/search/", {"q": "hai hoa"})

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/search/", {"q": "hai hoa"}).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for i in range(15):
        make_petition(ward, content=f"Hải Hòa kiến nghị {i}")
        make_letter(ward, content=f"Hải Hòa đơn {i}")
    assert count() == before


def test_reference_lists_search_without_diacritics(client_for, superuser):
    Agency.objects.create(name="Phòng Tài nguyên và Môi trường thử", level="huyen")
    html = found(client_for(superuser), "/admin/core/agency/", "tai nguyen moi truong thu")
    assert "Phòng Tài nguyên và Môi trường thử" in html
    assert "HĐND phường Hải Hòa" in found(client_for(superuser), "/admin/core/council/", "hai hoa")
