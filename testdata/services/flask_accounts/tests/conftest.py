import pytest

from app import create_app
from app.extensions import db as _db
from app.models import Plan, User


@pytest.fixture
def app():
    app = create_app("testing")
    with app.app_context():
        _db.create_all()
        _db.session.add(Plan(name="free", daily_api_limit=3))
        _db.session.commit()
        yield app
        _db.drop_all()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def user(app):
    plan = Plan.query.filter_by(name="free").one()
    u = User(email="ada@example.org", status="active", plan=plan)
    u.set_password("correct horse battery")
    _db.session.add(u)
    _db.session.commit()
    return u
