"""Plans and per-day API usage counters."""
from datetime import date

from app.extensions import db


class Plan(db.Model):
    __tablename__ = "plans"

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(32), unique=True, nullable=False)
    daily_api_limit = db.Column(db.Integer, nullable=False)

    def __repr__(self) -> str:
        return f"<Plan {self.name} limit={self.daily_api_limit}>"


class ApiUsage(db.Model):
    """How many API calls a user made on one calendar day (UTC)."""

    __tablename__ = "api_usage"
    __table_args__ = (db.UniqueConstraint("user_id", "day", name="uq_api_usage_user_day"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"), nullable=False)
    day = db.Column(db.Date, nullable=False, default=date.today)
    calls = db.Column(db.Integer, nullable=False, default=0)

    user = db.relationship("User", backref="api_usage")
