"""Register imports read choices the way the ward workbook does (apps/core/choice_match.py): an unambiguous
short form or another spelling is taken and shown as corrected in the preview; an ambiguous one is an error
naming the candidates. Both upload paths accept the same spellings."""
import pytest

from apps.core.choice_match import ChoiceMatcher
from apps.core.widgets import ChoiceWidget
from apps.reception.choices import Channel, LetterContentType, LetterHandling, LetterStatus
from apps.reception.models import Letter

from .helpers import D, agency
from .test_import_export import LETTER_HEADERS, confirm, upload, xlsx

pytestmark = pytest.mark.django_db


def row(content, status, content_type="Kiến nghị", handling="Chuyển đơn"):
    return ["06709", None, None, D(2022, 5, 2), "Trực tiếp", "Lý Văn Nam", "Khu 1", content_type, content,
            handling, "UBND thành phố Móng Cái", D(2022, 5, 3), None, status]


def test_short_forms_are_taken_shown_as_corrected_and_imported_in_full(client_for, ward_clerk, ward):
    agency()
    client = client_for(ward_clerk)
    preview = upload(client, "letter", xlsx(LETTER_HEADERS, [row("Đơn viết tắt", "Đã chuyển", "Đơn khiếu nại")]))
    result = preview.context["result"]
    assert not result.has_validation_errors() and not result.has_errors()
    assert sorted(result.corrections) == [("Loại đơn", "Đơn khiếu nại", "Khiếu nại"),
                                          ("Tình trạng", "Đã chuyển", "Đã chuyển, chờ trả lời")]
    page = preview.content.decode()
    assert "Đã hiểu 2 giá trị viết tắt hoặc viết khác theo danh mục (sẽ nhập giá trị đầy đủ):" in page
    assert "Tình trạng: «Đã chuyển» → «Đã chuyển, chờ trả lời»" in page
    table = page.split('class="import-preview"', 1)[1]
    assert ">Khiếu nại</" in table and ">Đã chuyển, chờ trả lời</" in table  # the row shows the full choices
    confirm(client, "letter", preview)
    letter = Letter.objects.get(content="Đơn viết tắt")
    assert (letter.status, letter.content_type) == (LetterStatus.FORWARDED, LetterContentType.COMPLAINT)


def test_an_ambiguous_short_form_is_an_error_naming_the_candidates(client_for, ward_clerk, ward):
    agency()
    result = upload(client_for(ward_clerk), "letter",
                    xlsx(LETTER_HEADERS, [row("Đơn mơ hồ", "Đã")])).context["result"]
    errors = {r.number: str(r.error_dict) for r in result.invalid_rows}
    assert "Tình trạng «Đã» chưa rõ là giá trị nào: có thể là «Đã chuyển, chờ trả lời», «Đã hướng dẫn»" in errors[1]
    assert not Letter.objects.filter(content="Đơn mơ hồ").exists()


def test_exact_labels_and_stored_values_are_not_called_corrections(client_for, ward_clerk, ward):
    agency()
    client = client_for(ward_clerk)
    result = upload(client, "letter", xlsx(LETTER_HEADERS, [row("Đơn đúng", "đã chuyển, chờ trả lời", "to_cao")])
                    ).context["result"]
    assert not result.has_validation_errors() and result.corrections == []


@pytest.mark.parametrize("choices", [LetterStatus, LetterContentType, LetterHandling, Channel])
@pytest.mark.parametrize("typed", ["Đã chuyển", "da giai quyet", "Đơn tố cáo", "TC", "KN", "Đã trả lời", "Chuyển",
                                   "huong dan", "Trực tiếp", "bưu chính", "Đã", "khiếu nại"])
def test_the_register_import_and_the_ward_workbook_accept_the_same_spellings(choices, typed):
    found = ChoiceMatcher(choices).match(typed)
    widget = ChoiceWidget(choices, "cột")
    if found.found:
        assert widget.clean(typed) == found.value
    else:
        with pytest.raises(ValueError):
            widget.clean(typed)
