"""WSGI entry point: ``passage.site.wsgi:application`` for gunicorn, uWSGI or mod_wsgi."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
application = get_wsgi_application()
