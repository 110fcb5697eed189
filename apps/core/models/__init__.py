"""The core models, one module per subject; every name is re-exported here, so that
``from apps.core.models import Council`` works everywhere and Django finds the models when it loads the app.

- base: the abstract bases of every register row (normalised text, tracking, council ownership);
- councils: administrative units, councils, terms, bodies, delegates, and staff profiles;
- reference: agencies and fields;
- calendar: reporting periods, holidays, deadline rules;
- audit: the log of looks at unmasked personal data;
- counters: the register number and code counters (apps/core/numbering.py).
Background jobs live in apps/core/job_models.py.
"""
from ..job_models import Job, JobStatus
from .audit import SensitiveAccessLog, SensitiveAction
from .base import CouncilOwnedModel, CouncilScopedQuerySet, NormalisedQuerySet, NormalisedTextModel, TrackedModel
from .calendar import DeadlineRule, Holiday, ReportingPeriod, ReportingPeriodManager
from .councils import (
    AdminUnit, AdminUnitQuerySet, Body, Council, CouncilQuerySet, Delegate, Membership, StaffProfile, Term,
)
from .counters import RegisterCounter
from .reference import Agency, Field

__all__ = [
    "AdminUnit", "AdminUnitQuerySet", "Agency", "Body", "Council", "CouncilOwnedModel", "CouncilQuerySet",
    "CouncilScopedQuerySet", "DeadlineRule", "Delegate", "Field", "Holiday", "Job", "JobStatus", "Membership",
    "NormalisedQuerySet", "NormalisedTextModel", "RegisterCounter", "ReportingPeriod", "ReportingPeriodManager",
    "SensitiveAccessLog", "SensitiveAction", "StaffProfile", "Term", "TrackedModel",
]
