"""What a clerk typed in a choice column, and which choice it means (apps/core/choice_match.py)."""
from apps.core.choice_match import ChoiceMatcher
from apps.petitions.choices import PetitionStatus
from apps.reception.choices import LetterContentType, LetterHandling, LetterStatus


def test_the_label_as_written_is_exact_and_needs_no_mention():
    found = ChoiceMatcher(LetterStatus).match("  đã chuyển,  CHỜ trả lời ")
    assert found.value == LetterStatus.FORWARDED and found.exact and not found.corrected


def test_the_first_words_of_a_status_are_taken_and_reported_as_a_correction():
    found = ChoiceMatcher(LetterStatus).match("Đã chuyển")
    assert found.value == LetterStatus.FORWARDED and found.corrected
    assert found.label == "Đã chuyển, chờ trả lời"


def test_diacritics_and_punctuation_do_not_matter():
    matcher = ChoiceMatcher(LetterStatus)
    assert matcher.match("da chuyen cho tra loi").value == LetterStatus.FORWARDED
    assert ChoiceMatcher(PetitionStatus).match("DA GIAI QUYET").value == PetitionStatus.RESOLVED


def test_one_part_of_a_label_is_taken_when_only_one_label_has_it():
    assert ChoiceMatcher(LetterStatus).match("chờ trả lời").value == LetterStatus.FORWARDED
    assert ChoiceMatcher(PetitionStatus).match("Đã giải trình").value == PetitionStatus.EXPLAINED


def test_a_short_form_shared_by_several_choices_is_ambiguous_and_names_them():
    found = ChoiceMatcher(LetterStatus).match("Đã")
    assert not found.found and found.ambiguous
    assert found.candidates == ("Đã chuyển, chờ trả lời", "Đã hướng dẫn", "Đã nhận văn bản trả lời",
                                "Đã thông báo cho công dân")
    message = found.ambiguity_message("tình trạng")
    assert message.startswith("tình trạng «Đã» chưa rõ là giá trị nào: có thể là «Đã chuyển, chờ trả lời»")
    assert "hoặc «Đã thông báo cho công dân»" in message


def test_kn_is_both_khieu_nai_and_kien_nghi_so_it_is_refused_while_tc_and_pa_are_taken():
    matcher = ChoiceMatcher(LetterContentType)
    assert matcher.match("KN").candidates == ("Khiếu nại", "Kiến nghị")
    assert matcher.match("TC").value == LetterContentType.DENUNCIATION
    assert matcher.match("pa").value == LetterContentType.FEEDBACK
    assert matcher.match("KNPA").value == LetterContentType.PETITION  # initials of "Kiến nghị, phản ánh"


def test_synonyms_declared_on_the_list_are_accepted_everywhere_it_is_matched():
    assert ChoiceMatcher(LetterContentType).match("Đơn khiếu nại").value == LetterContentType.COMPLAINT
    assert ChoiceMatcher(LetterStatus).match("Đã trả lời").value == LetterStatus.REPLIED
    assert ChoiceMatcher(PetitionStatus).match("Đã cung cấp thông tin").value == PetitionStatus.EXPLAINED


def test_the_stored_code_is_understood():
    assert ChoiceMatcher(LetterHandling).match("chuyen_don").value == LetterHandling.FORWARD


def test_unknown_and_blank_text_match_nothing():
    matcher = ChoiceMatcher(LetterContentType)
    for text in ("Thư khen", "Đơn", "", None, "K"):
        found = matcher.match(text)
        assert not found.found and not found.ambiguous, text


def test_an_open_list_without_initials_does_not_guess_from_short_words():
    fields = ChoiceMatcher([(1, "Đất đai"), (2, "Tài nguyên, môi trường"), (3, "Giao thông")], initials=False)
    assert fields.match("DD").value is None
    assert fields.match("môi trường").value == 2
    assert fields.match("dat dai").value == 1
