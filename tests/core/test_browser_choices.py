"""The sitting form in the browser at 1366×768: terms and examining bodies of the chosen council only."""
import os

import pytest

from apps.core.models import Body, Term

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SEARCH_SCREENSHOTS", "/tmp/search-shots")

VISIBLE = """(name) => Array.from(document.querySelectorAll(`select[name$="${name}"] option`))
    .filter(o => o.value && !o.hidden).map(o => o.textContent.trim())"""


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
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, "sitting-form-term-ka-long.png"), full_page=True)

    page.select_option("select[name=council]", str(other_ward.pk))
    terms = page.evaluate(VISIBLE, "term")
    assert terms and all(label.endswith("— HĐND phường Trần Phú") for label in terms), terms
    assert all("Ka Long" not in label for label in page.evaluate(VISIBLE, "agenda_items-__prefix__-examining_body"))
    page.screenshot(path=os.path.join(SHOTS, "sitting-form-term-tran-phu.png"), full_page=True)
