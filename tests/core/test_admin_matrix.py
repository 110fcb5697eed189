"""Every registered admin × persona × {changelist, own record, another council's record, add}.

Runs over the demo data (seed_demo), so every register that seeds rows is covered
automatically, and checks that no page ever shows another council's rows.
"""
import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.models import Council, CouncilOwnedModel
from apps.core.scoping import visible_council_ids

SAVE_BUTTON = 'name="_save"'


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Demo data for this module only: seeded in a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))
            yield
            transaction.set_rollback(True)


def council_owned_admins():
    return sorted(
        ((model, model_admin) for model, model_admin in admin.site._registry.items()
         if issubclass(model, CouncilOwnedModel)),
        key=lambda pair: pair[0]._meta.label,
    )


def reference_admins():
    return sorted(
        ((model, model_admin) for model, model_admin in admin.site._registry.items()
         if not issubclass(model, CouncilOwnedModel)),
        key=lambda pair: pair[0]._meta.label,
    )


def url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def code_of(council_code):
    return Council.objects.get(admin_unit__code=council_code, admin_unit__valid_from__isnull=True)


def record_of(model, council):
    return model._default_manager.filter(council=council).order_by("pk").first()


OWN = {"secretariat": "194", "ward": "06709", "other_ward": "06712", "leader": "194"}
# A record outside each persona's scope: Trần Phú for the Ka Long clerk and vice versa;
# for city users, a record moved to the province council (above the city).
FOREIGN = {"ward": "06712", "other_ward": "06709", "secretariat": "22", "leader": "22"}


@pytest.mark.parametrize("model, model_admin", council_owned_admins(), ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("persona", ["secretariat", "ward", "other_ward", "leader"])
def test_register_admin_matrix(demo, db, personas, client_for, model, model_admin, persona):
    user = personas[persona]
    client = client_for(user)
    own = record_of(model, code_of(OWN[persona]))
    foreign_council = Council.objects.get(admin_unit__code=FOREIGN[persona], admin_unit__valid_from__isnull=True)
    foreign = record_of(model, foreign_council)
    if foreign is None and FOREIGN[persona] == "22":
        foreign = record_of(model, code_of("06712"))
        if foreign is not None:
            model._default_manager.filter(pk=foreign.pk).update(council=foreign_council)
    assert own is not None and foreign is not None, f"seed_demo must create {model.__name__} rows for 194, 06709, 06712"

    # Changelist: allowed, and only rows of visible councils.
    response = client.get(url(model, "changelist"))
    assert response.status_code == 200
    visible = visible_council_ids(user)
    shown = set(response.context["cl"].result_list.values_list("council_id", flat=True))
    assert shown <= set(visible), f"{model.__name__}: another council's rows listed for {persona}"

    # Own record: readable; editable except for leaders.
    response = client.get(url(model, "change", own.pk))
    assert response.status_code == 200
    assert (SAVE_BUTTON in response.content.decode()) == (persona != "leader")

    # Another council's record by URL: nothing of it.
    response = client.get(url(model, "change", foreign.pk), follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0] == reverse("admin:index")
    assert "không tồn tại" in response.content.decode()
    response = client.get(url(model, "history", foreign.pk))
    assert response.status_code == 404
    response = client.get(url(model, "delete", foreign.pk))
    assert response.status_code in (302, 403, 404)

    # Add form: clerks yes, leaders no.
    response = client.get(url(model, "add"))
    assert response.status_code == (403 if persona == "leader" else 200)
    if persona == "leader":
        before = model._default_manager.count()
        assert client.post(url(model, "change", own.pk), {}).status_code == 403
        assert model._default_manager.count() == before


@pytest.mark.parametrize("model, model_admin", reference_admins(), ids=lambda v: getattr(v, "__name__", ""))
@pytest.mark.parametrize("persona", ["secretariat", "ward", "leader"])
def test_reference_admins_are_read_only_for_council_staff(demo, db, personas, client_for, model, model_admin, persona):
    client = client_for(personas[persona])
    opts = model._meta
    can_view = personas[persona].has_perm(f"{opts.app_label}.view_{opts.model_name}")
    response = client.get(url(model, "changelist"))
    assert response.status_code == (200 if can_view else 403)
    if model is Council and can_view:
        shown = set(response.context["cl"].result_list.values_list("pk", flat=True))
        assert shown <= set(visible_council_ids(personas[persona]))
    can_add = personas[persona].has_perm(f"{opts.app_label}.add_{opts.model_name}")
    assert client.get(url(model, "add")).status_code == (200 if can_add else 403)
    # Administrators manage users, groups and shared reference data; clerks keep their
    # council's terms, and the secretariat the agency and field lists.
    # The secretariat also grants the person handling a denunciation access to its identity.
    clerk_models = {"term"} | ({"agency", "field", "identitygrant"} if persona == "secretariat" else set())
    assert can_add == (persona != "leader" and opts.model_name in clerk_models)


@pytest.mark.parametrize("model, model_admin", sorted(admin.site._registry.items(), key=lambda p: p[0]._meta.label),
                         ids=lambda v: getattr(v, "__name__", ""))
def test_changelist_queries_do_not_grow_with_rows(demo, db, superuser, client_for, model, model_admin):
    client = client_for(superuser)
    ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:50])
    if len(ids) < 2:
        pytest.skip(f"{model.__name__}: fewer than two rows in the demo data")
    pk_name = model._meta.pk.name

    def queries(some_ids):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(model, "changelist"), {f"{pk_name}__in": ",".join(map(str, some_ids))})
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == len(some_ids)
        # A page showing sealed identities writes one access-log row, whatever the number of rows.
        return len([q for q in ctx.captured_queries if "core_sensitiveaccesslog" not in q["sql"]])

    assert queries(ids[:1]) == queries(ids), f"{model.__name__}: changelist queries grow with the number of rows"


@pytest.mark.parametrize("model, model_admin", council_owned_admins(), ids=lambda v: getattr(v, "__name__", ""))
def test_import_and_export_urls_never_fail(db, secretariat_clerk, client_for, model, model_admin):
    """Registers without import/export formats answer 403, never a server error."""
    client = client_for(secretariat_clerk)
    for action in ("import", "export"):
        try:
            target = url(model, action)
        except Exception:  # no such URL for this admin
            continue
        response = client.get(target)
        assert response.status_code in (200, 403), (model.__name__, action, response.status_code)


@pytest.mark.django_db
def test_every_demo_record_keeps_the_rules_of_its_form(demo):
    """The demo shows records a clerk could have entered: each passes its model's own rules (clean: no
    district competence after 07/2025, a status that needs an answer has one…), and every agency a record
    is forwarded to is one its council's forms offer (its own area, never another province's)."""
    from django.apps import apps
    from django.core.exceptions import ValidationError

    from apps.core.agencies import area_unit_ids
    from apps.core.models import Agency

    broken, foreign, checked = [], [], 0
    areas = {}
    for model in apps.get_models():
        if not issubclass(model, CouncilOwnedModel):
            continue
        agency_fields = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is Agency]
        for obj in model._default_manager.select_related(*(f.name for f in agency_fields)).iterator():
            checked += 1
            try:
                obj.clean()
            except ValidationError as error:
                broken.append((model.__name__, obj.pk, error.messages[0]))
            for field in agency_fields:
                agency = getattr(obj, field.name)
                if agency is None or agency.admin_unit_id is None:
                    continue
                if obj.council_id not in areas:
                    areas[obj.council_id] = area_unit_ids([obj.council_id])
                if agency.admin_unit_id not in areas[obj.council_id]:
                    foreign.append((model.__name__, obj.pk, agency.name))
    assert checked > 2000
    assert not broken, broken[:10]
    assert not foreign, foreign[:10]


@pytest.mark.django_db
def test_the_demo_forwards_only_to_agencies_of_its_own_area():
    """The test database holds one province's reference data, so the check above cannot meet another
    province's agency: here one is added, and neither era of the demo may pick it."""
    import random

    from apps.core.choices import AgencyLevel, UnitType
    from apps.core.models import AdminUnit, Agency
    from apps.core.seed import CURRENT, HISTORY, SeedContext
    from tests.conftest import ensure_reference_data

    ensure_reference_data()
    elsewhere = AdminUnit.objects.create(code="97", name="Tỉnh Khác", unit_type=UnitType.PROVINCE)
    foreign = Agency.objects.create(name="UBND tỉnh Khác", level=AgencyLevel.PROVINCE, admin_unit=elsewhere)
    for era in (HISTORY, CURRENT):
        agencies = SeedContext(scale=1, rng=random.Random(1), era=era).agencies
        assert agencies and foreign not in agencies, era
