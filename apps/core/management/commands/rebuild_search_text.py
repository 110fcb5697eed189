"""Fold the search text of every row again (after a change of the folding rule, or a bulk SQL edit)."""
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection

from apps.core.search_migrations import fill_search_text


class Command(BaseCommand):
    help = "Điền lại cột tìm kiếm không dấu (search_text) của mọi sổ."

    def handle(self, *args, **options):
        class Editor:  # fill_search_text reads only the connection of the schema editor
            pass

        editor = Editor()
        editor.connection = connection
        for config in apps.get_app_configs():
            if config.name.startswith("apps."):
                fill_search_text(config.label)(apps, editor)
                self.stdout.write(f"{config.label}: xong")
