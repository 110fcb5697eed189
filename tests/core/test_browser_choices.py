"""Choices in the browser at 1366×768: the sitting form offers the chosen council's terms and bodies only
(a select for a district's secretariat and a ward clerk, a search for a province's secretariat), and the
province's secretariat opens the summary of 2025-H2 over its communes."""
import datetime
import os

import pytest

from apps.core.choices import CouncilLevel, Role
from apps.core.models import Body, Council, ReportingPeriod, StaffProfile, Term
from apps.sittings.models import Sitting
from tests.conftest import council, make_user

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("CHOICES_SCREENSHOTS", "/tmp/shots-choices")

VISIBLE = """(name) => Array.from(document.querySelectorAll(`select[name$="${name}"] option`))
    .filter(o => o.value && !o.hidden).map(o => o.textContent.trim())"""


def shot(page, name, open_select=None):
    """A full-page screenshot; ``open_select``: a select drawn open (its visible options listed) for the picture."""
    os.makedirs(SHOTS, exist_ok=True)
    if open_select:
        page.eval_on_selector(open_select, "s => { s.size = s.querySelectorAll('option:not([hidden])').length + 1; s.style.height = 'auto'; }")
    page.screenshot(path=os.path.join(SHOTS, name), full_page=True)
    if open_select:
        page.eval_on_selector(open_select, "s => { s.size = 0; s.style.height = ''; }")


def search_results(page, select_id, text=""):
    """Open the autocomplete of ``select_id``, type ``text``, and return the answers shown."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    field = page.locator(".select2-container--open .select2-search__field")
    field.fill(text)
    page.wait_for_selector(".select2-container--open .select2-results__option:not(.loading-results)")
    page.wait_for_function("""() => !document.querySelector('.select2-container--open .loading-results')""")
    return [t.strip() for t in page.locator(".select2-container--open .select2-results__option").all_text_contents()]


def choose(page, select_id, text, label):
    search_results(page, select_id, text)
    page.click(f".select2-container--open .select2-results__option:text-is('{label}')")


def test_the_sitting_form_offers_the_chosen_councils_terms_and_bodies(page, live_server, login, secretariat_clerk,
                                                                      ward, other_ward):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, secretariat_clerk)
    page.goto(f"{live_server.url}/admin/sittings/sitting/add/")
    page.select_option("select[name=council]", str(ward.pk))
    page.fill("input[name=start_date]", "15/04/2022")
    page.dispatch_event("input[name=start_date]", "change")

    terms = page.evaluate(VISIBLE, "term")
    expected = [t for t in Term.objects.filter(council=ward) if t.start_date.isoformat() <= "2022-04-15"
                and (t.end_date is None or t.end_date.isoformat() >= "2022-04-15")]
    assert len(terms) == len(expected) >= 1
    assert all(label.endswith("— HĐND phường Ka Long") for label in terms), terms
    # The only term that fits is chosen for the clerk.
    assert page.eval_on_selector("select[name=term]", "s => s.value") == str(expected[0].pk)

    bodies = page.evaluate(VISIBLE, "agenda_items-__prefix__-examining_body")
    assert sorted(bodies) == sorted(f"{b.name} — {ward.name}" for b in Body.objects.filter(council=ward))
    assert len(set(bodies)) == len(bodies)
    shot(page, "sitting-form-term-ka-long.png", "#id_term")

    page.select_option("select[name=council]", str(other_ward.pk))
    terms = page.evaluate(VISIBLE, "term")
    assert terms and all(label.endswith("— HĐND phường Trần Phú") for label in terms), terms
    assert all("Ka Long" not in label for label in page.evaluate(VISIBLE, "agenda_items-__prefix__-examining_body"))
    shot(page, "sitting-form-term-tran-phu.png", "#id_term")


@pytest.fixture
def mong_cai_1(reference_data):
    return council("06712", on_or_before_2025=False)


@pytest.fixture
def mong_cai_1_clerk(mong_cai_1):
    """The clerk of Phường Móng Cái 1 (06712 since 01/07/2025), like the demo account mongcai1."""
    user = make_user("mongcai1_t", "22", Role.WARD)
    StaffProfile.objects.filter(user=user).update(council=mong_cai_1)
    return user


@pytest.fixture
def province_clerk(reference_data):
    """The secretariat of HĐND tỉnh Quảng Ninh, like the demo account quangninh."""
    return make_user("quangninh_t", "22", Role.SECRETARIAT)


def test_the_clerk_of_mong_cai_1_adds_a_sitting_among_their_own_councils_terms(page, live_server, login,
                                                                              mong_cai_1_clerk, mong_cai_1):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, mong_cai_1_clerk)
    page.goto(f"{live_server.url}/admin/sittings/sitting/add/")

    terms = page.evaluate(VISIBLE, "term")
    own = Term.objects.filter(council=mong_cai_1)
    assert sorted(terms) == sorted(str(t) for t in own) and len(terms) == 2, terms  # both terms, nobody else's
    assert not any("—" in label for label in terms)  # one council: no council names needed
    shot(page, "mong-cai-1-sitting-form-terms.png", "#id_term")

    page.fill("#id_number", "3")
    page.select_option("#id_sitting_type", "thuong_le")
    page.fill("#id_start_date", "20/05/2026")
    page.dispatch_event("#id_start_date", "change")
    assert page.evaluate(VISIBLE, "term") == ["Nhiệm kỳ 2026–2031"]
    assert page.eval_on_selector("#id_term", "s => s.value") == str(own.get(name="Nhiệm kỳ 2026–2031").pk)
    shot(page, "mong-cai-1-sitting-form-term-on-date.png", "#id_term")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:2000]
    sitting = Sitting.objects.get(council=mong_cai_1, number=3)
    assert sitting.term.name == "Nhiệm kỳ 2026–2031"


def test_the_province_searches_the_chosen_councils_terms_and_bodies(page, live_server, login, province_clerk,
                                                                  mong_cai_1):
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, province_clerk)
    page.goto(f"{live_server.url}/admin/sittings/sitting/add/")
    assert page.locator("#id_term option").count() <= 1  # a search, not a list of every commune's terms

    choose(page, "id_council", "Móng Cái 1", "HĐND phường Móng Cái 1")
    found = search_results(page, "id_term")
    assert sorted(found) == sorted(str(t) for t in Term.objects.filter(council=mong_cai_1)), found
    shot(page, "province-sitting-form-term-search.png")
    page.keyboard.press("Escape")

    page.fill("#id_start_date", "20/05/2026")
    page.dispatch_event("#id_start_date", "change")
    assert search_results(page, "id_term") == ["Nhiệm kỳ 2026–2031"]
    page.click(".select2-container--open .select2-results__option:text-is('Nhiệm kỳ 2026–2031')")

    page.click("#agenda_items-group .add-row a")
    bodies = search_results(page, "id_agenda_items-0-examining_body")
    assert sorted(bodies) == sorted(Body.objects.filter(council=mong_cai_1).values_list("name", flat=True)), bodies
    shot(page, "province-sitting-form-body-search.png")
    page.keyboard.press("Escape")

    # Another council chosen: the term chosen for the first one is emptied, the search follows the new one.
    choose(page, "id_council", "Móng Cái 2", "HĐND phường Móng Cái 2")
    assert page.eval_on_selector("#id_term", "s => s.value") == ""
    assert search_results(page, "id_term") == ["Nhiệm kỳ 2026–2031"]


def test_the_province_opens_the_summary_of_2025_h2_over_its_communes(page, live_server, login, province_clerk):
    page.set_viewport_size({"width": 1366, "height": 768})
    province = council("22")
    ReportingPeriod.objects.from_code("2025-H2")
    login(page, live_server, province_clerk)
    page.goto(f"{live_server.url}/admin/reports/summary/")
    # The province is the secretariat's own council, chosen already; with 73 councils in its scope the
    # council is a search (a select of every commune's council would be long), whose answers are named.
    assert page.eval_on_selector("#id_council", "s => s.value") == str(province.pk)
    assert sorted(search_results(page, "id_council", "Hải Sơn")) == [
        "HĐND xã Hải Sơn (06724, tỉnh Quảng Ninh)", "HĐND xã Hải Sơn (06724, tỉnh Quảng Ninh, đến 30/06/2025)"]
    shot(page, "province-summary-council-search.png")
    page.keyboard.press("Escape")
    page.select_option("#id_period", "2025-H2")
    with page.expect_navigation():
        page.click("#summary-filter input[type=submit]")
    assert "HĐND tỉnh Quảng Ninh" in page.text_content("#summary-heading")
    assert "6 tháng cuối năm 2025" in page.text_content("#summary-heading")

    names = [n.strip() for n in page.locator("#summary-table tr.ward td.unit:nth-child(2)").all_text_contents()]
    communes = Council.objects.filter(parent=province, level=CouncilLevel.COMMUNE).overlapping(
        ReportingPeriod.objects.from_code("2025-H2").start_date, ReportingPeriod.objects.from_code("2025-H2").end_date)
    assert sorted(names) == sorted(communes.values_list("name", flat=True)) and len(names) >= 50
    assert "HĐND phường Móng Cái 2" in names
    assert all(name.startswith(("HĐND phường", "HĐND xã", "HĐND đặc khu")) for name in names), names
    assert not any("thành phố" in name or "Ka Long" in name for name in names)  # no dissolved council
    shot(page, "province-summary-2025-h2.png")


@pytest.fixture
def mong_cai_2(reference_data):
    return council("06709", on_or_before_2025=False)


def test_the_province_adds_an_agenda_item_from_the_list_and_its_bodies_follow_the_sitting(
        page, live_server, login, province_clerk, mong_cai_1, mong_cai_2):
    """No council field on an agenda item: the sitting chosen in the form decides whose bodies are searched."""
    from apps.sittings.models import AgendaItem

    day = datetime.date(2026, 5, 20)
    for place in (mong_cai_1, mong_cai_2):
        Sitting.objects.create(council=place, term=Term.objects.filter(council=place).order_by("-start_date").first(),
                               number=7, start_date=day, venue="Hội trường")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, province_clerk)
    page.goto(f"{live_server.url}/admin/sittings/agendaitem/")
    with page.expect_navigation():
        page.click("a.addlink:has-text('Thêm nội dung kỳ họp')")
    assert page.url.endswith("/admin/sittings/agendaitem/add/")

    sittings = search_results(page, "id_sitting", "Kỳ họp thứ 7")
    first = next(label for label in sittings if "Móng Cái 1" in label)
    page.click(f".select2-container--open .select2-results__option:text-is('{first}')")
    bodies = search_results(page, "id_examining_body")
    assert sorted(bodies) == sorted(Body.objects.filter(council=mong_cai_1).values_list("name", flat=True)), bodies
    shot(page, "province-agenda-item-body-search.png")
    body = Body.objects.filter(council=mong_cai_1).order_by("name").first()
    page.click(f".select2-container--open .select2-results__option:text-is('{body.name}')")

    # Another ward's sitting: the body chosen for the first ward is emptied, the search follows the new one.
    choose(page, "id_sitting", "Kỳ họp thứ 7", next(label for label in sittings if "Móng Cái 2" in label))
    assert page.eval_on_selector("#id_examining_body", "s => s.value") == ""
    bodies = search_results(page, "id_examining_body")
    assert sorted(bodies) == sorted(Body.objects.filter(council=mong_cai_2).values_list("name", flat=True)), bodies
    body = Body.objects.filter(council=mong_cai_2).order_by("name").first()
    page.click(f".select2-container--open .select2-results__option:text-is('{body.name}')")

    page.fill("#id_title", "Báo cáo kết quả giám sát chuyên đề")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:2000]
    item = AgendaItem.objects.get(title="Báo cáo kết quả giám sát chuyên đề")
    assert item.council_id == mong_cai_2.pk and item.examining_body == body


def test_the_districts_body_select_on_a_new_agenda_item_follows_the_sitting_chosen(
        page, live_server, login, secretariat_clerk, ward, other_ward):
    """A district's secretariat gets a select of bodies named with their council: the sitting chosen shows its own."""
    for place in (ward, other_ward):
        Sitting.objects.create(council=place, term=Term.objects.filter(council=place).order_by("-start_date").first(),
                               number=7, start_date=datetime.date(2022, 4, 15), venue="Hội trường")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, secretariat_clerk)
    page.goto(f"{live_server.url}/admin/sittings/agendaitem/add/")
    assert any("Trần Phú" in label for label in page.evaluate(VISIBLE, "examining_body"))

    sittings = search_results(page, "id_sitting", "Kỳ họp thứ 7")
    page.click(f".select2-container--open .select2-results__option:text-is('{next(s for s in sittings if 'Ka Long' in s)}')")
    bodies = page.evaluate(VISIBLE, "examining_body")
    assert sorted(bodies) == sorted(f"{b.name} — {ward.name}" for b in Body.objects.filter(council=ward)), bodies
    shot(page, "district-agenda-item-body-select.png", "#id_examining_body")
    page.select_option("#id_examining_body", str(Body.objects.filter(council=ward).first().pk))

    choose(page, "id_sitting", "Kỳ họp thứ 7", next(s for s in sittings if "Trần Phú" in s))
    assert page.eval_on_selector("#id_examining_body", "s => s.value") == ""
    bodies = page.evaluate(VISIBLE, "examining_body")
    assert bodies and all(label.endswith("— HĐND phường Trần Phú") for label in bodies), bodies
