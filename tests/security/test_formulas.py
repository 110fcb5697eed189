"""Formula text round-trips as text through each register's admin export and import."""
import datetime
import io
import zipfile

import openpyxl
import pytest

from apps.core.models import Body, Delegate, Term

from .helpers import export_xlsx, import_confirm, import_preview

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1:A9)", "=1+1"]


@pytest.fixture
def term(ward):
    return Term.objects.filter(council=ward).first() or Term.objects.create(
        council=ward, name="Khóa thử nghiệm", start_date=datetime.date(2021, 7, 1))


@pytest.fixture
def formula_rows(ward, term):
    bodies = [Body.objects.create(council=ward, name=text, kind="khac") for text in FORMULAS]
    delegates = [Delegate.objects.create(council=ward, term=term, full_name=text, position=text) for text in FORMULAS]
    return {Body: bodies, Delegate: delegates}


def cells_by_value(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {cell.value: cell for row in book.active.iter_rows() for cell in row if isinstance(cell.value, str)}


@pytest.mark.parametrize("model", [Body, Delegate], ids=lambda m: m.__name__)
def test_formula_text_is_exported_as_a_string_cell(client_for, superuser, formula_rows, model):
    content = export_xlsx(client_for(superuser), model)

    cells = cells_by_value(content)
    for text in FORMULAS:
        assert cells[text].data_type == "s", text
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in package.read(n) or b"<f " in package.read(n) for n in sheets)


@pytest.mark.parametrize("model", [Body, Delegate], ids=lambda m: m.__name__)
def test_importing_the_exported_file_back_changes_nothing(client_for, superuser, formula_rows, model):
    client = client_for(superuser)
    content = export_xlsx(client, model)
    field = "name" if model is Body else "full_name"
    before = sorted(model.objects.values_list("pk", field))

    preview = import_preview(client, model, content, "xuat-ra.xlsx")
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    import_confirm(client, model, preview)

    assert sorted(model.objects.values_list("pk", field)) == before
    assert set(FORMULAS) <= {value for _pk, value in before}


def register_admins():
    from django.contrib import admin

    from apps.core.admin_base import CouncilOwnedAdmin

    return sorted(((m, a) for m, a in admin.site._registry.items() if isinstance(a, CouncilOwnedAdmin)),
                  key=lambda pair: pair[0]._meta.label)


def test_every_register_imports_and_exports_only_through_the_safe_xlsx_format():
    from apps.core.importexport import SafeXLSX

    unsafe = [
        f"{model._meta.label}: {fmt.__name__}"
        for model, model_admin in register_admins()
        for fmt in [*model_admin.get_export_formats(), *model_admin.get_import_formats()]
        if not issubclass(fmt, SafeXLSX)
    ]

    assert not unsafe, "formats that skip the upload checks or the safe writer: " + ", ".join(unsafe)
