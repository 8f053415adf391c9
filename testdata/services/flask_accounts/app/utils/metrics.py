"""Prometheus metrics."""
import functools
import time

from prometheus_client import Counter, Histogram

LOGINS = Counter("accounts_logins_total", "Successful logins")
LOGIN_FAILURES = Counter("accounts_login_failures_total", "Failed logins", ["reason"])
SESSIONS_REVOKED = Counter("accounts_sessions_revoked_total", "Sessions revoked")
API_CALLS = Counter("accounts_api_calls_total", "Metered API calls", ["plan"])
LATENCY = Histogram("accounts_request_seconds", "Handler latency", ["handler"])


def timed(name: str):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                LATENCY.labels(handler=name).observe(time.perf_counter() - start)

        return wrapper

    return decorator
