package distill

import (
	"maps"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestDjangoIdioms pins the Django and Django REST framework shapes of the
// corpus's Django services (openwisp-users, healthchecks, styleguide):
// each case is a small service in their shape and the construct it must
// give.
func TestDjangoIdioms(t *testing.T) {
	d := New(Options{})
	// healthchecks' hc/lib/emails.py: messages built by make_message and
	// sent on a thread by send.
	threadMail := map[string]string{
		"hc/lib/emails.py": `
from threading import Thread
from django.core.mail import EmailMultiAlternatives as Message
from django.template.loader import render_to_string as render

class EmailThread(Thread):
    def __init__(self, message):
        Thread.__init__(self)
        self.message = message

    def run(self):
        for attempt in range(3):
            self.message.send()
            return

def make_message(name, to, ctx):
    subject = render(f"emails/{name}-subject.html", ctx).strip()
    body = render(f"emails/{name}-body-text.html", ctx)
    to_list = [to] if isinstance(to, str) else to
    msg = Message(subject, body, "from@example.org", to_list)
    return msg

def send(message, block=False):
    t = EmailThread(message)
    t.start()

def sudo_code(to, ctx):
    send(make_message("sudo-code", to, ctx))

def deletion_notice(to, ctx):
    m = make_message("deletion-notice", to, ctx)
    send(m, block=True)
`,
		"hc/accounts/models.py": `
from django.db import models
from django.contrib.auth.models import User
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    deletion_notice_date = models.DateTimeField(null=True)
`,
		"hc/accounts/views.py": `
from django.contrib.auth.decorators import login_required
from django.utils.timezone import now
from hc.lib import emails
from hc.accounts.models import Profile

@login_required
def send_code(request):
    emails.sudo_code(request.user.email, {"code": "123456"})
    return render(request, "sent.html")

@login_required
def warn(request, username):
    profile = Profile.objects.get(user__username=username)
    profile.deletion_notice_date = now()
    profile.save()
    emails.deletion_notice([profile.user.email], {})
    return render(request, "sent.html")
`}
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name: "a model has the fields of its abstract bases; its own declaration wins",
			files: map[string]string{
				"app/base.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser as BaseUser
class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField()
    class Meta:
        abstract = True
class AbstractUser(BaseUser):
    expiration_date = models.DateField(null=True)
    class Meta(BaseUser.Meta):
        abstract = True
`,
				"app/models.py": `
from django.db import models
from app.base import AbstractUser, TimeStamped
class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        abstract = False
class Organization(TimeStamped):
    note = models.CharField(max_length=10, null=True)
`},
			construct: "Organization",
			want: `entity Organization {
    note: String?
    created_at: Timestamp
}`,
		},
		{
			name:      "a message a helper builds, handed to the service's own send (a thread), is sent; the function that sends it names it",
			files:     threadMail,
			construct: "SendCode",
			want: `rule SendCode {
    when: SendCode(user)
    ensures: Email.created(to: user.email, template: sudo_code)
}`,
		},
		{
			name:      "a message bound to a local before the service's send, its recipient a list of one ([to] if isinstance(to, str) else to)",
			files:     threadMail,
			construct: "Warn",
			want: `rule Warn {
    when: Warn(username)
    let profile = Profile{user: User{username}}
    ensures:
        profile.deletion_notice_date = now
        Email.created(to: profile.user.email, template: deletion_notice)
}`,
		},
		{
			name: "closing the account: a local user that is request.user is the signed-in user, and request.session.flush() signs out",
			files: map[string]string{
				"accounts/views.py": `
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.shortcuts import redirect, render

@login_required
def close(request):
    user = request.user
    if request.method == "POST":
        if request.POST.get("confirmation") == request.user.email:
            user.delete()
            request.session.flush()
            return redirect("hc-login")
    return render(request, "accounts/close_account.html", {})
`},
			construct: "Close",
			want: `rule Close {
    when: Close(confirmation, user, session)
    requires: confirmation = user.email
    ensures:
        not exists user
        not exists session
}`,
		},
		{
			name: "a local user that is someone else keeps the signed-in user apart as current_user",
			files: map[string]string{
				"accounts/views.py": `
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.shortcuts import redirect

@login_required
def remove(request, email):
    user = User.objects.get(email=email)
    if user == request.user:
        return redirect("hc-index")
    user.delete()
    return redirect("hc-index")
`},
			construct: "Remove",
			want: `rule Remove {
    when: Remove(email, current_user)
    let user = User{email}
    requires: user != current_user
    ensures: not exists user
}`,
		},
		{
			name: "a related manager's exists() is the relationship's count above 0; a guard on it requires the count to be 0",
			files: map[string]string{
				"app/models.py": `
from django.db import models
from django.contrib.auth.models import User
class Credential(models.Model):
    name = models.CharField(max_length=100)
    user = models.ForeignKey(User, models.CASCADE, related_name="credentials")
`,
				"app/views.py": `
from django.contrib.auth import login as auth_login
from django.contrib.auth.models import User
from django.shortcuts import redirect

def login(request, email):
    user = User.objects.get(email=email)
    if user.credentials.exists():
        return redirect("hc-login-webauthn")
    auth_login(request, user)
    return redirect("hc-index")
`},
			construct: "Login",
			want: `rule Login {
    when: Login(email)
    let user = User{email}
    requires: user.credentials.count = 0
    ensures:
        Session.created(user: user)
        user.last_login = now
}`,
		},
		{
			name: "a setting read through the service's own environment reader (envbool(\"X\", \"True\")) has the reader's default",
			files: map[string]string{
				"hc/settings.py": `
import os

def envbool(s, default):
    v = os.getenv(s, default=default)
    if v not in ("", "True", "False"):
        raise Exception("bad value")
    return v == "True"

REGISTRATION_OPEN = envbool("REGISTRATION_OPEN", "True")
`,
				"hc/accounts/models.py": `
from django.db import models
from django.contrib.auth.models import User
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
`,
				"hc/accounts/views.py": `
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponseForbidden
from django.shortcuts import render
from hc.accounts.models import Profile

def signup(request):
    if not settings.REGISTRATION_OPEN:
        return HttpResponseForbidden()
    user = User(email=request.POST["email"])
    user.save()
    return render(request, "accounts/signup_result.html", {})
`},
			construct: "registration_open",
			want:      `registration_open: Boolean = true`,
		},
		{
			name: "a signed token read back and checked against a stored hash is verified as the token, its lifetime a config parameter",
			files: map[string]string{
				"hc/accounts/models.py": `
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import User
from django.core.signing import BadSignature, TimestampSigner
from django.db import models

class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    token = models.CharField(max_length=128, blank=True)

` + profileCheckToken,
				"hc/accounts/views.py": `
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from hc.accounts.models import Profile

def check_token(request, username, token):
    profile = Profile.objects.get(user__username=username)
    if not profile.check_token(token):
        return redirect("hc-login")
    profile.token = ""
    profile.save()
    auth_login(request, profile.user)
    return redirect("hc-index")
`},
			construct: "CheckToken",
			want: `rule CheckToken {
    when: CheckToken(username, token)
    let profile = Profile{user: User{username}}
    requires: token.issued_at + config.check_token_expiry >= now
    requires: verify(token, profile.token)
    ensures:
        profile.token = ""
        Session.created(user: profile.user)
        profile.user.last_login = now
}`,
		},
		{
			name:      "a timestamp signer's token over a random secret the row stores hashed is the row's user's, issued now, named after the flow that sends it; the stored hash is its bookkeeping",
			files:     loginLinkService,
			construct: "MagicLink",
			want: `rule MagicLink {
    when: MagicLink(username)
    let profile = Profile{user: User{username}}
    ensures: LoginLinkToken.created(user: profile.user, issued_at: now)
}`,
		},
		{
			name:      "the user a timestamp signer's link token is issued for has the collection of those tokens",
			files:     loginLinkService,
			construct: "User",
			want: `entity User {
    username: String

    login_link_tokens: LoginLinkToken with user = this
}`,
		},
		{
			name: "the fields of an abstract base that itself subclasses the framework's user",
			files: map[string]string{
				"app/base.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser as BaseUser
class AbstractUser(BaseUser):
    expiration_date = models.DateField(null=True)
    class Meta(BaseUser.Meta):
        abstract = True
`,
				"app/models.py": `
from app.base import AbstractUser
class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        abstract = False
`},
			construct: "User",
			want: `entity User {
    expiration_date: Timestamp?
}`,
		},
		{
			name:      "a serializer nested in the view, its input spread into a service, the model's manager method creating the user, full_clean refusing a duplicate",
			files:     managerCreateService("self.normalize_email(email.lower())"),
			construct: "UserCreateApi",
			want: `rule UserCreateApi {
    when: UserCreateApi(email, password)
    requires: length(password) >= config.min_password_length
    requires: not exists BaseUser{email: lowercase(email)}
    ensures: BaseUser.created(email: lowercase(email), is_active: true, password: hash(password))
}`,
		},
		{
			name:      "normalize_email lowercases only the domain: the spec names that, never the raw address",
			files:     managerCreateService("self.normalize_email(email)"),
			construct: "UserCreateApi",
			want: `rule UserCreateApi {
    when: UserCreateApi(email, password)
    requires: length(password) >= config.min_password_length
    requires: not exists BaseUser{email: lowercase_domain(email)}
    ensures:
        BaseUser.created(email: lowercase_domain(email), is_active: true, password: hash(password))
}`,
		},
		{
			name:      "full_clean refuses a duplicate of the username the framework's user declares unique",
			files:     inheritedUniqueService(""),
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(username, phone)
    requires: not exists User{username}
    ensures: User.created(username: username, phone: phone)
}`,
		},
		{
			name:      "a username the model declares anew without unique=True is no longer unique",
			files:     inheritedUniqueService("    username = models.CharField(max_length=30)\n"),
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(username, phone)
    ensures: User.created(username: username, phone: phone)
}`,
		},
		{
			name: "a text column of the new row read back tests that the input was given, as the input itself does; a Boolean one is a condition",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    phone = models.CharField(max_length=20, blank=True)
class Contact(models.Model):
    user = models.ForeignKey(User, models.CASCADE)
    phone = models.CharField(max_length=20)
`,
				"app/views.py": `
from django.http import JsonResponse
from app.models import Contact, User
def create_user(request):
    user = User(username=request.POST["username"], phone=request.POST["phone"], is_staff=request.POST["is_staff"])
    user.save()
    if user.phone:
        Contact.objects.create(user=user, phone=user.phone)
    if user.is_staff:
        Contact.objects.create(user=user, phone="staff")
    return JsonResponse({})
`},
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(username, phone, is_staff)
    ensures:
        let user = User.created(username: username, phone: phone, is_staff: is_staff)
        Contact.created(user: user, phone: phone)
        if is_staff:
            Contact.created(user: user, phone: "staff")
}`,
		},
		{
			name: "a Django form's field constraints hold for what cleaned_data gives",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
`,
				"app/forms.py": `
from django import forms
class SetPasswordForm(forms.Form):
    password = forms.CharField(min_length=8)
`,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from app import forms
@login_required
def set_password(request):
    form = forms.SetPasswordForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    request.user.set_password(form.cleaned_data["password"])
    request.user.save()
    return redirect("hc-profile")
`},
			construct: "SetPassword",
			want: `rule SetPassword {
    when: SetPassword(password, user)
    requires: length(password) >= config.min_password_length
    ensures: user.password = hash(password)
}`,
		},
		{
			name: "serializer.save() runs the serializer's own save; its field and object validators are preconditions",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`,
				"app/serializers.py": `
from rest_framework import serializers
class ChangePasswordSerializer(serializers.Serializer):
    old_password = serializers.CharField()
    new_password = serializers.CharField()
    def validate_old_password(self, value):
        user = self.context["request"].user
        if not user.check_password(value):
            raise serializers.ValidationError("wrong password")
        return value
    def validate(self, data):
        if data["new_password"] == data["old_password"]:
            raise serializers.ValidationError("same password")
        return data
    def save(self):
        user = self.context["request"].user
        user.set_password(self.validated_data["new_password"])
        user.save()
`,
				"app/views.py": `
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from app.serializers import ChangePasswordSerializer
class ChangePasswordView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = ChangePasswordSerializer
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response({})
`},
			construct: "ChangePassword",
			want: `rule ChangePassword {
    when: ChangePassword(old_password, user, new_password)
    requires: verify(old_password, user.password)
    requires: new_password != old_password
    ensures: user.password = hash(new_password)
}`,
		},
		{
			name: "authenticate() with the validated input spread into it; Django's backend admits only active users",
			files: map[string]string{
				"users/models.py": `
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
class BaseUser(AbstractBaseUser):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    USERNAME_FIELD = "email"
`,
				"auth/apis.py": `
from django.contrib.auth import authenticate, login
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView
class UserSessionLoginApi(APIView):
    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField()
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request, **serializer.validated_data)
        if user is None:
            return Response(status=status.HTTP_400_BAD_REQUEST)
        login(request, user)
        return Response({})
`},
			construct: "UserSessionLoginApi",
			want: `rule UserSessionLoginApi {
    when: UserSessionLoginApi(email, password)
    let user = BaseUser{email}
    requires: verify(password, user.password)
    requires: user.is_active
    requires: exists user
    ensures:
        Session.created(user: user)
        user.last_login = now
}`,
		},
		{
			name: "a task returning a model's class method runs it; a date before today is a day past it",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser as BaseUser
from django.db import models, transaction
from django.utils.timezone import localdate
class AbstractUser(BaseUser):
    expiration_date = models.DateField(null=True)
    class Meta:
        abstract = True
    @classmethod
    def deactivate_expired_users(cls):
        with transaction.atomic():
            qs = cls.objects.filter(is_active=True, expiration_date__lt=localdate()).select_for_update()
            for user in qs.iterator():
                user.is_active = False
                user.save(update_fields=["is_active"])
class User(AbstractUser):
    pass
`,
				"app/tasks.py": `
from celery import shared_task
from django.contrib.auth import get_user_model
User = get_user_model()
@shared_task
def deactivate_expired_users():
    return User.deactivate_expired_users()
`},
			construct: "DeactivateExpiredUsers",
			want: `rule DeactivateExpiredUsers {
    when: user: User.expiration_date + 1.day <= now
    requires: user.is_active
    ensures: user.is_active = false
}`,
		},
		{
			name: "hasattr on a one-to-one reverse relationship tests that it exists",
			files: map[string]string{
				"app/models.py": `
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    pass
class TwoFactorData(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_data")
    secret = models.CharField(max_length=255, null=True)
`,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from app.models import TwoFactorData
@login_required
def setup_two_factor(request):
    if hasattr(request.user, "two_factor_data"):
        raise ValidationError("already set up")
    TwoFactorData.objects.create(user=request.user)
    return redirect("admin:index")
`},
			construct: "SetupTwoFactor",
			want: `rule SetupTwoFactor {
    when: SetupTwoFactor(user)
    requires: not exists user.two_factor_data
    ensures: TwoFactorData.created(user: user)
}`,
		},
		{
			name: "get_or_create creates a row only when none matches its lookup; a one-to-one's declared other side names it",
			files: map[string]string{
				"app/models.py": `
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    pass
class ApiToken(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_token")
    label = models.CharField(max_length=20)
`,
				"app/views.py": `
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from app.models import ApiToken
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def obtain_token(request):
    token, created = ApiToken.objects.get_or_create(user=request.user, defaults={"label": "api"})
    return Response({"created": created})
`},
			construct: "ObtainToken",
			want: `rule ObtainToken {
    when: ObtainToken(user)
    ensures:
        if not exists user.api_token:
            ApiToken.created(user: user, label: "api")
}`,
		},
		{
			name: "a command's bulk delete: a Count annotation filtered on, a timedelta imported under another name",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    deletion_notice_date = models.DateTimeField(null=True, blank=True)
class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
`,
				"app/management/commands/pruneusers.py": `
from datetime import timedelta as td
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db.models import Count, F
from django.utils.timezone import now
from app.models import Profile
class Command(BaseCommand):
    def handle(self, **options):
        month_ago = now() - td(days=30)
        q = User.objects.order_by("id")
        q = q.annotate(n_teams=Count("memberships"))
        q = q.filter(date_joined__lt=month_ago, last_login=None, n_teams=0)
        _n, summary = q.delete()
        pq = Profile.objects.filter(deletion_notice_date__lt=month_ago)
        pq = pq.exclude(user__last_login__gt=F("deletion_notice_date"))
        for profile in pq:
            profile.user.delete()
        return "Done!"
`},
			construct: "Pruneusers",
			want: `rule Pruneusers {
    when: user: User.date_joined + 30.days <= now
    requires: user.last_login = null
    requires: user.memberships.count = 0
    ensures: not exists user
}`,
		},
		{
			name: "a lookup through a relationship, an F() of the row, and exclude keeping the rows whose field is null",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    deletion_notice_date = models.DateTimeField(null=True, blank=True)
class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
`,
				"app/management/commands/pruneusers.py": `
from datetime import timedelta as td
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db.models import Count, F
from django.utils.timezone import now
from app.models import Profile
class Command(BaseCommand):
    def handle(self, **options):
        month_ago = now() - td(days=30)
        q = User.objects.order_by("id")
        q = q.annotate(n_teams=Count("memberships"))
        q = q.filter(date_joined__lt=month_ago, last_login=None, n_teams=0)
        _n, summary = q.delete()
        pq = Profile.objects.filter(deletion_notice_date__lt=month_ago)
        pq = pq.exclude(user__last_login__gt=F("deletion_notice_date"))
        for profile in pq:
            profile.user.delete()
        return "Done!"
`},
			construct: "PruneusersProfile",
			want: `rule PruneusersProfile {
    when: profile: Profile.deletion_notice_date + 30.days <= now
    requires:
        not exists profile.user.last_login
        or profile.user.last_login <= profile.deletion_notice_date
    ensures: not exists profile.user
}`,
		},
		{
			name:      "a lookup in try whose DoesNotExist handler ends the request requires the row",
			files:     credentialViews,
			construct: "Block",
			want: `rule Block {
    when: Block(email)
    let user = User{email}
    requires: exists user
    ensures: user.is_active = false
}`,
		},
		{
			// healthchecks' remove_credential: the row named by its code
			// among the signed-in user's.
			name:      "a lookup by a secret and the signed-in user names the row, which must be the user's",
			files:     credentialViews,
			construct: "RemoveCredential",
			want: `rule RemoveCredential {
    when: RemoveCredential(user, credential)
    requires: credential.user = user
    ensures: not exists credential
}`,
		},
		{
			name:      "a DoesNotExist handler that goes on states its outcomes for when no row matched; what follows acts on the row it made",
			files:     credentialViews,
			construct: "Invite",
			want: `rule Invite {
    when: Invite(email)
    let user = User{email}
    ensures:
        if exists user:
            Member.created(user: user)
        else:
            let new_user = User.created(email: email)
            Member.created(user: new_user)
}`,
		},
		{
			name: "authenticate() walks the service's backend that takes its keywords; its None returns fail the sign-in",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
`,
				"app/settings.py": `
AUTHENTICATION_BACKENDS = ["app.backends.EmailBackend"]
`,
				"app/backends.py": `
from django.contrib.auth.models import User
class EmailBackend:
    def authenticate(self, request, username=None, password=None):
        try:
            user = User.objects.get(email=username)
        except User.DoesNotExist:
            return None
        if not user.check_password(password):
            return None
        return user
`,
				"app/forms.py": `
from django import forms
from django.contrib.auth import authenticate
class PasswordLoginForm(forms.Form):
    email = forms.EmailField()
    password = forms.CharField()
    def clean(self):
        username = self.cleaned_data.get("email")
        password = self.cleaned_data.get("password")
        if username and password:
            self.user = authenticate(username=username, password=password)
            if self.user is None or not self.user.is_active:
                raise forms.ValidationError("Incorrect email or password.")
        return self.cleaned_data
`,
				"app/views.py": `
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from app import forms
def login(request):
    form = forms.PasswordLoginForm(request.POST)
    if form.is_valid():
        auth_login(request, form.user)
        return redirect("home")
    return redirect("login")
`},
			construct: "Login",
			want: `rule Login {
    when: Login(email, password)
    let user = User{email}
    requires: exists user
    requires: verify(password, user.password)
    requires: user.is_active
    ensures:
        Session.created(user: user)
        user.last_login = now
}`,
		},
		{
			name: "a fresh random value (uuid4) is random_key()",
			files: map[string]string{
				"users/models.py": `
import uuid
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
class BaseUser(AbstractBaseUser):
    email = models.EmailField(unique=True)
    jwt_key = models.UUIDField(default=uuid.uuid4)
`,
				"auth/apis.py": `
import uuid
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
class UserJwtLogoutApi(APIView):
    permission_classes = (IsAuthenticated,)
    def post(self, request):
        user = request.user
        user.jwt_key = uuid.uuid4()
        user.save(update_fields=["jwt_key"])
        return Response()
`},
			construct: "UserJwtLogoutApi",
			want: `rule UserJwtLogoutApi {
    when: UserJwtLogoutApi(user)
    ensures: user.jwt_key = random_key()
}`,
		},
		{
			// The one-to-one row is read through its related_name, as
			// Django's accessor does (user.two_factor_data).
			name: "a FormView's form_valid is the handler of its valid form: the form's validators hold, get_form's attributes are set",
			files: map[string]string{
				"app/models.py": `
import uuid
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    pass
class TwoFactorData(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor_data")
    session_identifier = models.UUIDField(blank=True, null=True)
    def rotate_session_identifier(self):
        self.session_identifier = uuid.uuid4()
        self.save(update_fields=["session_identifier"])
`,
				"app/views.py": `
from django import forms
from django.core.exceptions import ValidationError
from django.views.generic import FormView
from app.models import TwoFactorData
class ConfirmTwoFactorView(FormView):
    class Form(forms.Form):
        otp = forms.CharField(required=True)
        def clean_otp(self):
            self.data_row = TwoFactorData.objects.filter(user=self.user).first()
            if self.data_row is None:
                raise ValidationError("2FA not set up.")
            return self.cleaned_data.get("otp")
    def get_form_class(self):
        return self.Form
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.user = self.request.user
        return form
    def form_valid(self, form):
        form.data_row.rotate_session_identifier()
        return super().form_valid(form)
`},
			construct: "ConfirmTwoFactor",
			want: `rule ConfirmTwoFactor {
    when: ConfirmTwoFactor(user)
    requires: user.two_factor_data != null
    ensures: user.two_factor_data.session_identifier = random_key()
}`,
		},
		{
			name:      "a post_save receiver that tests created is a rule triggered by the creation; one that does not is left out",
			files:     signalReceivers,
			construct: "SendVerification",
			want: `rule SendVerification {
    when: user: User.created
    requires: not user.email_verified
    ensures: Verification.created(user: user)
}`,
		},
		{
			name:      "a receiver connected in AppConfig.ready to a model a loader names",
			files:     signalReceivers,
			construct: "MakeOwner",
			want: `rule MakeOwner {
    when: membership: Membership.created
    requires: membership.is_admin
    ensures: Owner.created(membership: membership)
}`,
		},
		{
			// graphql-auth signals.py: the status row of every new user.
			name: "a receiver of the user model named by settings.AUTH_USER_MODEL; get_or_create keyed by the new user creates",
			files: map[string]string{
				"app/models.py": `
from django.conf import settings
from django.db import models
class Status(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status")
    verified = models.BooleanField(default=False)
`,
				"users/models.py": `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`,
				"app/signals.py": `
from django.conf import settings as django_settings
from django.db.models.signals import post_save
from django.dispatch import receiver
@receiver(post_save, sender=django_settings.AUTH_USER_MODEL)
def create_status(sender, instance, created, **kwargs):
    if created:
        from .models import Status
        Status._default_manager.get_or_create(user=instance)
`},
			construct: "CreateStatus",
			want: `rule CreateStatus {
    when: custom_user: CustomUser.created
    ensures: Status.created(user: custom_user, verified: false)
}`,
		},
		{
			name:      "a post_save receiver that does not test created runs on every save: no creation rule",
			files:     signalReceivers,
			construct: "Touch",
			want:      "",
		},
		{
			name: "a serializer's context names the user the view found; a model's set_password override calls the framework's through super(); a validator's success return makes the guard after it conditional",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
class User(AbstractUser):
    password_updated = models.DateField(null=True)
    def set_password(self, *args, **kwargs):
        self.password_updated = timezone.now().date()
        return super().set_password(*args, **kwargs)
`,
				"app/serializers.py": `
from rest_framework import serializers
class ChangePasswordSerializer(serializers.Serializer):
    current_password = serializers.CharField()
    new_password = serializers.CharField()
    def validate_current_password(self, value):
        if self.context["request"].user.is_superuser:
            return value
        if not self.context["user"].check_password(value):
            raise serializers.ValidationError("wrong")
        return value
    def save(self, **kwargs):
        user = self.context["user"]
        user.set_password(self.validated_data["new_password"])
        user.save()
`,
				"app/views.py": `
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from app.serializers import ChangePasswordSerializer
class ChangePasswordView(GenericAPIView):
    serializer_class = ChangePasswordSerializer
    def update(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        s.save()
        return Response({"status": "Success"})
`},
			construct: "ChangePassword",
			want: `rule ChangePassword {
    when: ChangePassword(user, current_password, target_user, new_password)
    requires: user.is_superuser or verify(current_password, target_user.password)
    ensures:
        target_user.password_updated = now
        target_user.password = hash(new_password)
}`,
		},
		{
			name: "django-organizations' abstract bases give the member and owner models their foreign keys",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
from organizations.abstract import AbstractOrganization, AbstractOrganizationOwner, AbstractOrganizationUser
class User(AbstractUser):
    pass
class BaseOrganizationOwner(models.Model):
    class Meta:
        abstract = True
class Organization(models.Model, AbstractOrganization):
    pass
class OrganizationUser(models.Model, AbstractOrganizationUser):
    is_admin = models.BooleanField(default=False)
class OrganizationOwner(BaseOrganizationOwner, AbstractOrganizationOwner):
    pass
`},
			construct: "OrganizationOwner",
			want: `entity OrganizationOwner {
    organization: Organization
    organization_user: OrganizationUser
}`,
		},
		{
			name: "a post_save receiver that creates only when a one-to-one's other side is missing: a precondition, read through the declared side",
			files: map[string]string{
				"app/models.py": `
from django.db import models
class Team(models.Model):
    title = models.CharField(max_length=20)
class Seat(models.Model):
    team = models.ForeignKey(Team, models.CASCADE)
    lead = models.BooleanField(default=False)
class Captain(models.Model):
    team = models.OneToOneField(Team, models.CASCADE, related_name="captain")
    seat = models.OneToOneField(Seat, models.CASCADE)
`,
				"app/signals.py": `
from django.db.models.signals import post_save
from django.dispatch import receiver
from app.models import Captain, Seat
@receiver(post_save, sender=Seat)
def first_lead_captains(sender, instance, created, **kwargs):
    if not created or not instance.lead:
        return
    if not Captain.objects.filter(team=instance.team).exists():
        Captain.objects.create(team=instance.team, seat=instance)
`},
			construct: "FirstLeadCaptains",
			want: `rule FirstLeadCaptains {
    when: seat: Seat.created
    requires: seat.lead
    requires: not exists seat.team.captain
    ensures: Captain.created(team: seat.team, seat: seat)
}`,
		},
		{
			name: "Django's login starts a session that lives SESSION_COOKIE_AGE seconds, stated where the service sets it",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`,
				"config/settings.py": `
SESSION_COOKIE_AGE = 60 * 60 * 24
`,
				"app/views.py": `
from django.contrib.auth import authenticate, login
from rest_framework.response import Response
from rest_framework.views import APIView
class SessionLoginApi(APIView):
    def post(self, request):
        found = authenticate(request, username=request.data["username"], password=request.data["password"])
        if not found:
            raise PermissionDenied()
        login(request, found)
        return Response({"ok": True})
`},
			construct: "Session",
			want: `entity Session {
    user: User
    expires_at: Timestamp
}`,
		},
		{
			name:      "a subclass of dj-rest-auth's PasswordChangeView inherits a POST that changes the signed-in user's password, checked by the service's own configured validator, after the guards of the view's dispatch",
			files:     restPasswordView,
			construct: "AccountPassword",
			want:      accountPasswordRule(""),
		},
		{
			name: "a framework password-change view acts for the signed-in user, active under Django's default session backend",
			files: func() map[string]string {
				files := maps.Clone(restPasswordView)
				files["proj/settings.py"] += "INSTALLED_APPS = [\"accounts\"]\n"
				return files
			}(),
			construct: "AccountPassword",
			want:      accountPasswordRule("    requires: user.is_active\n"),
		},
		{
			name: "a view's throttle class of the service limits a client's requests per period, its rate read through the setting's default",
			files: map[string]string{
				"shop/models.py": `
from django.db import models
class Coupon(models.Model):
    code = models.CharField(max_length=12)
    redeemed = models.BooleanField(default=False)
`,
				"shop/conf.py": `
from django.conf import settings
REDEEM_RATE = getattr(settings, "SHOP_REDEEM_RATE", "5/minute")
`,
				"shop/throttling.py": `
from rest_framework.throttling import AnonRateThrottle
from shop import conf
class RedeemRateThrottle(AnonRateThrottle):
    rate = conf.REDEEM_RATE
`,
				"shop/api.py": `
from rest_framework.response import Response
from rest_framework.views import APIView
from shop.models import Coupon
from shop.throttling import RedeemRateThrottle
class RedeemCouponView(APIView):
    throttle_classes = [RedeemRateThrottle]
    def post(self, request):
        coupon = Coupon.objects.get(code=request.data["code"])
        coupon.redeemed = True
        coupon.save()
        return Response({})
`},
			construct: "RedeemCoupon",
			want: `rule RedeemCoupon {
    when: RedeemCoupon(client, coupon)
    requires: redeem_requests(client, config.redeem_throttle_period) < config.redeem_throttle_limit
    ensures: coupon.redeemed = true
}`,
		},
		{
			name: "a subclass of DRF's ObtainAuthToken validates the credentials with authenticate; validated_data holds the user found",
			files: map[string]string{
				"tokens/models.py": `
from django.contrib.auth.models import AbstractUser
class Person(AbstractUser):
    pass
`,
				"tokens/views.py": `
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
class LoginTokenView(ObtainAuthToken):
    def post(self, request, *args, **kwargs):
        s = self.get_serializer(data=request.data)
        s.is_valid(raise_exception=True)
        person = s.validated_data["user"]
        token, _ = Token.objects.get_or_create(user=person)
        return Response({"token": token.key})
`},
			construct: "LoginToken",
			want: `rule LoginToken {
    when: LoginToken(username, password)
    let user = Person{username}
    requires: verify(password, user.password)
    requires: user.is_active
    requires: exists user
    ensures:
        if not exists user.auth_token:
            Token.created(user: user)
}`,
		},
		{
			name: "a view whose GET and POST do the same thing is one behaviour: the POST's rule",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser
class Member(AbstractUser):
    pass
`,
				"app/apis.py": `
from django.contrib.auth import logout
from rest_framework.response import Response
from rest_framework.views import APIView
class SignOutApi(APIView):
    def get(self, request):
        logout(request)
        return Response()
    def post(self, request):
        logout(request)
        return Response(status=204)
`},
			construct: "GetSignOutApi",
			want:      "",
		},
		{
			name:      "a daily job over the rows whose date is today plus a lifetime is due when that day comes",
			files:     expiringUsersJob("", "User.objects.filter(is_active=True, expiration_date=localdate() + timedelta(days=7))"),
			construct: "RemindExpiringUsers",
			want: `rule RemindExpiringUsers {
    when: user: User.expiration_date - 7.days <= now
    requires: user.is_active
    ensures: Email.created(to: user.email, template: account_expiring)
}`,
		},
		{
			name:      "a DRF create view without a POST of its own validates and saves its serializer: the model serializer's create, its Meta model made from the validated data the code did not pop",
			files:     drfCreateView,
			construct: "CreateUsers",
			want: `rule CreateUsers {
    when: CreateUsers(username, email, password)
    ensures: User.created(username: username, email: email, password: hash(password))
}`,
		},
		{
			name:      "a view's permission_classes come from the nearest base that sets them (a mixin of the service)",
			files:     drfCreateView,
			construct: "UserApi",
			want: `surface UserApi {
    facing user: User

    provides:
        CreateUsers(username, email, password)
}`,
		},
		{
			name:      "a DRF model-permission class on the view's mixin: its POST requires the user's add permission on the view's model (get_user_model() at module level), a literal of the permission enum",
			files:     drfModelPermissions(""),
			construct: "CreateUsers",
			want:      drfCreateUsers("user, ", "has_permission(user, add_user)"),
		},
		{
			name:      "the permissions rules require are the literals of one enum",
			files:     drfModelPermissions(""),
			construct: "Permission",
			want:      "enum Permission { add_user }",
		},
		{
			name: "a view that picks its permission classes at run time (get_permissions) states no model permission",
			files: drfModelPermissions(`
    def get_permissions(self):
        return super().get_permissions()`),
			construct: "CreateUsers",
			want:      drfCreateUsers(""),
		},
		{
			// paperless-ngx's PaperlessObjectPermissions(DjangoObjectPermissions)
			// with its own perms_map (documents/permissions.py:28-42).
			name:      "a permission class of the service derived from DjangoObjectPermissions, its own perms_map: the POST requires each permission its POST entry names",
			files:     drfOwnModelPermissions(`"POST": ["%(app_label)s.add_%(model_name)s", "%(app_label)s.view_%(model_name)s"],`, ""),
			construct: "CreateUsers",
			want:      drfCreateUsers("user, ", "has_permission(user, add_user)", "has_permission(user, view_user)"),
		},
		{
			name:      "a permission class of the service derived from DjangoObjectPermissions without a perms_map: DRF's add for a POST",
			files:     drfOwnModelPermissions("", ""),
			construct: "CreateUsers",
			want:      drfCreateUsers("user, ", "has_permission(user, add_user)"),
		},
		{
			// netbox's TokenPermissions also checks the token (netbox/api/authentication.py:155).
			name:      "a permission class of the service that writes its own has_permission: no model permission stated",
			files:     drfOwnModelPermissions("", "\n    def has_permission(self, request, view):\n        return True"),
			construct: "CreateUsers",
			want:      drfCreateUsers(""),
		},
		{
			name:      "a perms_map entry not written as app_label.action_model_name: no model permission stated",
			files:     drfOwnModelPermissions(`"POST": ["auth.add_user"],`, ""),
			construct: "CreateUsers",
			want:      drfCreateUsers(""),
		},
		{
			// paperless-ngx's OwnedObjectSerializer.validate_unique_together
			// (documents/serialisers.py:475), called by its own create.
			name:      "a serializer's validate_<name> for a name none of its fields has is no field validator: no input of that name",
			files:     drfUnlistedValidator,
			construct: "CreateUsers",
			want:      drfCreateUsers(""),
		},
		{
			name:      "allauth's EmailAddress.objects.add_email adds an unverified address and, with confirm, sends the confirmation; a Boolean input of the serializer tested by if is a condition, not a presence check",
			files:     drfAddEmail,
			construct: "CreateUsers",
			want: `rule CreateUsers {
    when: CreateUsers(username, email, password, email_verified)
    ensures:
        let instance = User.created(username: username, email: email, password: hash(password))
        EmailAddress.created(
            email: email,
            primary: email_verified,
            user: instance,
            verified: email_verified
        )
        if not email_verified:
            Email.created(to: email, template: email_confirmation_signup)
}`,
		},
		{
			name:      "a Django service on the default session backend (ModelBackend finds only active users): a signed-in user is active",
			files:     drfSessionBackends(`INSTALLED_APPS = ["app"]`, ""),
			construct: "CreateUsers",
			want:      drfCreateUsers("user, ", "user.is_active"),
		},
		{
			name:      "a backend of the service derived from ModelBackend that keeps its get_user: a signed-in user is active",
			files:     drfSessionBackends(`AUTHENTICATION_BACKENDS = ["app.backends.Backend"]`, "from django.contrib.auth.backends import ModelBackend\nclass Backend(ModelBackend):\n    pass\n"),
			construct: "CreateUsers",
			want:      drfCreateUsers("user, ", "user.is_active"),
		},
		{
			// healthchecks' BasicBackend.get_user loads any user by id.
			name:      "a backend of the service with its own get_user may sign in an inactive user: nothing stated",
			files:     drfSessionBackends(`AUTHENTICATION_BACKENDS = ["app.backends.Backend"]`, "class Backend:\n    def get_user(self, user_id):\n        return None\n"),
			construct: "CreateUsers",
			want:      drfCreateUsers(""),
		},
		{
			name: "a create view that writes its own create keeps it",
			files: map[string]string{
				"app/models.py":      drfCreateView["app/models.py"],
				"app/serializers.py": drfCreateView["app/serializers.py"],
				"app/views.py": `
from rest_framework.generics import ListCreateAPIView
from app.serializers import UserSerializer
class UsersListCreateView(ListCreateAPIView):
    serializer_class = UserSerializer
    def create(self, request, *args, **kwargs):
        return Response(status=403)
`},
			construct: "CreateUsers",
			want:      "",
		},
		{
			name: "a filter through the reverse side of another model's foreign key (Django's lower-case model name) holds when any related row passes; the relationship is named for what it holds",
			files: expiringUsersJob("from allauth.account.models import EmailAddress",
				"User.objects.filter(is_active=True, expiration_date=localdate() + timedelta(days=7), emailaddress__verified=True).distinct().iterator()"),
			construct: "RemindExpiringUsers",
			want: `rule RemindExpiringUsers {
    when: user: User.expiration_date - 7.days <= now
    requires: user.is_active
    requires: user.email_addresses.any(e => e.verified)
    ensures: Email.created(to: user.email, template: account_expiring)
}`,
		},
		{
			name: "an exclude through a reverse relationship (no related row passes) is not the negated test: the loop is left out",
			files: expiringUsersJob("from allauth.account.models import EmailAddress",
				"User.objects.filter(is_active=True, expiration_date=localdate() + timedelta(days=7)).exclude(emailaddress__verified=True)"),
			construct: "RemindExpiringUsers",
			want:      "",
		},
		{
			name: "a reverse filter by a related_name reads that relationship",
			files: map[string]string{
				"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    expiration_date = models.DateField(null=True)
class Device(models.Model):
    owner = models.ForeignKey(User, models.CASCADE, related_name="devices")
    confirmed = models.BooleanField(default=False)
`,
				"app/tasks.py": `
from celery import shared_task
from django.core.mail import send_mail
from django.utils.timezone import localdate
from app.models import User
@shared_task
def remind_expired_users():
    for user in User.objects.filter(expiration_date__lt=localdate(), devices__confirmed=False):
        send_mail("Your account expired", "account_expired", None, [user.email])
`},
			construct: "RemindExpiredUsers",
			want: `rule RemindExpiredUsers {
    when: user: User.expiration_date + 1.day <= now
    requires: user.devices.any(d => not d.confirmed)
    ensures: Email.created(to: user.email, template: account_expired)
}`,
		},
		{
			name:      "a post calling super().post() of rest_framework_jwt's token view logs in by the model's USERNAME_FIELD and issues a token carrying the key the setting's function gives",
			files:     jwtConfigured,
			construct: "JwtLogin",
			want:      jwtLoginRule("\n        JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration, key: user.jwt_key)"),
		},
		{
			name:      "a token view's lifetime is the dict setting's entry, read through the setting it names",
			files:     jwtConfigured,
			construct: "jwt_expiration",
			want:      "jwt_expiration: Duration = 1.day",
		},
		{
			name:      "a token view's inherited POST without settings: the framework's default lifetime, no key",
			files:     jwtInherited,
			construct: "jwt_expiration",
			want:      "jwt_expiration: Duration = 5.minutes",
		},
		{
			name:      "a token carrying its user's key holds while the user's key does",
			files:     jwtConfigured,
			construct: "JsonWebToken",
			want:      "entity JsonWebToken {\n    user: User\n    key: String\n    expires_at: Timestamp\n    is_valid: key = user.jwt_key and expires_at > now\n}",
		},
		{
			name:      "the user a keyed token is issued to lists its tokens",
			files:     jwtConfigured,
			construct: "User",
			want:      "entity User {\n    password: String\n    email: String\n    is_active: Boolean\n    jwt_key: String\n\n    json_web_tokens: JsonWebToken with user = this\n}",
		},
		{
			name:      "a token with no key holds until it expires",
			files:     jwtInherited,
			construct: "JsonWebToken",
			want:      "entity JsonWebToken {\n    user: User\n    expires_at: Timestamp\n    is_valid: expires_at > now\n}",
		},
		{
			name:      "a token view's inherited POST issues the token",
			files:     jwtInherited,
			construct: "JwtLogin",
			want:      jwtLoginRule(" JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration)"),
		},
		{
			name:      "a token view's own post that never reaches the framework's issues no token",
			files:     jwtLoginFiles(map[string]string{"auth/views.py": "from rest_framework_jwt.views import ObtainJSONWebTokenView\nclass JwtLogin(ObtainJSONWebTokenView):\n    def post(self, request):\n        return 405\n"}),
			construct: "JsonWebToken",
			want:      "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}

// signalReceivers is a Django service with post_save receivers of both
// kinds: decorated ones (one testing created, one not) and one connected
// in AppConfig.ready to a model a loader names.
var signalReceivers = map[string]string{
	"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    email_verified = models.BooleanField(default=False)
class Membership(models.Model):
    user = models.ForeignKey(User, models.CASCADE)
    is_admin = models.BooleanField(default=False)
class Owner(models.Model):
    membership = models.OneToOneField(Membership, models.CASCADE)
class Verification(models.Model):
    user = models.ForeignKey(User, models.CASCADE)
`,
	"app/signals.py": `
from django.db.models.signals import post_save
from django.dispatch import receiver
from app.models import User, Verification
@receiver(post_save, sender=User)
def send_verification(sender, instance, created, **kwargs):
    if not created or instance.email_verified:
        return
    Verification.objects.create(user=instance)
@receiver(post_save, sender=User)
def touch(sender, instance, **kwargs):
    instance.email_verified = False
`,
	"app/apps.py": `
from django.apps import AppConfig
from django.db.models.signals import post_save
from swapper import load_model
class UsersConfig(AppConfig):
    def ready(self):
        Membership = load_model("app", "Membership")
        post_save.connect(self.make_owner, sender=Membership)
    @classmethod
    def make_owner(cls, instance, created, **kwargs):
        if not created or not instance.is_admin:
            return
        Owner = load_model("app", "Owner")
        Owner.objects.create(membership=instance)
`}

// credentialViews is a Django service whose views look a row up in a try
// with a DoesNotExist handler: one that ends the request, one that goes on
// and creates the row.
var credentialViews = map[string]string{
	"app/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Credential(models.Model):
    code = models.UUIDField(unique=True)
    name = models.CharField(max_length=100)
    user = models.ForeignKey(User, models.CASCADE, related_name="credentials")
class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
`,
	"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from app.models import Credential, Member
@login_required
def remove_credential(request, code):
    try:
        credential = Credential.objects.get(user=request.user, code=code)
    except Credential.DoesNotExist:
        return HttpResponseBadRequest()
    credential.delete()
    return redirect("profile")
@login_required
def invite(request):
    email = request.POST["email"]
    try:
        user = User.objects.get(email=email)
    except User.DoesNotExist:
        user = User(email=email)
        user.save()
    Member.objects.create(user=user)
    return redirect("team")
@login_required
def block(request):
    try:
        user = User.objects.get(email=request.POST["email"])
    except User.DoesNotExist:
        return HttpResponseBadRequest()
    user.is_active = False
    user.save()
    return redirect("team")
`}

// renameProjectView is a view that writes one field of a Project, so the
// model is read as an entity of the service.
const renameProjectView = `
from django.shortcuts import get_object_or_404, redirect
from app.models import Project
def rename(request, pk):
    project = get_object_or_404(Project, pk=pk)
    project.name = request.POST["name"]
    project.save()
    return redirect("home")
`

// assertSpecText fails t for each of want that text lacks and each of
// absent that it has.
func assertSpecText(t *testing.T, text string, want, absent []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("missing %q:\n%s", w, text)
		}
	}
	for _, a := range absent {
		if strings.Contains(text, a) {
			t.Errorf("has %q:\n%s", a, text)
		}
	}
}

// TestBareAnnotationOnFieldInstanceModel: a Django model's columns are
// field instances, so a bare annotation (a type hint for an attribute the
// code sets on loaded rows) is no field; on a SQLAlchemy 2.0 model a bare
// Mapped annotation is a column.
func TestBareAnnotationOnFieldInstanceModel(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name, models string
		want, absent []string
	}{
		{"Django: the annotation is a hint", `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=200)
    overall_status: str
`, []string{"name: String"}, []string{"overall_status"}},
		{"SQLAlchemy 2.0: the Mapped annotation is a column", `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column()
    overall_status: Mapped[str]
`, []string{"name: String", "overall_status: String"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": tc.models, "app/views.py": renameProjectView})
			assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), tc.want, tc.absent)
		})
	}
}

// TestRowsPickedByIDs: rows a job picked by their ids (id__in=ids) are no
// collection the spec can name; the loop and the bulk change over them are
// left out by the walk, not written with an unbound id for the checker to
// drop.
func TestRowsPickedByIDs(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{
		"app/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`,
		"app/tasks.py": `
from celery import shared_task
from django.core.mail import send_mail
from app.models import User
@shared_task
def notify(ids):
    User.objects.filter(id__in=ids).update(is_active=False)
    for user in User.objects.filter(id__in=ids):
        send_mail("Deactivated", "account_expired", None, [user.email])
`})
	left := 0
	for _, n := range out.Notes {
		if strings.Contains(n, "checker") {
			t.Errorf("a construct reached the checker: %s", n)
		}
		if strings.Contains(n, "left out of handler notify (app/tasks.py:6)") {
			left++
		}
	}
	if left != 2 {
		t.Errorf("want the bulk change and the loop left out, got notes %q", out.Notes)
	}
}

// drfCreateView is openwisp-users' user creation in small: a DRF
// ListCreateAPIView with no POST of its own, protected by a mixin's
// permission_classes, whose model serializer pops the password and sets
// it through the user's setter.
var drfCreateView = map[string]string{
	"app/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`,
	"app/serializers.py": `
from django.contrib.auth import get_user_model
from rest_framework import serializers
User = get_user_model()
class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "username", "email", "password", "groups")
    def create(self, validated_data):
        groups = validated_data.pop("groups", None)
        password = validated_data.pop("password")
        instance = self.instance or self.Meta.model(**validated_data)
        instance.set_password(password)
        instance.save()
        return instance
`,
	"app/views.py": `
from rest_framework.generics import ListCreateAPIView
from rest_framework.permissions import IsAuthenticated
from app.serializers import UserSerializer
class ProtectedMixin:
    permission_classes = (IsAuthenticated,)
class UsersListCreateView(ProtectedMixin, ListCreateAPIView):
    def get_serializer_class(self):
        return UserSerializer
`,
}

// drfUnlistedValidator is drfCreateView whose serializer has a method
// named as a field validator for a name that is none of its fields.
var drfUnlistedValidator = map[string]string{
	"app/models.py": drfCreateView["app/models.py"],
	"app/views.py":  drfCreateView["app/views.py"],
	"app/serializers.py": strings.Replace(drfCreateView["app/serializers.py"], "    def create(", `    def validate_unique_together(self, validated_data, instance=None):
        if "owner" in validated_data:
            raise serializers.ValidationError("owner")
    def create(`, 1),
}

// drfModelPermissions is drfCreateView with openwisp-users' mixin, whose
// permission classes include DRF's DjangoModelPermissions, and viewExtra
// written in the view class.
func drfModelPermissions(viewExtra string) map[string]string {
	files := maps.Clone(drfCreateView)
	files["app/views.py"] = `
from django.contrib.auth import get_user_model
from rest_framework.generics import ListCreateAPIView
from rest_framework.permissions import IsAuthenticated, DjangoModelPermissions
from app.serializers import UserSerializer
User = get_user_model()
class ProtectedMixin:
    permission_classes = (IsAuthenticated, DjangoModelPermissions)
class UsersListCreateView(ProtectedMixin, ListCreateAPIView):
    def get_queryset(self):
        return User.objects.order_by("-date_joined")
    def get_serializer_class(self):
        return UserSerializer` + viewExtra + "\n"
	return files
}

// drfOwnModelPermissions is drfModelPermissions with a permission class
// of the service derived from DjangoObjectPermissions, with the given
// perms_map entries (none: no perms_map) and class body.
func drfOwnModelPermissions(permsMap, body string) map[string]string {
	files := drfModelPermissions("")
	files["app/views.py"] = strings.Replace(files["app/views.py"], "DjangoModelPermissions)", "OwnPermissions)", 1)
	files["app/views.py"] = strings.Replace(files["app/views.py"], "from app.serializers", "from app.permissions import OwnPermissions\nfrom app.serializers", 1)
	perm := "from rest_framework.permissions import DjangoObjectPermissions\nclass OwnPermissions(DjangoObjectPermissions):\n    \"\"\"Owners or holders.\"\"\"\n"
	if permsMap != "" {
		perm += "    perms_map = {\n        \"GET\": [],\n        " + permsMap + "\n    }\n"
	}
	files["app/permissions.py"] = perm + body + "\n"
	return files
}

// restPasswordView is a subclass of dj-rest-auth's PasswordChangeView
// with a dispatch guard, and a validator of the service configured.
var restPasswordView = map[string]string{
	"accounts/models.py": `
from django.contrib.auth.models import AbstractUser
class Account(AbstractUser):
    pass
`,
	"accounts/validators.py": `
from django.core.exceptions import ValidationError
class NotTheSamePassword:
    def validate(self, password, user=None):
        if user.check_password(password):
            raise ValidationError("reused")
`,
	"proj/settings.py": `
AUTH_PASSWORD_VALIDATORS = [{"NAME": "accounts.validators.NotTheSamePassword"}]
`,
	"accounts/api.py": `
from dj_rest_auth.views import PasswordChangeView as RestPasswordChangeView
from django.shortcuts import render
class AccountPasswordView(RestPasswordChangeView):
    throttle_scope = "password"
    def dispatch(self, request, *args, **kwargs):
        if not self.request.user.has_usable_password():
            return render(request, "no_password.html")
        return super().dispatch(request, *args, **kwargs)
`}

// accountPasswordRule is the rule restPasswordView distils to, with
// more preconditions before its outcome. The validator checks the
// repeated input: dj-rest-auth validates through SetPasswordForm, whose
// clean_new_password2 runs the validators on new_password2.
func accountPasswordRule(more string) string {
	return `rule AccountPassword {
    when: AccountPassword(user, old_password, new_password1, new_password2)
    requires: exists user.password
    requires: verify(old_password, user.password)
    requires: new_password1 = new_password2
    requires: not verify(new_password2, user.password)
` + more + `    ensures: user.password = hash(new_password1)
}`
}

// drfCreateUsers is the rule drfCreateView's POST distils to, with the
// parameters before its inputs and the preconditions given.
func drfCreateUsers(before string, requires ...string) string {
	var b strings.Builder
	b.WriteString("rule CreateUsers {\n    when: CreateUsers(" + before + "username, email, password)\n")
	for _, r := range requires {
		b.WriteString("    requires: " + r + "\n")
	}
	b.WriteString("    ensures: User.created(username: username, email: email, password: hash(password))\n}")
	return b.String()
}

// drfSessionBackends is drfCreateView with a settings module and a
// backends module.
func drfSessionBackends(settings, backends string) map[string]string {
	files := maps.Clone(drfCreateView)
	files["app/settings.py"] = settings + "\n"
	files["app/backends.py"] = backends
	return files
}

// drfAddEmail is openwisp-users' SuperUserListSerializer.create in small:
// the new user's address added through allauth's manager, confirmed by
// e-mail unless the request says it is verified.
var drfAddEmail = map[string]string{
	"app/models.py": drfCreateView["app/models.py"],
	"app/views.py":  drfCreateView["app/views.py"],
	"app/serializers.py": `
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from rest_framework import serializers
User = get_user_model()
class UserSerializer(serializers.ModelSerializer):
    email_verified = serializers.BooleanField(default=False, write_only=True)
    class Meta:
        model = User
        fields = ("id", "username", "email", "email_verified", "password")
    def create(self, validated_data):
        password = validated_data.pop("password")
        email_verified = validated_data.pop("email_verified", False)
        instance = self.Meta.model(**validated_data)
        instance.set_password(password)
        instance.save()
        email = EmailAddress.objects.add_email(
            self.context["request"], user=instance, email=instance.email,
            confirm=not email_verified, signup=True)
        if email_verified:
            email.primary = True
            email.verified = True
            email.save(update_fields=["primary", "verified"])
        return instance
`,
}

// expiringUsersJob is a daily job e-mailing the users a query selects
// (RemindExpiringUsers); imports go at the head of the models module.
func expiringUsersJob(imports, query string) map[string]string {
	return map[string]string{
		"app/models.py": imports + `
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    expiration_date = models.DateField(null=True)
`,
		"app/tasks.py": `
from celery import shared_task
from django.core.mail import send_mail
from django.utils.timezone import localdate, timedelta
from app.models import User
@shared_task
def remind_expiring_users():
    for user in ` + query + `:
        send_mail("Your account expires", "account_expiring", None, [user.email])
`}
}

// loginLinkService mails a login link: a timestamp signer's token over a
// random secret the profile stores hashed (healthchecks' Profile).
var loginLinkService = map[string]string{
	"hc/accounts/models.py": `
from secrets import token_urlsafe
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.signing import TimestampSigner
from django.db import models

class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    token = models.CharField(max_length=128, blank=True)

    def prepare_token(self):
        token = token_urlsafe(24)
        self.token = make_password(token)
        self.save()
        return TimestampSigner().sign(token)

    def send_login_link(self):
        token = self.prepare_token()
        return token
`,
	"hc/accounts/views.py": `
from django.shortcuts import redirect
from hc.accounts.models import Profile

def magic_link(request, username):
    profile = Profile.objects.get(user__username=username)
    profile.send_login_link()
    return redirect("hc-login-link-sent")
`}

// TestEmailInputLengthBound: a bound on the length of a form input
// declared as an email field (or a subclass of one) is named for the
// email, whatever the input is called; a plain text input keeps its name.
func TestEmailInputLengthBound(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name, field, want string
	}{
		{"a subclass of forms.EmailField", "LowercaseEmailField()", "requires: length(identity) <= config.max_email_length"},
		{"forms.EmailField itself", "forms.EmailField()", "requires: length(identity) <= config.max_email_length"},
		{"a text field", "forms.CharField()", "requires: length(identity) <= config.max_identity_length"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/forms.py": `
from django import forms
class LowercaseEmailField(forms.EmailField):
    def clean(self, value):
        return super().clean(value).lower()
class SignupForm(forms.Form):
    identity = ` + tc.field + `
    def clean_identity(self):
        v = self.cleaned_data["identity"]
        if len(v) > 254:
            raise forms.ValidationError("Address is too long.")
        return v
`,
				"app/views.py": `
from django.contrib.auth.models import User
from django.shortcuts import redirect
from app.forms import SignupForm
def signup(request):
    form = SignupForm(request.POST)
    if form.is_valid():
        User.objects.create(email=form.cleaned_data["identity"])
    return redirect("home")
`})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if !strings.Contains(text, tc.want) {
				t.Errorf("missing %q:\n%s", tc.want, text)
			}
		})
	}
}

// TestTokenNamedFlagIsAField: a column named after a token is a secret the
// spec leaves out unless a rule uses it, but a Boolean so named
// (password_based_token: whether the last token came from the password)
// records a fact about the token and holds no secret.
func TestTokenNamedFlagIsAField(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name, column string
		want, absent []string
	}{
		{"a Boolean flag about a token stays", `password_based_token = models.BooleanField(null=True, default=None)`,
			[]string{"password_based_token: Boolean?"}, nil},
		{"a token string is left out", `password_reset_token = models.CharField(max_length=64)`,
			nil, []string{"password_reset_token"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=200)
    ` + tc.column + `
`, "app/views.py": renameProjectView})
			assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), tc.want, tc.absent)
		})
	}
}

// inheritedUniqueService is a user model subclassing Django's AbstractUser,
// with extra (a field declaration or "") in its body, and a view that
// creates a user and validates it with full_clean.
func inheritedUniqueService(extra string) map[string]string {
	return map[string]string{
		"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    phone = models.CharField(max_length=20, blank=True)
` + extra,
		"app/views.py": `
from django.http import JsonResponse
from app.models import User
def create_user(request):
    user = User(username=request.POST["username"], phone=request.POST["phone"])
    user.full_clean()
    user.save()
    return JsonResponse({})
`}
}

// managerCreateService is django-styleguide's sign-up: a serializer's
// input spread into a service that calls the model manager's
// create_user, which builds the row with the email normalizedEmail
// makes of the input.
func managerCreateService(normalizedEmail string) map[string]string {
	return map[string]string{
		"users/models.py": `
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.models import BaseUserManager as BUM
from django.db import models
class BaseUserManager(BUM):
    def create_user(self, email, is_active=True, password=None):
        user = self.model(email=` + normalizedEmail + `, is_active=is_active)
        if password is not None:
            user.set_password(password)
        user.full_clean()
        user.save(using=self._db)
        return user
class BaseUser(AbstractBaseUser):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    objects = BaseUserManager()
`,
		"users/services.py": `
from users.models import BaseUser
def user_create(*, email, is_active=True, password=None):
    return BaseUser.objects.create_user(email=email, is_active=is_active, password=password)
`,
		"users/apis.py": `
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView
from users.services import user_create
class UserCreateApi(APIView):
    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(min_length=8)
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user_create(**serializer.validated_data)
        return Response({})
`}
}

// TestSelfRelations: a relation whose target is "self" (a tree of rows,
// saleor's Category.parent) points at the model that declares it, both
// for a foreign key and for a many-to-many; before, it was left out as a
// relation to a model the service does not have. The target may be given
// as to=, and an abstract base's "self" is each concrete model.
func TestSelfRelations(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name         string
		models       string
		want, absent []string
	}{
		{
			name: "foreign key to self with a related name",
			models: `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=100)
    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE, related_name="children")
`,
			want:   []string{"parent: Project?", "children: Project with parent = this"},
			absent: []string{"not a model of this service"},
		},
		{
			name: "many-to-many to self",
			models: `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=100)
    linked = models.ManyToManyField("self")
`,
			want:   []string{"linked: Set<Project>"},
			absent: []string{"many-to-many"},
		},
		{
			// netbox dcim/models/device_components.py:716-730: an
			// abstract base's to='self' is the concrete model.
			name: "self given as to= in an abstract base",
			models: `
from django.db import models
class Node(models.Model):
    parent = models.ForeignKey(to="self", null=True, on_delete=models.CASCADE, related_name="children")
    class Meta:
        abstract = True
class Project(Node):
    name = models.CharField(max_length=100)
`,
			want:   []string{"parent: Project?", "children: Project with parent = this"},
			absent: []string{"Node", "not a model of this service"},
		},
		{
			// netbox extras/models/configs.py:106-110.
			name: "many-to-many target given as to=",
			models: `
from django.db import models
class Tag(models.Model):
    label = models.CharField(max_length=100)
class Project(models.Model):
    name = models.CharField(max_length=100)
    tags = models.ManyToManyField(to="app.Tag", related_name="+", blank=True)
`,
			want:   []string{"tags: Set<Tag>"},
			absent: []string{"many-to-many"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": tc.models, "app/views.py": renameProjectView})
			text := string(allium.Print(out.Module, allium.PrintOptions{})) + strings.Join(out.Notes, "\n")
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}

// TestConstantsClassWithChoicesTable: a plain class of string constants
// that also builds its choices table from them (saleor's account/
// __init__.py CustomerEvents.CHOICES, discount/__init__.py VoucherType)
// is an enumeration: a field declared with choices=X.CHOICES has its type,
// and the table is no member.
func TestConstantsClassWithChoicesTable(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/__init__.py": `
class VoucherType:
    SHIPPING = "shipping"
    ENTIRE_ORDER = "entire_order"

    CHOICES = [
        (SHIPPING, "Voucher applies to shipping"),
        (ENTIRE_ORDER, "Voucher applies to the whole order"),
    ]
`,
		"app/models.py": `
from django.db import models
from . import VoucherType
class Voucher(models.Model):
    name = models.CharField(max_length=100)
    type = models.CharField(max_length=20, choices=VoucherType.CHOICES, default=VoucherType.ENTIRE_ORDER)
`,
		"app/views.py": `
from django.shortcuts import redirect
from . import VoucherType
from .models import Voucher
def add_shipping_voucher(request):
    Voucher.objects.create(name=request.POST["name"], type=VoucherType.SHIPPING)
    return redirect("home")
`}
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	assertSpecText(t, text,
		[]string{"enum VoucherType { shipping | entire_order }", "type: VoucherType", "Voucher.created(name: name, type: shipping)"},
		[]string{"choices", "type: String"})
}

// TestChoicesComprehensionOverEnumTable: a choices list built one pair
// per row of an enumeration's table (saleor CustomerEvent.type,
// account/models.py:396-401) types the field by that enumeration; a
// filtered comprehension, or one over a table that is no enumeration's,
// leaves the field a String.
func TestChoicesComprehensionOverEnumTable(t *testing.T) {
	enumFile := `
class EventType:
    CREATED = "created"
    DELETED = "deleted"

    CHOICES = [
        (CREATED, "The row was created"),
        (DELETED, "The row was deleted"),
    ]

PLAIN = [("a", "A"), ("b", "B")]
`
	cases := []struct {
		name    string
		choices string
		want    []string
		notWant []string
	}{
		{"pairs over the table", `[(n.upper(), n) for n, _ in EventType.CHOICES]`,
			[]string{"type: EventType", "Event.created(type: created)"}, []string{"type: String"}},
		{"filtered pairs", `[(n.upper(), n) for n, _ in EventType.CHOICES if n != "deleted"]`,
			[]string{"type: String"}, []string{"type: EventType"}},
		{"single values", `[n for n, _ in EventType.CHOICES]`,
			[]string{"type: String"}, []string{"type: EventType"}},
		{"table of no enumeration", `[(n.upper(), n) for n, _ in PLAIN]`,
			[]string{"type: String"}, []string{"type: EventType"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/__init__.py": enumFile,
				"app/models.py": `
from django.db import models
from . import EventType, PLAIN
class Event(models.Model):
    type = models.CharField(max_length=20, choices=` + tc.choices + `)
`,
				"app/views.py": `
from django.shortcuts import redirect
from . import EventType
from .models import Event
def record(request):
    Event.objects.create(type=EventType.CREATED)
    return redirect("home")
`}
			out := distilText(t, New(Options{}), files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}

// TestCommonCreationsUnderUnreadCondition: when a condition the spec
// cannot read picks which of two rows of one entity is made (saleor's
// fulfilment records a fulfilled-items or an awaits-approval OrderEvent,
// order/actions.py:1326), the creation is stated with the values both
// branches give; the differing value is left out with a note.
func TestCommonCreationsUnderUnreadCondition(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": eventModel,
		"app/views.py": `
from django.shortcuts import redirect
from .models import Event
from .rules import approved_automatically
def fulfil(request):
    if approved_automatically(request.user)[0]:
        Event.objects.create(user=request.user, kind="fulfilled")
    else:
        Event.objects.create(user=request.user, kind="awaits_approval")
    return redirect("home")
`}
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	assertSpecText(t, text, []string{"ensures: Event.created(user: user)"}, []string{"fulfilled", "awaits_approval"})
	assertSpecText(t, strings.Join(out.Notes, "\n"), []string{"the values a conditional outcome sets differently in its branches"}, nil)
}

// TestPrivateMemoIsNoState: a model instance's own memo (saleor's
// User._effective_permissions_cache = None, account/models.py:333-335),
// an underscore attribute the model does not declare, is no column:
// setting it is no effect left out, and a handler that does nothing else
// writes no state.
func TestPrivateMemoIsNoState(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    nickname = models.CharField(max_length=50)

    def forget_permissions(self):
        self._perm_cache = None
`,
		"app/views.py": `
from django.shortcuts import redirect
def refresh(request):
    request.user.forget_permissions()
    return redirect("home")

def rename(request):
    request.user.forget_permissions()
    request.user.nickname = request.POST["nickname"]
    request.user.save()
    return redirect("home")
`}
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	notes := strings.Join(out.Notes, "\n")
	assertSpecText(t, text, []string{"ensures: user.nickname = nickname"}, []string{"rule Refresh"})
	assertSpecText(t, notes, nil, []string{"_perm_cache", "changes state in ways the spec could not state"})
}

// TestListOfQueryRows: list(query) is the rows the query finds (saleor's
// retrieve_user_by_email, account/utils.py:150-165), so rows[0] under
// `if rows:` is the row found; a loop over a query that writes, left
// out, still makes its handler a state-writing one.
func TestListOfQueryRows(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    email = models.EmailField(unique=True)
`,
		"app/utils.py": `
from .models import User

def retrieve_user_by_email(email):
    users = list(User.objects.filter(email__iexact=email))
    if users:
        return users[0]
    return None
`,
		"app/views.py": `
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from .utils import retrieve_user_by_email

def deactivate(request):
    user = retrieve_user_by_email(request.POST["email"])
    if not user:
        return HttpResponseBadRequest()
    user.is_active = False
    user.save()
    return redirect("home")
`}
	out := distilText(t, d, files)
	assertSpecText(t, construct(out.Module, "Deactivate"),
		[]string{"let user = user_by_email_ignoring_case(email)", "requires: exists user", "ensures: user.is_active = false"}, nil)
}

// TestFlagInputTest: a truth test of a request input whose block reads
// none of the inputs it tests (`if notify:` then records another row;
// warehouse's `if form.remember_device.data:`, accounts/views.py:508)
// tests a flag's value, a condition of the rule; one whose block reads
// the input (`if name:` then uses name) is input validation, as before.
func TestFlagInputTest(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": eventModel,
		"app/views.py": `
from django.shortcuts import redirect
from .models import Event

def record(user, notify):
    Event.objects.create(user=user, kind="approved")
    if notify:
        Event.objects.create(user=user, kind="notified")

def approve(request):
    record(request.user, request.POST["notify"])
    return redirect("home")

def rename(request):
    name = request.POST["name"]
    if name:
        Event.objects.create(user=request.user, kind=name)
    return redirect("home")
`}
	out := distilText(t, d, files)
	assertSpecText(t, construct(out.Module, "Approve"), []string{"when: Approve(user, notify)", "if notify:\n            Event.created(user: user, kind: \"notified\")"}, nil)
	assertSpecText(t, construct(out.Module, "Rename"), []string{"ensures: Event.created(user: user, kind: name)"}, []string{"if "})
}

// eventModel is a Django model of events a user's requests record.
const eventModel = `
from django.db import models
from django.contrib.auth.models import User
class Event(models.Model):
    kind = models.CharField(max_length=20)
    user = models.ForeignKey(User, models.CASCADE)
`
