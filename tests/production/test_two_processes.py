"""Several application hosts: the import preview on one process, the confirm on another.

Both gunicorn instances share only what production hosts share: the database (sessions,
records) and the default storage (MEDIA_ROOT here, S3 with S3_BUCKET), which holds the
django-import-export preview file between the two requests.
"""
import io
import sqlite3

import openpyxl

from .serving import SAMPLE_BODY_NAME, Client, find_form

NEW_NAMES = ["Ban Kinh tế – Xã hội (nhập từ 2 máy)", "Tổ đại biểu số 9 (nhập từ 2 máy)"]


def body_names(prod_site):
    with sqlite3.connect(prod_site / "db.sqlite3") as db:
        return {name for (name,) in db.execute("SELECT name FROM core_body")}


def exported_workbook(client, server):
    page = client.get(server, "/admin/core/body/export/")
    assert page.status == 200
    form = find_form(page.text, lambda f: "format" in f and "csrfmiddlewaretoken" in f)
    response = client.post(server, "/admin/core/body/export/", form)
    assert response.status == 200, response.text[:500]
    assert "spreadsheetml" in response.headers["Content-Type"]
    return openpyxl.load_workbook(io.BytesIO(response.body))


def edited_for_import(workbook):
    """The clerk's edit: the sample row copied twice under new names, the database id cleared."""
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    sample = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if SAMPLE_BODY_NAME in row)
    name_col = sample.index(SAMPLE_BODY_NAME)
    out = openpyxl.Workbook()
    out.active.append(headers)
    for name in NEW_NAMES:
        row = list(sample)
        row[name_col] = name
        if "id" in headers:
            row[headers.index("id")] = None
        out.active.append(row)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def preview_files(prod_site):
    folder = prod_site / "media" / "django-import-export"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_preview_on_one_host_and_confirm_on_another_creates_the_rows(servers, prod_site):
    host_a, host_b = servers["a"], servers["b"]
    client = Client()
    assert client.login(host_a).status == 302
    upload = edited_for_import(exported_workbook(client, host_a))
    before = body_names(prod_site)

    page = client.get(host_a, "/admin/core/body/import/")
    form = find_form(page.text, lambda f: "format" in f and "csrfmiddlewaretoken" in f)
    preview = client.post(host_a, "/admin/core/body/import/", form,
                          files={"import_file": ("co-quan.xlsx", upload, "application/octet-stream")})

    assert preview.status == 200
    confirm = find_form(preview.text, lambda f: "import_file_name" in f)
    assert preview_files(prod_site) == [confirm["import_file_name"]], "the preview file is in shared storage"
    assert body_names(prod_site) == before, "the preview writes nothing"

    # The session (database) and the preview file (shared storage) are all host b needs.
    done = client.post(host_b, "/admin/core/body/process_import/", confirm)

    assert done.status == 302, done.text[:1000]
    assert body_names(prod_site) == before | set(NEW_NAMES)
    assert preview_files(prod_site) == [], "the confirm removes the preview file"
