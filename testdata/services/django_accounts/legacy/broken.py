"""Half-merged patch from 2019; never imported."""
def lock_message(user):
    return """Your account %s is locked
