# Vendored from the 2017 monolith; kept for reference only, never imported.
# It has not parsed since the Python 3 migration and nobody owns it.

def old_reset(user):
    message = "Your password was reset on
    send(user.email, message)
    return True
