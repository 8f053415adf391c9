"""Back-office screens (Flask-Admin)."""
from flask_admin import Admin
from flask_admin.contrib.sqla import ModelView
from flask_login import current_user

from app.extensions import db
from app.models import ApiUsage, PasswordResetToken, Plan, Session, User


class StaffOnlyView(ModelView):
    can_delete = False
    page_size = 50

    def is_accessible(self):
        return current_user.is_authenticated and current_user.email.endswith("@example.com")


class UserAdmin(StaffOnlyView):
    column_list = ("email", "status", "failed_attempts", "locked_until", "email_verified", "plan")
    column_searchable_list = ("email",)
    column_exclude_list = ("password_hash",)


def register_admin(app) -> None:
    admin = Admin(app, name="Accounts", template_mode="bootstrap4")
    admin.add_view(UserAdmin(User, db.session))
    admin.add_view(StaffOnlyView(Session, db.session))
    admin.add_view(StaffOnlyView(PasswordResetToken, db.session))
    admin.add_view(StaffOnlyView(Plan, db.session))
    admin.add_view(StaffOnlyView(ApiUsage, db.session))
