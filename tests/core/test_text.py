import unicodedata

from apps.core.text import clean_inline, nfc, search_variants, strip_diacritics


def test_nfc_composes_and_trims():
    assert nfc(unicodedata.normalize("NFD", "  Hải Hòa ")) == "Hải Hòa"


def test_search_variants_cover_old_and_new_tone_placement():
    assert set(search_variants("Hải Hòa")) == {"Hải Hòa", "Hải Hoà"}
    assert set(search_variants(unicodedata.normalize("NFD", "Hải Hoà"))) == {"Hải Hoà", "Hải Hòa"}
    assert search_variants("Ka Long") == ["Ka Long"]


def test_clean_inline_and_strip_diacritics():
    assert clean_inline(" Nguyễn   Văn  An ") == "Nguyễn Văn An"
    assert strip_diacritics("Đặng Thị Hòa") == "dang thi hoa"
