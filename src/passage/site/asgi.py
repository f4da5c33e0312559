"""ASGI entry point: ``passage.site.asgi:application``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passage.site.settings")
application = get_asgi_application()
