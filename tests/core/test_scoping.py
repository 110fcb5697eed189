"""The one scoping rule, on every surface the base admin class covers (Body and Delegate registers)."""
import io
import unicodedata

import openpyxl
import pytest
from django.urls import reverse

from apps.core.models import Body, Council, Delegate, Term

pytestmark = pytest.mark.django_db


def delegate(council, name):
    return Delegate.objects.create(council=council, term=Term.objects.filter(council=council).first(), full_name=name)


@pytest.fixture
def delegates(ward, other_ward, city):
    return {
        "own": delegate(ward, "Nguyễn Thị Hải Hòa"),
        "other": delegate(other_ward, "Trần Văn Bí Mật"),
        "city": delegate(city, "Lê Văn Thành Phố"),
    }


def test_for_user_applies_the_rule(delegates, personas):
    def names(persona):
        return set(Delegate.objects.for_user(personas[persona]).values_list("full_name", flat=True))

    assert names("ward") == {"Nguyễn Thị Hải Hòa"}
    assert names("other_ward") == {"Trần Văn Bí Mật"}
    assert names("secretariat") == names("leader") == {"Nguyễn Thị Hải Hòa", "Trần Văn Bí Mật", "Lê Văn Thành Phố"}
    assert len(names("superuser")) == 3


def test_a_user_without_council_sees_nothing(delegates, django_user_model):
    stranger = django_user_model.objects.create_user("stranger", is_staff=True)
    assert not Delegate.objects.for_user(stranger).exists()


def test_ward_clerk_changelist_shows_only_own_rows(delegates, ward_clerk, client_for):
    html = client_for(ward_clerk).get(reverse("admin:core_delegate_changelist")).content.decode()
    assert "Nguyễn Thị Hải Hòa" in html
    assert "Trần Văn Bí Mật" not in html and "Lê Văn Thành Phố" not in html


def test_foreign_key_choices_are_scoped(delegates, ward_clerk, client_for, other_ward):
    html = client_for(ward_clerk).get(reverse("admin:core_delegate_add")).content.decode()
    assert "HĐND phường Ka Long" in html
    assert "HĐND phường Trần Phú" not in html
    # Posting another council's id is refused by the form, nothing written.
    before = Delegate.objects.count()
    term = Term.objects.filter(council=other_ward).first()
    response = client_for(ward_clerk).post(reverse("admin:core_delegate_add"), {
        "council": other_ward.pk, "term": term.pk, "full_name": "Kẻ Lạ",
        "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200 and Delegate.objects.count() == before


def test_list_filter_choices_are_scoped(delegates, ward_clerk, secretariat_clerk, client_for):
    html = client_for(ward_clerk).get(reverse("admin:core_delegate_changelist")).content.decode()
    # The term filter lists only the ward's own term, and there is no council filter for a single council.
    assert "?council=" not in html
    terms = Term.objects.filter(council__admin_unit__code="06712").values_list("pk", flat=True)
    assert all(f"term__id__exact={pk}" not in html for pk in terms)
    html = client_for(secretariat_clerk).get(reverse("admin:core_delegate_changelist")).content.decode()
    assert "?council=" in html


def test_autocomplete_is_scoped(delegates, ward_clerk, client_for):
    response = client_for(ward_clerk).get(reverse("admin:autocomplete"), {
        "app_label": "core", "model_name": "staffprofile", "field_name": "council", "term": "HĐND",
    })
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["HĐND phường Ka Long"]


def test_council_autocomplete_lists_only_visible_councils(secretariat_clerk, client_for):
    from django.contrib.auth.models import Permission

    # Give the secretariat the right to manage profiles to reach the autocomplete.
    secretariat_clerk.user_permissions.add(*Permission.objects.filter(codename__in=["change_user", "view_user", "change_staffprofile", "view_staffprofile"]))
    response = client_for(secretariat_clerk).get(reverse("admin:autocomplete"), {
        "app_label": "core", "model_name": "staffprofile", "field_name": "council", "term": "HĐND",
    })
    names = {row["text"] for row in response.json()["results"]}
    assert "HĐND phường Ka Long" in names and "HĐND tỉnh Quảng Ninh" not in names


def test_history_of_another_councils_deleted_record_is_hidden(delegates, ward_clerk, client_for):
    other = delegates["other"]
    pk = other.pk
    other.delete()
    response = client_for(ward_clerk).get(reverse("admin:core_delegate_history", args=[pk]))
    assert response.status_code == 404


def test_a_version_of_another_councils_record_is_hidden_and_an_own_one_shown(delegates, ward_clerk, client_for):
    client = client_for(ward_clerk)
    for key, status in (("other", 404), ("own", 200)):
        record = delegates[key]
        version = record.history.first()
        url = reverse("admin:core_delegate_simple_history", args=[record.pk, version.history_id])
        assert client.get(url).status_code == status, key


def test_a_version_of_a_record_moved_out_of_scope_is_hidden(delegates, ward_clerk, other_ward, client_for):
    record = delegates["own"]
    version = record.history.first()  # written while the delegate was Ka Long's
    record.council = other_ward
    record.term = Term.objects.filter(council=other_ward).first()
    record.save()
    url = reverse("admin:core_delegate_simple_history", args=[record.pk, version.history_id])
    assert client_for(ward_clerk).get(url).status_code == 404


def test_export_contains_only_own_rows_and_needs_the_permission(delegates, ward_clerk, client_for):
    client = client_for(ward_clerk)
    response = client.post(reverse("admin:core_delegate_export"), {"format": "0", "export_items": [], **{
        f"delegateresource_{f}": "on" for f in ("council", "full_name")}})
    assert response.status_code == 200, response.content[:500]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    text = "\n".join(str(c.value) for row in wb.active.iter_rows() for c in row)
    assert "Nguyễn Thị Hải Hòa" in text and "Trần Văn Bí Mật" not in text
    ward_clerk.groups.clear()
    ward_clerk.user_permissions.add(*__import__("django.contrib.auth.models", fromlist=["Permission"]).Permission.objects.filter(codename="view_delegate"))
    from django.contrib.auth import get_user_model

    fresh = get_user_model().objects.get(pk=ward_clerk.pk)
    assert client_for(fresh).get(reverse("admin:core_delegate_export")).status_code == 403


@pytest.mark.parametrize("typed", ["Hải Hòa", unicodedata.normalize("NFD", "Hải Hòa"), "Hải Hoà", "hải hòa", "HẢI HÒA"])
def test_search_finds_vietnamese_names_whatever_the_form(delegates, ward_clerk, client_for, typed):
    response = client_for(ward_clerk).get(reverse("admin:core_delegate_changelist"), {"q": typed})
    assert [d.full_name for d in response.context["cl"].result_list] == ["Nguyễn Thị Hải Hòa"]


def test_text_is_stored_nfc_and_trimmed(ward):
    body = Body.objects.create(council=ward, name=unicodedata.normalize("NFD", "  Tổ đại biểu số 1 "), kind="to_dai_bieu")
    body.refresh_from_db()
    assert body.name == "Tổ đại biểu số 1" and unicodedata.is_normalized("NFC", body.name)


def test_created_and_updated_by_are_recorded(ward_clerk, client_for, ward):
    term = Term.objects.filter(council=ward).first()
    response = client_for(ward_clerk).post(reverse("admin:core_delegate_add"), {
        "council": ward.pk, "term": term.pk, "full_name": "Phạm Văn Mới", "position": "", "constituency": "",
        "active": "on", "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Delegate.objects.get(full_name="Phạm Văn Mới")
    assert created.created_by == ward_clerk and created.history.count() == 1
    assert created.history.first().history_user == ward_clerk


def test_superuser_sees_every_council(delegates, superuser):
    assert Council.objects.for_user(superuser).count() == Council.objects.count()
