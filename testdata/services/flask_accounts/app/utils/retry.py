"""Retry with exponential backoff for flaky outbound calls (SMTP)."""
import functools
import logging
import time

log = logging.getLogger(__name__)


def retry(attempts: int = 3, delay: float = 0.5, exceptions: tuple = (OSError,)):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            wait = delay
            for attempt in range(1, attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == attempts:
                        raise
                    log.warning("retrying %s (attempt %d)", fn.__name__, attempt)
                    time.sleep(wait)
                    wait *= 2
            return None

        return wrapper

    return decorator
