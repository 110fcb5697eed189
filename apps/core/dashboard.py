"""The admin index as a dashboard: each app contributes cards (apps.<app>.dashboard.cards)."""
from dataclasses import dataclass, field

from django.utils import timezone

from .registry import app_modules
from .scoping import home_council


@dataclass
class Card:
    title: str
    value: object = None          # the headline figure
    url: str = ""                  # where the figure leads (a filtered changelist)
    note: str = ""
    tone: str = ""                 # "" | "warn" | "alert"
    rows: list = field(default_factory=list)   # [(label, value, url)]
    order: int = 100


def current_half_year():
    today = timezone.localdate()
    return f"{today.year}-{'H1' if today.month <= 6 else 'H2'}"


def dashboard_context(request):
    cards = []
    if request.user.is_authenticated:
        for module in app_modules("dashboard"):
            if module.__name__ == __name__:
                continue
            cards.extend(module.cards(request) or [])
    cards.sort(key=lambda c: c.order)
    council = home_council(request.user)
    return {"cards": cards, "home_council": council, "current_period": current_half_year()}


def cards(request):
    return []
