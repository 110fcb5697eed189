import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")
os.environ.setdefault("COUNCIL_WEB_PROCESS", "1")  # settings: a statement timeout for web requests
application = get_wsgi_application()
