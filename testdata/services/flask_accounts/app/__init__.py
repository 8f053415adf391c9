"""Accounts service: application factory."""
import logging

from flask import Flask

from app.config import CONFIGS, RESET_TOKEN_EXPIRY_HOURS
from app.extensions import cache, db, login_manager, mail
from app.utils.logging import configure_logging

log = logging.getLogger(__name__)


def create_app(config_name: str = "default") -> Flask:
    app = Flask(__name__)
    app.config.from_object(CONFIGS[config_name])
    # Operators may shorten the window per deployment; the code default lives in config.py.
    app.config.setdefault("RESET_TOKEN_EXPIRY_HOURS", RESET_TOKEN_EXPIRY_HOURS)

    configure_logging(app)
    db.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    cache.init_app(app)

    from app.admin import register_admin
    from app.api.routes import api_bp, health_bp
    from app.auth import auth_bp

    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    app.register_blueprint(health_bp)
    register_admin(app)

    log.info("accounts service started", extra={"config": config_name})
    return app


@login_manager.user_loader
def load_user(user_id: str):
    from app.models import User

    return db.session.get(User, int(user_id))
