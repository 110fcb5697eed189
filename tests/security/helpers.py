"""Shared helpers for the security suite: admin import/export through the real views."""
import io

import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def xlsx_bytes(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_xlsx(client, model):
    """POST the admin export form with its defaults (every field, the only format): the xlsx bytes."""
    url = admin_url(model, "export")
    form = client.get(url).context["form"]
    data = {"format": "0"}
    for name, field in form.fields.items():
        if field.initial is True:
            data[name] = "on"
        elif name == "resource":
            data[name] = "0"
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    assert "spreadsheetml" in response["Content-Type"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def import_preview(client, model, content, filename="tep.xlsx"):
    upload = SimpleUploadedFile(filename, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return client.post(admin_url(model, "import"), {"format": "0", "resource": "0", "import_file": upload})


def import_confirm(client, model, preview):
    confirm = preview.context["confirm_form"]
    assert confirm is not None, preview.context["result"] and [
        (e.error, getattr(e, "row", None)) for e in preview.context["result"].base_errors
    ]
    return client.post(admin_url(model, "process_import"), confirm.initial)


def preview_files():
    folder = settings.MEDIA_ROOT
    import os

    path = os.path.join(folder, "django-import-export")
    return sorted(os.listdir(path)) if os.path.isdir(path) else []
