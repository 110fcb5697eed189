"""New rows written in bulk (apps/core/bulk.py: COPY on PostgreSQL, bulk_create on SQLite) come back as
bulk_create gives them: with their ids in order, marked saved, and holding exactly what was stored."""
import datetime

from django.forms.models import model_to_dict

from apps.core.bulk import create_with_history
from apps.petitions import services
from apps.petitions.models import Petition

TEXTS = ['Đề nghị "nạo vét" kênh, mương', "Dòng 1\nDòng 2\tcột\\ngược \\N", "", "x" * 3000, "«trích», dẫn;"]


def test_created_rows_come_back_as_stored(ward, secretariat_clerk):
    objs = [Petition(council=ward, content=text or "nội dung", note=text, source="Tiếp xúc cử tri",
                     received_date=datetime.date(2022, 3, i + 1), created_by=secretariat_clerk)
            for i, text in enumerate(TEXTS)]
    created = services.create(objs, secretariat_clerk)
    assert created == objs and [p.pk for p in created] == sorted(p.pk for p in created)
    assert all(p.pk and not p._state.adding and p._state.db == "default" for p in created)
    for petition in created:
        stored = Petition.objects.get(pk=petition.pk)
        assert model_to_dict(stored) == model_to_dict(petition)
        assert (stored.created_at, stored.updated_at, stored.search_text) == (
            petition.created_at, petition.updated_at, petition.search_text)
        assert stored.created_at is not None and stored.code.startswith("KN-2022-")
    assert Petition.history.filter(history_type="+").count() == len(TEXTS)


def test_an_object_with_an_id_already_is_written_with_it(ward):
    petition = Petition(pk=987654, council=ward, content="Đề nghị", source="x", received_date=datetime.date(2022, 3, 1))
    assert create_with_history([petition])[0].pk == 987654
    assert Petition.objects.get(pk=987654).content == "Đề nghị"
