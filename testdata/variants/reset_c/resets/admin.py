from django.contrib import admin

from resets.models import Member, PasswordResetToken

admin.site.register(Member)
admin.site.register(PasswordResetToken)
