"""Function and class-based API views for accounts."""
import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login
from django.db import connection
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from accounts.emails import send_password_changed, send_password_reset, send_verification
from accounts.models import EmailVerification, PasswordResetToken, UsageQuota, User
from accounts.serializers import (
    LoginSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetRequestSerializer,
    TokenSerializer,
    UserSerializer,
)
from accounts.utils import strip_strings

log = logging.getLogger(__name__)


class LoginView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    def post(self, request):
        serializer = LoginSerializer(data=strip_strings(request.data))
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"]
        password = serializer.validated_data["password"]

        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            return Response(status=status.HTTP_401_UNAUTHORIZED)
        if user.status == User.Status.DEACTIVATED:
            return Response({"detail": "account deactivated"}, status=status.HTTP_403_FORBIDDEN)
        if user.status == User.Status.LOCKED and user.locked_until > timezone.now():
            return Response({"detail": "account locked"}, status=status.HTTP_423_LOCKED)

        if not user.check_password(password):
            user.failed_login_count += 1
            if user.failed_login_count >= settings.MAX_FAILED_LOGINS:
                user.status = User.Status.LOCKED
                user.locked_until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
            user.save(update_fields=["failed_login_count", "status", "locked_until"])
            return Response(status=status.HTTP_401_UNAUTHORIZED)

        user.failed_login_count = 0
        user.status = User.Status.ACTIVE
        user.locked_until = None
        user.save(update_fields=["failed_login_count", "status", "locked_until"])
        login(request, user)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "user": UserSerializer(user).data})


@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([AnonRateThrottle])
def password_reset_request(request):
    serializer = PasswordResetRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = User.objects.filter(email__iexact=serializer.validated_data["email"]).first()
    if user is None:
        return Response(status=status.HTTP_202_ACCEPTED)

    token = PasswordResetToken.objects.create(
        user=user,
        expires_at=timezone.now() + timedelta(hours=settings.PASSWORD_RESET_TIMEOUT_HOURS),
    )
    send_password_reset(user, token)
    return Response(status=status.HTTP_202_ACCEPTED)


@api_view(["POST"])
@permission_classes([AllowAny])
def password_reset_confirm(request):
    serializer = PasswordResetConfirmSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    token = (
        PasswordResetToken.objects.select_related("user")
        .filter(token=serializer.validated_data["token"])
        .first()
    )
    if token is None:
        return Response({"detail": "invalid token"}, status=status.HTTP_400_BAD_REQUEST)
    if token.used_at is not None:
        return Response({"detail": "token already used"}, status=status.HTTP_400_BAD_REQUEST)
    if token.expires_at <= timezone.now():
        return Response({"detail": "token expired"}, status=status.HTTP_400_BAD_REQUEST)

    user = token.user
    user.set_password(serializer.validated_data["new_password"])
    # A successful reset also lifts a lockout: the owner proved control of the mailbox.
    user.failed_login_count = 0
    user.status = User.Status.ACTIVE
    user.locked_until = None
    user.save()
    token.used_at = timezone.now()
    token.save(update_fields=["used_at"])

    send_password_changed(user)
    log.info("password reset", extra={"user_id": user.pk})
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(["POST"])
@permission_classes([AllowAny])
def verify_email(request):
    serializer = TokenSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    verification = (
        EmailVerification.objects.select_related("user")
        .filter(token=serializer.validated_data["token"])
        .first()
    )
    if verification is None:
        return Response(status=status.HTTP_404_NOT_FOUND)
    if verification.verified_at is not None:
        return Response({"detail": "already verified"}, status=status.HTTP_400_BAD_REQUEST)
    timeout = timedelta(days=settings.EMAIL_VERIFICATION_TIMEOUT_DAYS)
    if verification.created_at + timeout < timezone.now():
        return Response({"detail": "link expired"}, status=status.HTTP_400_BAD_REQUEST)

    user = verification.user
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    verification.verified_at = timezone.now()
    verification.save(update_fields=["verified_at"])
    return Response(UserSerializer(user).data)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def resend_verification(request):
    if request.user.email_verified:
        return Response({"detail": "already verified"}, status=status.HTTP_400_BAD_REQUEST)
    verification = EmailVerification.objects.create(user=request.user)
    send_verification(request.user, verification)
    return Response(status=status.HTTP_202_ACCEPTED)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def record_usage(request):
    """Called by the API gateway once per metered request."""
    quota = request.user.quota
    if quota.calls_this_month >= request.user.plan.monthly_quota:
        return Response({"detail": "monthly quota exhausted"}, status=status.HTTP_429_TOO_MANY_REQUESTS)
    UsageQuota.objects.filter(pk=quota.pk).update(calls_this_month=F("calls_this_month") + 1)
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(["POST"])
@permission_classes([IsAdminUser])
def deactivate_user(request, pk):
    user = get_object_or_404(User, pk=pk)
    if user.status == User.Status.DEACTIVATED:
        return Response({"detail": "already deactivated"}, status=status.HTTP_400_BAD_REQUEST)
    user.status = User.Status.DEACTIVATED
    user.save(update_fields=["status"])
    Token.objects.filter(user=user).delete()
    log.warning("user deactivated", extra={"user_id": user.pk, "by": request.user.pk})
    return Response(status=status.HTTP_204_NO_CONTENT)


@api_view(["GET"])
@permission_classes([AllowAny])
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Response({"status": "ok"})
