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
