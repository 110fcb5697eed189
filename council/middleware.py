import time

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switch in the admin header.

    Django's LocaleMiddleware also follows the browser's Accept-Language, so a clerk whose browser
    happens to be set to English would get an English admin they never asked for. Here only the
    language cookie written by the switch (django.views.i18n.set_language) counts.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


class IdleSessionMiddleware:
    """A session ends after ``SESSION_COOKIE_AGE`` seconds without a request; activity extends it.

    Extending it means writing the session row (and its cookie) again. Doing that on every request — Django's
    ``SESSION_SAVE_EVERY_REQUEST`` — puts a database write and a commit on every page a clerk opens, most of
    them pure reads. Here the session is written again only when ``SESSION_TOUCH_SECONDS`` (a minute) have
    passed since it last was, so a clerk who keeps working is never signed out, and one who stops is signed
    out between the idle time and a minute before it. Placed after SessionMiddleware.
    """

    KEY = "_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or not session.session_key:
            return response
        now = int(time.time())
        if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_TOUCH_SECONDS:
            session[self.KEY] = now
        return response

    @classmethod
    def signed_in(cls, sender, request, user, **kwargs):
        """Signing in writes the session anyway: it counts as its first extension."""
        if request is not None and hasattr(request, "session"):
            request.session[cls.KEY] = int(time.time())
