"""JSON shapes returned by the API and written to logs."""
SENSITIVE_KEYS = {"password", "token", "password_hash", "secret", "authorization"}


def scrub(value):
    """Redact secrets at any depth of a JSON-like value before it is logged."""
    if isinstance(value, dict):
        return {
            key: "***" if key.lower() in SENSITIVE_KEYS else scrub(item)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [scrub(item) for item in value]
    return value


def user_to_dict(user) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "display_name": user.display_name,
        "status": user.status,
        "email_verified": user.email_verified,
        "plan": user.plan.name if user.plan else None,
        "created_at": user.created_at.isoformat() if user.created_at else None,
    }


def session_to_dict(session) -> dict:
    return {
        "id": session.id,
        "created_at": session.created_at.isoformat(),
        "user_agent": session.user_agent,
        "ip_address": session.ip_address,
    }
