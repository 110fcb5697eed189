import unicodedata

from apps.core.text import clean_inline, fold, nfc, search_words, strip_diacritics


def test_nfc_composes_and_trims():
    assert nfc(unicodedata.normalize("NFD", "  Hải Hòa ")) == "Hải Hòa"


def test_fold_drops_diacritics_case_and_tone_placement():
    assert fold("Hải Hòa") == fold("HẢI HOÀ") == fold(unicodedata.normalize("NFD", "Hải Hoà")) == "hai hoa"
    assert fold("Nguyễn  Văn Đức") == "nguyen van duc"
    assert fold("KN-2022-0017") == "kn-2022-0017"
    assert fold(None) == ""


def test_search_words_are_folded_and_unquoted():
    assert search_words(' "Rác thải"  rác 0017/2022 KN-2022-0017') == ["rac thai", "rac", "0017 2022", "kn 2022 0017"]


def test_clean_inline_and_strip_diacritics():
    assert clean_inline(" Nguyễn   Văn  An ") == "Nguyễn Văn An"
    assert strip_diacritics("Đặng Thị Hòa") == "dang thi hoa"
