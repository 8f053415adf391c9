"""Public API: metered lookups, plus the health check used by the load balancer."""
import logging
import time

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import text

from app.extensions import cache, db
from app.services.usage import record_api_call, todays_usage
from app.utils.metrics import API_CALLS, timed
from app.utils.serialization import scrub

log = logging.getLogger(__name__)

api_bp = Blueprint("api", __name__)
health_bp = Blueprint("health", __name__)

STARTED_AT = time.time()


@api_bp.post("/lookups")
@login_required
@timed("api.lookup")
def create_lookup():
    """One metered API call; each plan allows a number of calls per day."""
    usage = todays_usage(current_user)
    if usage is not None and usage.calls >= current_user.plan.daily_api_limit:
        abort(429, "daily API limit reached for your plan")

    record_api_call(current_user, usage)
    db.session.commit()
    API_CALLS.labels(plan=current_user.plan.name).inc()

    payload = request.get_json(silent=True) or {}
    log.debug("lookup", extra={"payload": scrub(payload)})
    return jsonify(result=_lookup(payload.get("query", "")))


@cache.memoize(timeout=60)
def _lookup(query: str) -> dict:
    # Stand-in for the real lookup backend; irrelevant to account behaviour.
    return {"query": query, "matches": []}


@api_bp.get("/usage")
@login_required
def get_usage():
    usage = todays_usage(current_user)
    return jsonify(
        calls=usage.calls if usage else 0,
        limit=current_user.plan.daily_api_limit,
    )


@health_bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # noqa: BLE001 - health checks report, never raise
        database = "unavailable"
    return jsonify(status="ok", database=database, uptime=int(time.time() - STARTED_AT))
