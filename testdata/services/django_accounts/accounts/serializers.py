from rest_framework import serializers

from accounts.models import Invitation, Membership, User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "status", "email_verified", "date_joined"]
        read_only_fields = fields


class LoginSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(write_only=True)


class PasswordResetRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetConfirmSerializer(serializers.Serializer):
    token = serializers.CharField()
    new_password = serializers.CharField(min_length=10, write_only=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class InvitationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "organization", "email", "role", "status", "created_at", "expires_at"]
        read_only_fields = ["status", "created_at", "expires_at"]


class InvitationCreateSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Membership.Role.choices, default=Membership.Role.MEMBER)
