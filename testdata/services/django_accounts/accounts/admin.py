from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Invitation, Membership, Organization, Plan, UsageQuota, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("email", "status", "failed_login_count", "locked_until", "email_verified", "plan")
    list_filter = ("status", "email_verified", "plan")
    search_fields = ("email",)
    ordering = ("email",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    inlines = [MembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organization", "role", "status", "expires_at")
    list_filter = ("status", "role")
    readonly_fields = ("token",)


admin.site.register(Plan)
admin.site.register(UsageQuota)
