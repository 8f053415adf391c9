def strip_strings(value):
    """Trim whitespace in every string of a JSON-like payload, however deeply nested."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return {key: strip_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [strip_strings(item) for item in value]
    return value
