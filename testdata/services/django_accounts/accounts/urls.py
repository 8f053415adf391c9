from django.urls import include, path
from rest_framework.routers import DefaultRouter

from accounts import views
from accounts.viewsets import InvitationViewSet

router = DefaultRouter()
router.register("invitations", InvitationViewSet, basename="invitation")

urlpatterns = [
    path("auth/login/", views.LoginView.as_view(), name="login"),
    path("auth/password-reset/", views.password_reset_request, name="password-reset"),
    path("auth/password-reset/confirm/", views.password_reset_confirm, name="password-reset-confirm"),
    path("auth/verify-email/", views.verify_email, name="verify-email"),
    path("auth/verify-email/resend/", views.resend_verification, name="verify-email-resend"),
    path("users/<int:pk>/deactivate/", views.deactivate_user, name="deactivate-user"),
    path("usage/", views.record_usage, name="record-usage"),
    path("health/", views.health, name="health"),
    path("", include(router.urls)),
]
