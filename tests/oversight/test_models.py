import pytest
from django.core.exceptions import ValidationError

from apps.oversight.models import Recommendation
from tests.sittings import factories as f

D = f.D


@pytest.mark.django_db
def test_explanation_notice_must_be_sent_ten_days_before(ward):
    session = f.explanation(ward, held=D(2022, 6, 20))
    assert session.latest_notice_date == D(2022, 6, 10)
    session.notice_date = D(2022, 6, 10)
    session.full_clean()
    session.notice_date = D(2022, 6, 11)
    with pytest.raises(ValidationError, match="chậm nhất ngày 10/06/2022"):
        session.full_clean()


@pytest.mark.django_db
def test_explanation_notice_deadline_on_a_sunday_moves_earlier(ward):
    # 10 days before Wednesday 15/06/2022 is Sunday 05/06: the notice must go out on Friday 03/06.
    session = f.explanation(ward, held=D(2022, 6, 15))
    assert session.latest_notice_date == D(2022, 6, 3)


@pytest.mark.django_db
def test_recommendation_due_date_defaults_to_the_rule_but_a_conclusion_date_wins(ward):
    rec = f.recommendation(ward, issued=D(2022, 6, 1))
    assert rec.due_date == D(2022, 7, 1) and rec.due_from_rule
    assert not rec.rule_due().rule.verified
    named = f.recommendation(ward, issued=D(2022, 6, 2), due_date=D(2022, 9, 30))
    assert named.due_date == D(2022, 9, 30) and not named.due_from_rule


@pytest.mark.django_db
def test_recommendations_are_numbered_per_council_and_year(ward, other_ward):
    a = f.recommendation(ward, issued=D(2022, 6, 1))
    b = f.recommendation(ward, issued=D(2022, 6, 3))
    c = f.recommendation(other_ward, issued=D(2022, 6, 1))
    d = f.recommendation(ward, issued=D(2023, 1, 5))
    assert (a.code, b.code, c.code, d.code) == ("KN-2022-0001", "KN-2022-0002", "KN-2022-0001", "KN-2023-0001")


@pytest.mark.django_db
def test_a_code_typed_by_hand_moves_the_numbering_past_it(ward):
    f.recommendation(ward, issued=D(2022, 6, 1), code="KN-2022-0007")
    assert f.recommendation(ward, issued=D(2022, 6, 2)).code == "KN-2022-0008"


@pytest.mark.django_db
def test_codes_kept_from_the_old_scheme_are_continued_by_the_counter(ward):
    """The data migration's rule: a council's counter starts after its highest code (KN-2022-003)."""
    import importlib

    from django.apps import apps as django_apps

    migration = importlib.import_module("apps.oversight.migrations.0002_recommendation_codes_from_counter")
    old = f.recommendation(ward, issued=D(2022, 6, 1), code="KN-2022-003")
    from apps.core.models import RegisterCounter

    RegisterCounter.objects.filter(council=ward, register="recommendation").delete()  # as before the migration
    migration.counters_from_codes(django_apps, None)
    new = f.recommendation(ward, issued=D(2022, 6, 2))
    assert (old.code, new.code) == ("KN-2022-003", "KN-2022-0004")


@pytest.mark.django_db
def test_recommendation_due_before_it_was_issued_is_refused(ward):
    rec = f.recommendation(ward, issued=D(2022, 6, 1))
    rec.due_date = D(2022, 5, 1)
    with pytest.raises(ValidationError, match="không được trước ngày kiến nghị"):
        rec.full_clean()


@pytest.mark.django_db
def test_recommendation_done_needs_a_done_date(ward):
    rec = f.recommendation(ward)
    rec.status = "hoan_thanh"
    with pytest.raises(ValidationError, match="ngày hoàn thành"):
        rec.full_clean()


@pytest.mark.django_db
def test_recommendation_has_exactly_one_source(ward):
    act = f.activity(ward)
    session = f.explanation(ward)
    rec = Recommendation(council=ward, activity=act, explanation_session=session, addressee=f.agency(),
                         content="x", issued_date=D(2022, 6, 1))
    with pytest.raises(ValidationError, match="đúng một nguồn"):
        rec.full_clean()


@pytest.mark.django_db
def test_follow_up_links_show_on_both_sides(ward):
    rec = f.recommendation(ward, issued=D(2022, 6, 1))
    session = f.explanation(ward, held=D(2022, 8, 1))
    s = f.sitting(ward, 7, D(2022, 12, 10))
    q = f.question(ward, D(2022, 12, 10), sitting=s)
    res = f.resolution(ward, "30/NQ-HĐND", D(2022, 12, 11), s)
    f.follow_up(rec, "don_doc_1", D(2022, 7, 5))
    f.follow_up(rec, "giai_trinh", D(2022, 8, 1), explanation_session=session)
    f.follow_up(rec, "chat_van", D(2022, 12, 10), question=q)
    f.follow_up(rec, "nghi_quyet", D(2022, 12, 11), resolution=res)
    assert [fu.linked for fu in rec.follow_ups.all()] == [None, session, q, res]
    assert session.recommendation_follow_ups.get().recommendation == rec
    assert q.recommendation_follow_ups.get().recommendation == rec
    assert res.recommendation_follow_ups.get().recommendation == rec
    assert all(fu.council_id == ward.pk for fu in rec.follow_ups.all())


@pytest.mark.django_db
def test_follow_up_cannot_link_another_councils_record(ward, other_ward):
    rec = f.recommendation(ward)
    other_session = f.explanation(other_ward)
    fu = f.follow_up(rec, "giai_trinh")
    fu.explanation_session = other_session
    with pytest.raises(ValidationError, match="không thuộc HĐND"):
        fu.full_clean()


@pytest.mark.django_db
def test_a_default_due_date_follows_its_issue_date_until_the_clerk_sets_one(ward):
    rec = f.recommendation(ward, issued=D(2022, 6, 1))
    assert (rec.due_date, rec.due_from_rule) == (D(2022, 7, 1), True)
    rec.issued_date = D(2022, 6, 10)
    rec.save()
    assert (rec.due_date, rec.due_from_rule) == (D(2022, 7, 11), True)
    rec = Recommendation.objects.get(pk=rec.pk)
    rec.due_date = D(2022, 12, 31)
    rec.save()
    rec = Recommendation.objects.get(pk=rec.pk)
    assert (rec.due_date, rec.due_from_rule) == (D(2022, 12, 31), False)
    rec.issued_date = D(2022, 6, 12)
    rec.save()
    assert rec.due_date == D(2022, 12, 31)
