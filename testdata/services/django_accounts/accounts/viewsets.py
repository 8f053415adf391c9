"""Organisation invitations."""
from datetime import timedelta

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.emails import send_invitation
from accounts.models import Invitation, Membership, Organization
from accounts.serializers import InvitationCreateSerializer, InvitationSerializer, TokenSerializer

ADMIN_ROLES = (Membership.Role.OWNER, Membership.Role.ADMIN)


class InvitationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = InvitationSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            Invitation.objects.filter(
                organization__memberships__user=self.request.user,
                organization__memberships__role__in=ADMIN_ROLES,
            )
            .select_related("organization")
            .order_by("-created_at")
        )

    def create(self, request, *args, **kwargs):
        serializer = InvitationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organization = get_object_or_404(Organization, pk=data["organization"])

        membership = Membership.objects.filter(organization=organization, user=request.user).first()
        if membership is None or membership.role not in ADMIN_ROLES:
            raise PermissionDenied("only organisation admins can invite")
        if organization.memberships.filter(user__email__iexact=data["email"]).exists():
            raise ValidationError({"email": "already a member"})

        invitation = Invitation.objects.create(
            organization=organization,
            email=data["email"],
            role=data["role"],
            invited_by=request.user,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_EXPIRY_DAYS),
        )
        send_invitation(invitation)
        return Response(InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        invitation = self.get_object()
        if invitation.status != Invitation.Status.PENDING:
            raise ValidationError({"status": "only pending invitations can be revoked"})
        invitation.status = Invitation.Status.REVOKED
        invitation.save(update_fields=["status"])
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=False, methods=["post"])
    def accept(self, request):
        serializer = TokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation = get_object_or_404(Invitation, token=serializer.validated_data["token"])
        if invitation.status != Invitation.Status.PENDING:
            raise ValidationError({"status": f"invitation is {invitation.status}"})
        if invitation.expires_at <= timezone.now():
            raise ValidationError({"status": "invitation expired"})

        Membership.objects.create(
            organization=invitation.organization, user=request.user, role=invitation.role
        )
        invitation.status = Invitation.Status.ACCEPTED
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["status", "accepted_at"])
        return Response(status=status.HTTP_204_NO_CONTENT)
