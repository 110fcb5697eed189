"""Extension points that domain apps fill without core importing them.

(The registers' ``indicators`` modules are not found here: the summary imports them by name,
so that a missing one is an error, not a blank figure; see apps/reports/summary/builder.py.)

Each installed app may provide, by module name:
- ``<app>.seed``       with ``seed(ctx)``: adds demo records (seed_demo);
- ``<app>.dashboard``  with ``cards(request)``: returns dashboard cards (admin index);
- ``<app>.admin_urls`` with ``urlpatterns(site)``: extra admin pages (each view in site.admin_view);
- ``<app>.reference`` with ``load(fixtures_dir)`` -> number of rows changed (load_reference_data).
"""
from importlib import import_module

from django.apps import apps


def app_modules(name):
    """Yield the ``name`` submodule of every installed project app that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        try:
            yield import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
