"""Application factory for the reset_a service."""
import logging
import os

from flask import Flask, jsonify

import config
from models import db
from views import bp, mail


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.from_object(config)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get(
        "DATABASE_URL", config.SQLALCHEMY_DATABASE_URI
    )
    app.config["MAIL_SERVER"] = os.environ.get("MAIL_SERVER", "localhost")
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"))

    db.init_app(app)
    mail.init_app(app)
    app.register_blueprint(bp, url_prefix="/auth")

    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.errorhandler(400)
    def bad_request(err):
        return jsonify(error="bad_request"), 400

    @app.errorhandler(401)
    def unauthorized(err):
        return jsonify(error="unauthorized"), 401

    @app.errorhandler(423)
    def locked(err):
        return jsonify(error="locked"), 423

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
