"""Carry-over: the open work of a council that ended passes to its successor.

Which records are "open" is each register's own rule: a model that can be carried over has
``open_items_q()`` (a Q), ``carry_over_label`` (what a clerk calls them), ``move_to_council(council)``
(sets the council and gives the record a number in the successor's register when it has one) and
optionally ``carry_over_children`` (related rows that follow it, e.g. a recommendation's follow-ups).
Registered today: petitions not resolved, letters not closed, recommendations not carried out,
commitments pending.

A move is all-or-nothing, keeps the record's history and adds one history entry naming the
predecessor (and the number the record had there). Where the unit went to several successors,
nothing is moved until the clerk names one (``to``); the plan lists what could not be placed.
Used by ``manage.py transfer_open_items`` and by the council admin's action.
"""
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction

from . import unitcodes
from .lifetimes import is_alive_on, successors_of
from .models import Council


class CarryOverError(Exception):
    """A plan that cannot be carried out; the message is for the clerk (Vietnamese)."""


def carried_models():
    return [m for m in apps.get_models() if hasattr(m, "open_items_q") and hasattr(m, "move_to_council")]


@dataclass
class Plan:
    source: Council
    on: datetime.date
    target: Council | None
    items: dict = field(default_factory=dict)  # model -> [record]
    errors: list = field(default_factory=list)
    moved: list = field(default_factory=list)  # (record, old label, new label)

    @property
    def total(self):
        return sum(len(rows) for rows in self.items.values())


def resolve_source(code, on):
    """The council of ``code`` that ended before ``on`` (in office the day before the transfer date)."""
    day_before = on - datetime.timedelta(days=1)
    try:
        return unitcodes.council_on(code, day_before)
    except unitcodes.UnitCodeError as error:
        raise CarryOverError(f"Không có HĐND mang mã {code} hoạt động ngày {day_before:%d/%m/%Y}: {error}")


def resolve_target(code, on):
    try:
        return unitcodes.council_on(code, on)
    except unitcodes.UnitCodeError as error:
        raise CarryOverError(f"Không có HĐND mang mã {code} hoạt động ngày {on:%d/%m/%Y} để nhận hồ sơ: {error}")


def plan(source, on, target=None):
    """What would move from ``source`` to ``target`` (or its one successor) on ``on``; errors listed, nothing written."""
    result = Plan(source=source, on=on, target=target)
    end = source.valid_to
    if end is None or end >= on:
        result.errors.append(
            f"{source.name} vẫn hoạt động ngày {on:%d/%m/%Y}: chỉ chuyển việc của HĐND đã thôi hoạt động "
            f"(ngày chuyển phải sau ngày cuối cùng của HĐND đó).")
    successors = successors_of(source)
    if target is None:
        alive = [c for c in successors if is_alive_on(c, on)]
        if len(alive) == 1:
            result.target = alive[0]
        elif alive:
            names = ", ".join(f"{c.name} ({c.code})" for c in alive)
            result.errors.append(f"{source.name} có {len(alive)} đơn vị kế thừa: {names}. "
                                 f"Chọn đơn vị nhận hồ sơ (--to MÃ); chưa chuyển hồ sơ nào.")
        else:
            result.errors.append(f"{source.name} không có đơn vị kế thừa được ghi nhận: chọn HĐND nhận hồ sơ (--to MÃ).")
    else:
        if not is_alive_on(target, on):
            result.errors.append(f"{target.name} không hoạt động ngày {on:%d/%m/%Y}, không nhận được hồ sơ.")
        if successors and target not in successors:
            names = ", ".join(f"{c.name} ({c.code})" for c in successors)
            result.errors.append(f"{target.name} không phải đơn vị kế thừa của {source.name} (đơn vị kế thừa: {names}).")
        if target == source:
            result.errors.append("HĐND nhận hồ sơ phải khác HĐND đã thôi hoạt động.")
    for model in carried_models():
        rows = list(model._default_manager.filter(council=source).filter(model.open_items_q()).order_by("pk"))
        if rows:
            result.items[model] = rows
    return result


def reason(source, old_label):
    text = f"Chuyển từ {source.name} (đã thôi hoạt động)"
    if old_label:
        text += f"; số cũ {old_label}"
    return text[:100]  # simple-history keeps 100 characters


def carry_out(result, user=None, dry_run=False):
    """Move everything in the plan; raises CarryOverError when the plan has errors. All or nothing."""
    if result.errors:
        raise CarryOverError("\n".join(result.errors))
    with transaction.atomic():
        for model, rows in result.items.items():
            for record in rows:
                before = str(record)
                old_label = record.move_to_council(result.target)
                record._change_reason = reason(result.source, old_label)
                if user is not None and hasattr(record, "updated_by_id"):
                    record.updated_by = user
                record.save()
                for accessor in getattr(model, "carry_over_children", ()):
                    for child in getattr(record, accessor).all():
                        child.council = result.target
                        child._change_reason = reason(result.source, "")
                        child.save()
                result.moved.append((record, before, str(record)))
        if dry_run:
            transaction.set_rollback(True)
    return result


def describe(result):
    """The plan (or what was moved) as lines of Vietnamese text."""
    target = result.target.name if result.target else "—"
    lines = [f"Việc còn mở của {result.source.name} (đến {result.source.valid_to:%d/%m/%Y}) → {target}, "
             f"ngày chuyển {result.on:%d/%m/%Y}:" if result.source.valid_to else
             f"Việc còn mở của {result.source.name} → {target}:"]
    if not result.items:
        lines.append("  Không có hồ sơ nào còn mở.")
    for model, rows in result.items.items():
        lines.append(f"  {model.carry_over_label}: {len(rows)}")
        moved = {id(r): (old, new) for r, old, new in result.moved}
        for record in rows:
            old, new = moved.get(id(record), (str(record), None))
            lines.append(f"    - {old}" + (f"  →  {new}" if new and new != old else ""))
    return lines
