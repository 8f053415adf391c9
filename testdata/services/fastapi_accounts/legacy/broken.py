# Copied from the old Pyramid app during the migration; not imported anywhere.
def invite_legacy(org, email):
    subject = 'You're invited to ' + org.name
    return subject
