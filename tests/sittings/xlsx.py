"""Round-trip helpers: export a resource to xlsx bytes and import bytes back, as the admin does."""
from apps.core.importexport import SafeXLSX


def export_bytes(resource_class, user, queryset=None):
    dataset = resource_class(user=user).export(queryset)
    return SafeXLSX().export_data(dataset)


def import_bytes(resource_class, user, data, dry_run=False):
    dataset = SafeXLSX().create_dataset(data)
    return resource_class(user=user).import_data(dataset, dry_run=dry_run)


def row_errors(result):
    """Every row error as text: validation errors (per field) and raised errors."""
    texts = []
    for invalid in result.invalid_rows:
        for field, messages in invalid.error_dict.items():
            texts.extend(f"dòng {invalid.number}: {field}: {m}" for m in messages)
    for number, errors in result.row_errors():
        texts.extend(f"dòng {number}: {e.error}" for e in errors)
    return texts


def workbook(headers, rows):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
