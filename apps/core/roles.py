"""The four roles as Django groups with their permissions (created by load_reference_data).

Permissions are derived from app labels, so a model added later gets the right
permissions the next time ``load_reference_data`` runs.
"""
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from .choices import Role

REGISTER_APPS = ("sittings", "oversight", "petitions", "reception", "reports")
# Reference data a clerk maintains for their own council.
COUNCIL_REFERENCE_MODELS = ("body", "delegate", "membership", "term")
SHARED_REFERENCE_MODELS = ("agency", "field", "adminunit", "council", "reportingperiod", "holiday", "deadlinerule")

GROUP_NAMES = {
    Role.SECRETARIAT: "Chuyên viên Văn phòng HĐND",
    Role.WARD: "Công chức HĐND cấp xã",
    Role.LEADER: "Thường trực HĐND (chỉ xem)",
    "admin": "Quản trị hệ thống",
}
# Models inside register apps that clerks only read: form definitions that administrators
# change (a new form version is a data change) and logs.
READ_ONLY_FOR_CLERKS = {"reports.indicator", "reports.consistencyrule", "reports.importattempt"}
ADMIN_MANAGED = {"reports.indicator", "reports.consistencyrule"}
# Models of register apps for the roles that see every denouncer's identity, never ward clerks:
# the per-record grants of that sight (the secretariat grants, leaders read).
IDENTITY_MANAGED = {"reception.identitygrant"}
# Extra per-model permissions beyond add/change/delete/view.
EXTRA_ACTIONS = ("import", "export")


def register_models():
    for label in REGISTER_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def ensure_import_export_permissions():
    """import_<model> and export_<model> for every register and council reference model."""
    models = list(register_models()) + [apps.get_model("core", name) for name in COUNCIL_REFERENCE_MODELS]
    for model in models:
        ct = ContentType.objects.get_for_model(model)
        for action in EXTRA_ACTIONS:
            Permission.objects.get_or_create(
                content_type=ct, codename=f"{action}_{model._meta.model_name}",
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"[:255]},
            )


def _perms(models, actions):
    wanted = []
    for model in models:
        ct = ContentType.objects.get_for_model(model)
        for action in actions:
            wanted.append((ct.pk, f"{action}_{model._meta.model_name}"))
    by_key = {
        (p.content_type_id, p.codename): p
        for p in Permission.objects.filter(content_type_id__in={ct for ct, _c in wanted})
    }
    return [by_key[key] for key in wanted if key in by_key]


def role_permissions():
    all_register_models = list(register_models())
    registers = [m for m in all_register_models
                 if m._meta.label_lower not in READ_ONLY_FOR_CLERKS | IDENTITY_MANAGED]
    identity_managed = [m for m in all_register_models if m._meta.label_lower in IDENTITY_MANAGED]
    read_only = [m for m in all_register_models if m._meta.label_lower in READ_ONLY_FOR_CLERKS]
    admin_managed = [m for m in all_register_models if m._meta.label_lower in ADMIN_MANAGED]
    council_ref = [apps.get_model("core", n) for n in COUNCIL_REFERENCE_MODELS]
    shared_ref = [apps.get_model("core", n) for n in SHARED_REFERENCE_MODELS]
    all_actions = ("add", "change", "delete", "view", "import", "export")
    clerk = _perms(registers + council_ref, all_actions) + _perms(shared_ref + read_only, ("view",))
    extra_secretariat = _perms([apps.get_model("core", n) for n in ("agency", "field")], ("add", "change"))
    # Leaders export what they read (scoped and masked by each register's resource); they change nothing.
    leader = _perms(registers + council_ref + shared_ref + read_only, ("view",)) + _perms(
        registers + council_ref, ("export",))
    from django.contrib.auth import get_user_model

    admin_models = [get_user_model(), Group, apps.get_model("core", "StaffProfile")] + shared_ref + admin_managed
    axes_models = [apps.get_model("axes", n) for n in ("AccessAttempt", "AccessFailureLog", "AccessLog")]
    # Administrators see and clear login lockouts.
    admin = _perms(admin_models, ("add", "change", "delete", "view")) + _perms(axes_models, ("view", "delete"))
    special = list(Permission.objects.filter(content_type__app_label__in=REGISTER_APPS, codename__startswith="view_denouncer"))
    return {
        Role.SECRETARIAT: clerk + extra_secretariat + special + _perms(identity_managed, ("add", "change", "delete",
                                                                                          "view")),
        Role.WARD: clerk,
        Role.LEADER: leader + special + _perms(identity_managed, ("view",)),
        "admin": admin,
    }


def sync_groups(changes=None):
    """Create or update the role groups; returns {role: group}. Idempotent.

    ``changes``, a list, receives the names of groups created or changed.
    """
    ensure_import_export_permissions()
    groups = {}
    for role, perms in role_permissions().items():
        group, created = Group.objects.get_or_create(name=GROUP_NAMES[role])
        current = set(group.permissions.values_list("pk", flat=True))
        wanted = {p.pk for p in perms}
        if current != wanted:
            group.permissions.set(wanted)
        if (created or current != wanted) and changes is not None:
            changes.append(group.name)
        groups[role] = group
    return groups


def group_for(role):
    return Group.objects.get(name=GROUP_NAMES[role])
