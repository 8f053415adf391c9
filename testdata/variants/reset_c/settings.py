import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only")
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "resets",
]
ROOT_URLCONF = "resets.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "resets"}}
DEFAULT_FROM_EMAIL = "no-reply@example.com"
USE_TZ = True

PASSWORD_RESET_TIMEOUT_HOURS = 1
