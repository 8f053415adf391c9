"""Daily API usage accounting."""
from datetime import date

from app.extensions import cache, db
from app.models import ApiUsage, Plan, User


def todays_usage(user: User) -> ApiUsage | None:
    return ApiUsage.query.filter_by(user_id=user.id, day=date.today()).first()


def record_api_call(user: User, usage: ApiUsage | None) -> ApiUsage:
    if usage is None:
        usage = ApiUsage(user=user, day=date.today(), calls=1)
        db.session.add(usage)
    else:
        usage.calls = usage.calls + 1
    return usage


@cache.memoize(timeout=600)
def plan_limit(plan_id: int) -> int:
    # Plans change a few times a year; the cache saves a query per API call.
    return db.session.get(Plan, plan_id).daily_api_limit
