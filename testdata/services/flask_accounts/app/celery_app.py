"""Celery application and beat schedule."""
from celery import Celery
from celery.schedules import crontab

from app import create_app


def make_celery() -> Celery:
    flask_app = create_app()
    celery = Celery(
        flask_app.import_name,
        broker=flask_app.config["CELERY_BROKER_URL"],
        backend=flask_app.config["CELERY_RESULT_BACKEND"],
    )

    class ContextTask(celery.Task):
        def __call__(self, *args, **kwargs):
            with flask_app.app_context():
                return self.run(*args, **kwargs)

    celery.Task = ContextTask
    celery.conf.beat_schedule = {
        "expire-password-reset-tokens": {
            "task": "app.tasks.expire_password_reset_tokens",
            "schedule": crontab(minute="*/5"),
        },
        "unlock-accounts": {
            "task": "app.tasks.unlock_accounts",
            "schedule": 60.0,
        },
        "purge-revoked-sessions": {
            "task": "app.tasks.purge_revoked_sessions",
            "schedule": crontab(hour=3, minute=0),
        },
        "queue-heartbeat": {
            "task": "app.tasks.report_queue_depth",
            "schedule": 30.0,
        },
    }
    celery.conf.timezone = "UTC"
    return celery


celery = make_celery()
