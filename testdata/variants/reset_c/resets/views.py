from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils import timezone
from rest_framework import serializers, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from resets.emails import send_password_changed, send_reset_link
from resets.models import Member, PasswordResetToken


class ForgotSerializer(serializers.Serializer):
    email = serializers.EmailField()


class ResetSerializer(serializers.Serializer):
    token = serializers.CharField()
    password = serializers.CharField(min_length=12)


@api_view(["POST"])
@permission_classes([AllowAny])
def login(request):
    member = Member.objects.filter(email__iexact=request.data.get("email", "")).first()
    if member is None or not check_password(request.data.get("password", ""), member.password):
        return Response(status=status.HTTP_401_UNAUTHORIZED)
    if member.status != Member.Status.ACTIVE:
        return Response(status=status.HTTP_403_FORBIDDEN)
    return Response({"id": member.pk})


@api_view(["POST"])
@permission_classes([AllowAny])
def forgot_password(request):
    serializer = ForgotSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    member = Member.objects.filter(email__iexact=serializer.validated_data["email"]).first()
    if member is None:
        return Response(status=status.HTTP_202_ACCEPTED)
    token = PasswordResetToken.objects.create(
        member=member,
        expires_at=timezone.now() + timedelta(hours=settings.PASSWORD_RESET_TIMEOUT_HOURS),
    )
    send_reset_link(member, token)
    return Response(status=status.HTTP_202_ACCEPTED)


@api_view(["POST"])
@permission_classes([AllowAny])
def reset_password(request):
    serializer = ResetSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    token = PasswordResetToken.objects.filter(token=serializer.validated_data["token"]).first()
    if token is None:
        return Response(status=status.HTTP_400_BAD_REQUEST)
    if token.used:
        return Response(status=status.HTTP_400_BAD_REQUEST)
    if token.expires_at < timezone.now():
        return Response(status=status.HTTP_400_BAD_REQUEST)

    member = token.member
    member.set_password(serializer.validated_data["password"])
    member.save()
    token.used = True
    token.save()
    send_password_changed(member)
    return Response(status=status.HTTP_204_NO_CONTENT)
