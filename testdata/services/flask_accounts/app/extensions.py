"""Extension singletons, bound to the application in ``create_app``."""
from flask_caching import Cache
from flask_login import LoginManager
from flask_mail import Mail
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
mail = Mail()
login_manager = LoginManager()
cache = Cache()

login_manager.login_view = "auth.login"
