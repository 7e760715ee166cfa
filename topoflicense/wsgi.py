import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topoflicense.settings")
application = get_wsgi_application()

from core.runtime import tune_garbage_collector  # noqa: E402 — needs the apps loaded above

tune_garbage_collector()
