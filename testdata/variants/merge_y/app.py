from celery.schedules import crontab
from flask import Flask, jsonify
from flask_login import LoginManager

import config
from mailer import mail
from models import User, db
from routes import bp

login_manager = LoginManager()

CELERY_BEAT_SCHEDULE = {
    "expire-invitations": {"task": "tasks.expire_invitations", "schedule": crontab(minute="*/10")},
}


@login_manager.user_loader
def load_user(user_id: str):
    return db.session.get(User, int(user_id))


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_object(config)
    db.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    app.register_blueprint(bp)

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    return app
