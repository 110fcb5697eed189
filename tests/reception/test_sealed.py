"""A sealed identity (a denouncer's name, address, ID number) attacked as a ward clerk would: URL lookups,
a history revert, a copy from a visit, a letter of several contents; per-record grants; the access log."""
import pytest
from django.test import Client
from django.urls import reverse

from apps.core.models import SensitiveAccessLog
from apps.reception import confidential
from apps.reception.models import IdentityGrant, Letter

from .helpers import make_letter, make_visit

pytestmark = pytest.mark.django_db

NAME = "Quách Thị Thanh Hương"
ADDRESS = "Số 7 phố Hòa Bình, khu 2"
CCCD = "022185001234"
SECRETS = (NAME, "Quách", "Thanh Hương", ADDRESS, CCCD)


def leaks(html):
    return [secret for secret in SECRETS if secret in html]


@pytest.fixture
def denunciation(ward):
    return make_letter(ward, content_type="to_cao", sender_name=NAME, sender_address=ADDRESS, sender_id_number=CCCD,
                       content="Tố cáo cán bộ địa chính nhận tiền khi cấp sổ đỏ.")


@pytest.fixture
def denunciation_visit(ward):
    return make_visit(ward, classification="to_cao", citizen_name=NAME, citizen_address=ADDRESS,
                      citizen_id_number=CCCD, content="Tố cáo việc thu tiền trái phép.")


# --- URL lookups on identity fields ---------------------------------------------------------------
LETTER_LOOKUPS = [
    {"sender_name__startswith": "Quách"}, {"sender_name__istartswith": "quách"}, {"sender_name__regex": "^Quách"},
    {"sender_name": NAME}, {"sender_name__contains": "Hương"}, {"sender_id_number__startswith": "022"},
    {"sender_address__icontains": "Hòa Bình"}, {"visit__citizen_name__startswith": "Quách"},
    {"duplicates__sender_name__startswith": "Quách"},
]
VISIT_LOOKUPS = [
    {"citizen_name__startswith": "Quách"}, {"citizen_id_number__startswith": "022"},
    {"citizen_address__icontains": "Hòa Bình"}, {"letters__sender_name__startswith": "Quách"},
]


@pytest.mark.parametrize("view", ["changelist", "export"])
@pytest.mark.parametrize("model, params", [("letter", p) for p in LETTER_LOOKUPS] + [("visit", p) for p in VISIT_LOOKUPS])
def test_a_ward_clerk_cannot_filter_on_a_sealed_identity(client_for, ward_clerk, denunciation, denunciation_visit,
                                                         model, params, view):
    denunciation.visit = denunciation_visit
    denunciation.save()
    client = client_for(ward_clerk)
    base = {"id": (denunciation if model == "letter" else denunciation_visit).pk}

    hit = client.get(reverse(f"admin:reception_{model}_{view}"), {**base, **params})
    miss = client.get(reverse(f"admin:reception_{model}_{view}"), {**base, **{k: "Zz" for k in params}})

    # Refused, whatever the value: the answer no longer tells a match from a miss.
    assert hit.status_code == miss.status_code == 400
    assert leaks(hit.content.decode()) == []


@pytest.mark.parametrize("view", ["changelist", "export"])
def test_a_refused_lookup_is_a_vietnamese_admin_page_linking_back_to_the_list(client_for, ward_clerk, denunciation,
                                                                            view, caplog):
    client = client_for(ward_clerk)
    with caplog.at_level("ERROR", logger="django.security.DisallowedModelAdminLookup"):
        response = client.get(reverse(f"admin:reception_letter_{view}"), {"sender_name__startswith": "Quách"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Không được lọc hay tìm danh sách theo thông tin nhân thân được bảo mật" in page
    assert f'href="{reverse("admin:reception_letter_changelist")}"' in page
    assert 'id="user-tools"' in page  # the admin's own page, with its header and menus
    assert leaks(page) == []
    [logged] = [r for r in caplog.records if r.name == "django.security.DisallowedModelAdminLookup"]
    assert "sender_name__startswith" in logged.getMessage() and logged.request.user == ward_clerk


def test_a_refused_regular_expression_is_explained_in_vietnamese(client_for, secretariat_clerk):
    response = client_for(secretariat_clerk).get("/admin/petitions/petition/", {"content__regex": "("})

    assert response.status_code == 400
    assert "Không được lọc danh sách bằng biểu thức chính quy" in response.content.decode()


def test_in_english_the_refusal_speaks_english(client_for, ward_clerk, denunciation):
    client = client_for(ward_clerk)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("admin:index")})
    page = client.get(reverse("admin:reception_letter_changelist"), {"sender_name__startswith": "Quách"})
    assert page.status_code == 400
    assert "may not be filtered or searched by sealed personal details" in page.content.decode()
    assert "Back to the list of" in page.content.decode()


def test_the_secretariat_may_still_filter_on_names(client_for, secretariat_clerk, denunciation):
    response = client_for(secretariat_clerk).get(reverse("admin:reception_letter_changelist"),
                                                 {"sender_name__startswith": "Quách"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [denunciation]


def test_a_ward_clerk_still_filters_on_other_columns(client_for, ward_clerk, denunciation):
    response = client_for(ward_clerk).get(reverse("admin:reception_letter_changelist"), {"content_type__exact": "to_cao"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [denunciation]


@pytest.mark.parametrize("params", [{"sender_name__regex": "("}, {"content__iregex": "a{99999}"},
                                    {"content__regex": "[z-a]"}])
@pytest.mark.parametrize("persona", ["ward_clerk", "secretariat_clerk"])
def test_regular_expressions_in_the_url_are_refused_not_a_server_error(request, client_for, denunciation, params,
                                                                      persona):
    client = client_for(request.getfixturevalue(persona))
    for view in ("changelist", "export"):
        assert client.get(reverse(f"admin:reception_letter_{view}"), params).status_code == 400


def test_regular_expressions_are_refused_on_other_registers_too(client_for, secretariat_clerk):
    assert client_for(secretariat_clerk).get("/admin/petitions/petition/", {"content__regex": "("}).status_code == 400
    assert client_for(secretariat_clerk).get("/admin/core/agency/", {"name__iregex": "a{99999}"}).status_code == 400


def test_autocomplete_does_not_find_a_denouncer_by_address_or_number(client_for, ward_clerk, denunciation):
    client = client_for(ward_clerk)
    for term in ("Hòa Bình", CCCD, "Quách"):
        response = client.get(reverse("admin:autocomplete"), {
            "term": term, "app_label": "reception", "model_name": "letter", "field_name": "duplicate_of"})
        assert response.json()["results"] == [], term


# --- history revert ---------------------------------------------------------------------------------
def history_form_data(response):
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if hasattr(value, "strftime"):
            value = value.strftime("%d/%m/%Y")
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = value
    data["_save"] = "1"
    return data


def test_a_ward_clerk_cannot_restore_a_version_from_before_the_seal(client_for, ward_clerk, ward):
    letter = make_letter(ward, content_type="kien_nghi", sender_name=NAME, sender_id_number=CCCD)
    letter.content_type = "to_cao"  # reclassified as a denunciation by the secretariat
    letter.save()
    first = letter.history.earliest()
    client = client_for(ward_clerk)
    url = reverse("admin:reception_letter_simple_history", args=[letter.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200 and leaks(page.content.decode()) == []

    response = client.post(url, history_form_data(page), follow=True)

    letter.refresh_from_db()
    assert letter.content_type == "to_cao"
    html = response.content.decode()
    assert "Không khôi phục được phiên bản này" in html
    assert leaks(html) == []
    html = client.get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()
    assert leaks(html) == []


def test_a_ward_clerk_may_restore_a_sealed_version(client_for, ward_clerk, denunciation):
    denunciation.note = "Ghi chú sai"
    denunciation.save()
    first = denunciation.history.earliest()
    client = client_for(ward_clerk)
    url = reverse("admin:reception_letter_simple_history", args=[denunciation.pk, first.history_id])

    response = client.post(url, history_form_data(client.get(url)))

    assert response.status_code == 302
    denunciation.refresh_from_db()
    assert denunciation.note == "" and denunciation.sender_name == NAME and denunciation.content_type == "to_cao"


# --- copying from a visit, several contents -------------------------------------------------------
def test_a_letter_taken_from_a_denunciation_visit_keeps_the_seal(client_for, ward_clerk, ward, denunciation_visit):
    client = client_for(ward_clerk)
    response = client.post(reverse("admin:reception_letter_add"), {
        "council": ward.pk, "received_date": "01/03/2022", "channel": "truc_tiep", "visit": denunciation_visit.pk,
        "content_type": "khieu_nai", "content": "Khiếu nại quyết định thu hồi đất.", "competence": "khong_thuoc",
        "eligible": "on", "status": "chua_xu_ly", "_save": "1"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    letter = Letter.objects.get(visit=denunciation_visit)
    assert letter.sender_name == NAME  # the sender is still copied from the visit ...
    assert letter.is_sealed  # ... and sealed with it

    for url in (reverse("admin:reception_letter_changelist"), reverse("admin:reception_letter_change", args=[letter.pk]),
                reverse("admin:reception_visit_change", args=[denunciation_visit.pk])):
        assert leaks(client.get(url).content.decode()) == [], url
    form = client.get(reverse("admin:reception_letter_change", args=[letter.pk])).context["adminform"].form
    assert "visit" not in form.fields and "content_type" not in form.fields  # the seal cannot be lifted


def test_a_letter_of_several_contents_is_sealed(client_for, ward_clerk, ward):
    letter = make_letter(ward, content_type="nhieu_noi_dung", sender_name=NAME, sender_address=ADDRESS,
                         sender_id_number=CCCD, content="Khiếu nại việc thu hồi đất và tố cáo cán bộ nhận tiền.")
    client = client_for(ward_clerk)

    assert letter.is_sealed
    assert leaks(client.get(reverse("admin:reception_letter_changelist")).content.decode()) == []
    assert leaks(client.get(reverse("admin:reception_letter_change", args=[letter.pk])).content.decode()) == []
    assert client.get(reverse("admin:reception_letter_changelist"), {"q": "Thanh Hương"}).context["cl"].result_count == 0


def test_the_mask_hides_the_family_name_too(client_for, ward_clerk, denunciation):
    html = client_for(ward_clerk).get(reverse("admin:reception_letter_changelist")).content.decode()

    assert "Quách" not in html and confidential.MASK in html


# --- per-record grants ------------------------------------------------------------------------------
def test_the_secretariat_grants_the_handling_clerk_one_record_and_each_view_is_logged(
        client_for, secretariat_clerk, ward_clerk, ward, denunciation):
    other = make_letter(ward, content_type="to_cao", sender_name="Đỗ Văn Khải", content="Tố cáo khác.")
    response = client_for(secretariat_clerk).post(reverse("admin:reception_identitygrant_add"), {
        "user": ward_clerk.pk, "letter": denunciation.pk, "reason": "Được giao xử lý đơn theo văn bản 12/VP"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    grant = IdentityGrant.objects.get()
    assert grant.granted_by == secretariat_clerk
    SensitiveAccessLog.objects.all().delete()

    client = Client(REMOTE_ADDR="203.0.113.44")
    client.force_login(ward_clerk)
    html = client.get(reverse("admin:reception_letter_change", args=[denunciation.pk])).content.decode()
    assert NAME in html and CCCD in html
    assert "Đỗ Văn Khải" not in client.get(reverse("admin:reception_letter_change", args=[other.pk])).content.decode()
    listing = client.get(reverse("admin:reception_letter_changelist")).content.decode()
    assert NAME in listing and "Đỗ Văn Khải" not in listing
    rows = list(SensitiveAccessLog.objects.values_list("username", "action", "ip_address"))
    assert rows == [("kalong_t", "viewed", "203.0.113.44")] * 2
    # The grant reveals, it does not let the clerk search names.
    assert client.get(reverse("admin:reception_letter_changelist"), {"sender_name": NAME}).status_code == 400


def test_a_ward_clerk_cannot_grant_themselves(client_for, ward_clerk, denunciation):
    client = client_for(ward_clerk)

    assert client.get(reverse("admin:reception_identitygrant_add")).status_code == 403
    response = client.post(reverse("admin:reception_identitygrant_add"), {
        "user": ward_clerk.pk, "letter": denunciation.pk, "reason": "tự cấp"})
    assert response.status_code == 403
    assert not IdentityGrant.objects.exists()


def test_a_grant_goes_only_to_a_user_who_sees_the_records_council(client_for, secretariat_clerk, other_ward_clerk,
                                                                  denunciation):
    response = client_for(secretariat_clerk).post(reverse("admin:reception_identitygrant_add"), {
        "user": other_ward_clerk.pk, "letter": denunciation.pk, "reason": "nhầm người"})

    assert response.status_code == 200
    assert not IdentityGrant.objects.exists()


# --- the access log -----------------------------------------------------------------------------------
@pytest.fixture
def secretariat(secretariat_clerk):
    client = Client(REMOTE_ADDR="198.51.100.23")
    client.force_login(secretariat_clerk)
    return client


def logged():
    return list(SensitiveAccessLog.objects.order_by("pk").values_list("action", "model", "ip_address"))


def test_the_secretariats_changelist_of_denunciations_is_logged_with_the_address(secretariat, denunciation):
    response = secretariat.get(reverse("admin:reception_letter_changelist"), {"content_type__exact": "to_cao"})

    assert NAME in response.content.decode()
    assert logged() == [("viewed", "reception.Letter", "198.51.100.23")]


def test_a_changelist_without_sealed_rows_is_not_logged(secretariat, ward):
    make_letter(ward, content_type="kien_nghi")
    secretariat.get(reverse("admin:reception_letter_changelist"))

    assert logged() == []


def test_history_pages_of_a_denunciation_are_logged(secretariat, denunciation):
    secretariat.get(reverse("admin:reception_letter_history", args=[denunciation.pk]))
    version = denunciation.history.earliest()
    secretariat.get(reverse("admin:reception_letter_simple_history", args=[denunciation.pk, version.history_id]))

    assert logged() == [("viewed", "reception.Letter", "198.51.100.23")] * 2


def test_a_register_export_is_logged_with_the_address(secretariat, denunciation):
    from tests.security.helpers import export_xlsx

    export_xlsx(secretariat, Letter)

    assert logged() == [("exported", "reception.Letter", "198.51.100.23")]
