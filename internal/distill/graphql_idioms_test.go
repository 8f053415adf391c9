package distill

import "testing"

// graphqlAuthExcerpt is the shape of the corpus service graphql-auth: a
// graphene mutation that inherits its behaviour from mixins, guarded by
// decorators of the service, with settings defaults in a DRF-style dict,
// a one-to-one status model and fields picked by name.
var graphqlAuthExcerpt = map[string]string{
	"users/models.py": `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`,
	"gauth/settings.py": `
from datetime import timedelta
DEFAULTS = {
    "ALLOW_DELETE_ACCOUNT": False,
    "EXPIRATION_ACTIVATION_TOKEN": timedelta(days=7),
    "EXPIRATION_PASSWORD_RESET_TOKEN": timedelta(hours=1),
}
class AuthSettings(object):
    def __init__(self, defaults=None):
        self.defaults = defaults or DEFAULTS
    def __getattr__(self, attr):
        return self.defaults[attr]
graphql_auth_settings = AuthSettings(DEFAULTS)
`,
	"gauth/models.py": `
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import models
from .constants import TokenAction
from .settings import graphql_auth_settings as app_settings
from .utils import get_token_payload
UserModel = get_user_model()
class UserStatus(models.Model):
    user = models.OneToOneField(django_settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status")
    verified = models.BooleanField(default=False)
    archived = models.BooleanField(default=False)
    secondary_email = models.EmailField(blank=True, null=True)

    @classmethod
    def archive(cls, user):
        user_status = cls.objects.get(user=user)
        if user_status.archived is False:
            user_status.archived = True
            user_status.save(update_fields=["archived"])

    @classmethod
    def verify(cls, token):
        payload = get_token_payload(token, TokenAction.ACTIVATION, app_settings.EXPIRATION_ACTIVATION_TOKEN)
        user = UserModel._default_manager.get(**payload)
        user_status = cls.objects.get(user=user)
        if user_status.verified is False:
            user_status.verified = True
            user_status.save(update_fields=["verified"])
        else:
            raise UserAlreadyVerified

    @classmethod
    def email_is_free(cls, email):
        try:
            UserModel._default_manager.get(email=email)
            return False
        except Exception:
            pass
        try:
            UserStatus._default_manager.get(secondary_email=email)
            return False
        except Exception:
            pass
        return True

    def swap_emails(self):
        if not self.secondary_email:
            raise WrongUsage
        EMAIL_FIELD = UserModel.EMAIL_FIELD
        primary = getattr(self.user, EMAIL_FIELD)
        setattr(self.user, EMAIL_FIELD, self.secondary_email)
        self.secondary_email = primary
        self.user.save(update_fields=[EMAIL_FIELD])
        self.save(update_fields=["secondary_email"])
`,
	"gauth/constants.py": `
class TokenAction(object):
    ACTIVATION = "activation"
    PASSWORD_RESET = "password_reset"
`,
	"gauth/utils.py": `
from django.core import signing
from .exceptions import TokenScopeError

def get_token_payload(token, action, exp=None):
    payload = signing.loads(token, max_age=exp)
    _action = payload.pop("action")
    if _action != action:
        raise TokenScopeError
    return payload
`,
	"gauth/decorators.py": `
from functools import wraps
def login_required(fn):
    @wraps(fn)
    def wrapper(cls, root, info, **kwargs):
        user = info.context.user
        if not user.is_authenticated:
            return cls(success=False, errors="unauthenticated")
        return fn(cls, root, info, **kwargs)
    return wrapper

def password_confirmation_required(fn):
    @wraps(fn)
    def wrapper(cls, root, info, **kwargs):
        try:
            field_name = next(i for i in kwargs.keys() if i in ["password", "old_password"])
            password = kwargs[field_name]
        except Exception:
            raise WrongUsage("password field required")
        user = info.context.user
        if user.check_password(password):
            return fn(cls, root, info, **kwargs)
        errors = {field_name: "invalid password"}
        return cls(success=False, errors=errors)
    return wrapper

def verification_required(fn):
    @wraps(fn)
    @login_required
    def wrapper(cls, root, info, **kwargs):
        user = info.context.user
        if not user.status.verified:
            return cls(success=False, errors="not verified")
        return fn(cls, root, info, **kwargs)
    return wrapper
`,
	"gauth/mixins.py": `
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from .constants import TokenAction
from .models import UserStatus
from .utils import get_token_payload
from .decorators import password_confirmation_required, verification_required
UserModel = get_user_model()
from .settings import graphql_auth_settings as app_settings

class ArchiveOrDeleteMixin:
    @classmethod
    @verification_required
    def resolve_mutation(cls, root, info, **kwargs):
        user = info.context.user
        cls.resolve_action(user)
        return cls(success=True)

class ArchiveAccountMixin(ArchiveOrDeleteMixin):
    @classmethod
    def resolve_action(cls, user):
        UserStatus.archive(user)

class DeleteAccountMixin(ArchiveOrDeleteMixin):
    @classmethod
    def resolve_action(cls, user):
        if app_settings.ALLOW_DELETE_ACCOUNT:
            user.delete()
        else:
            user.is_active = False
            user.save(update_fields=["is_active"])

class VerifyAccountMixin:
    @classmethod
    def resolve_mutation(cls, root, info, **kwargs):
        try:
            token = kwargs.get("token")
            UserStatus.verify(token)
            return cls(success=True)
        except UserAlreadyVerified:
            return cls(success=False, errors="already verified")

class PasswordResetMixin:
    form = SetPasswordForm

    @classmethod
    def resolve_mutation(cls, root, info, **kwargs):
        try:
            token = kwargs.pop("token")
            payload = get_token_payload(token, TokenAction.PASSWORD_RESET, app_settings.EXPIRATION_PASSWORD_RESET_TOKEN)
            user = UserModel._default_manager.get(**payload)
            f = cls.form(user, kwargs)
            if f.is_valid():
                user = f.save()
                if user.status.verified is False:
                    user.status.verified = True
                    user.status.save(update_fields=["verified"])
                return cls(success=True)
            return cls(success=False, errors=f.errors.get_json_data())
        except SignatureExpired:
            return cls(success=False, errors="expired")

class SendSecondaryEmailActivationMixin:
    @classmethod
    @verification_required
    def resolve_mutation(cls, root, info, **kwargs):
        email = kwargs.get("email")
        user = info.context.user
        if not UserStatus.email_is_free(email):
            return cls(success=False, errors="email in use")
        user.status.secondary_email = email
        user.status.save()
        return cls(success=True)

class SwapEmailsMixin:
    @classmethod
    @verification_required
    @password_confirmation_required
    def resolve_mutation(cls, root, info, **kwargs):
        info.context.user.status.swap_emails()
        return cls(success=True)
`,
	"gauth/mutations.py": `
import graphene
from .mixins import ArchiveAccountMixin, DeleteAccountMixin, PasswordResetMixin, SendSecondaryEmailActivationMixin, SwapEmailsMixin, VerifyAccountMixin

class MutationMixin:
    @classmethod
    def mutate(cls, root, info, **input):
        return cls.resolve_mutation(root, info, **input)

class ArchiveAccount(MutationMixin, ArchiveAccountMixin, graphene.Mutation):
    pass

class DeleteAccount(MutationMixin, DeleteAccountMixin, graphene.Mutation):
    pass

class SwapEmails(MutationMixin, SwapEmailsMixin, graphene.Mutation):
    _required_args = ["password"]

class VerifyAccount(MutationMixin, VerifyAccountMixin, graphene.Mutation):
    pass

class PasswordReset(MutationMixin, PasswordResetMixin, graphene.Mutation):
    pass

class SendSecondaryEmailActivation(MutationMixin, SendSecondaryEmailActivationMixin, graphene.Mutation):
    pass
`,
}

// TestGraphQLIdioms pins what the graphql-auth shapes give.
func TestGraphQLIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		construct string
		want      string
	}{
		{
			name:      "a guard decorator of the service is a precondition; a one-to-one lookup is the relationship; if not x: x = true is the assignment",
			construct: "ArchiveAccount",
			want: `rule ArchiveAccount {
    when: ArchiveAccount(user)
    requires: user.status.verified
    ensures: user.status.archived = true
}`,
		},
		{
			name:      "a setting from a DEFAULTS dict is config",
			construct: "DeleteAccount",
			want: `rule DeleteAccount {
    when: DeleteAccount(user)
    requires: user.status.verified
    ensures:
        if config.allow_delete_account:
            not exists user
        else:
            user.is_active = false
}`,
		},
		{
			name:      "getattr and setattr of the user model's EMAIL_FIELD read and write its email; the password input a shared decorator checks is the one the mutation declares",
			construct: "SwapEmails",
			want: `rule SwapEmails {
    when: SwapEmails(user, password)
    requires: user.status.verified
    requires: verify(password, user.password)
    requires: user.status.secondary_email != null
    ensures:
        user.email = user.status.secondary_email
        user.status.secondary_email = user.email
}`,
		},
		{
			name:      "a signed token read back with a lifetime, its action checked, its user looked up by the whole payload",
			construct: "VerifyAccount",
			want: `rule VerifyAccount {
    when: VerifyAccount(token)
    requires: token.issued_at + config.expiration_activation_token >= now
    requires: token.action = activation
    requires: not token.user.status.verified
    ensures: token.user.status.verified = true
}`,
		},
		{
			name:      "a framework password form made for the user sets its password when saved",
			construct: "PasswordReset",
			want: `rule PasswordReset {
    when: PasswordReset(token, new_password1, new_password2)
    requires: token.issued_at + config.expiration_password_reset_token >= now
    requires: token.action = password_reset
    requires: new_password1 = new_password2
    ensures:
        token.user.password = hash(new_password1)
        token.user.status.verified = true
}`,
		},
		{
			name:      "a function that tries to fetch rows and answers False when one is found tests their absence",
			construct: "SendSecondaryEmailActivation",
			want: `rule SendSecondaryEmailActivation {
    when: SendSecondaryEmailActivation(user, email)
    requires: user.status.verified
    requires: not exists CustomUser{email}
    requires: not exists UserStatus{secondary_email: email}
    ensures: user.status.secondary_email = email
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, graphqlAuthExcerpt)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}

// TestOptionalRunnerIdiom pins a call made through an optional runner or
// directly (if async_email_func: async_email_func(f, (a,)) else: f(a)):
// f(a) happens either way; and a recipient list with a fallback
// (recipient_list or [default]) reads as the list given when one is.
func TestOptionalRunnerIdiom(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
class User(AbstractUser):
    def send(self, template, recipient_list=None):
        return send_mail(from_email="x", html_message=render_to_string(template),
                         recipient_list=(recipient_list or [self.email]), fail_silently=False)
    def send_welcome(self, info, email):
        return self.send("email/welcome.html", recipient_list=[email])
`,
		"app/views.py": `
from django.utils.module_loading import import_string
from django.conf import settings
if settings.EMAIL_ASYNC_TASK:
    async_email_func = import_string(settings.EMAIL_ASYNC_TASK)
else:
    async_email_func = None

def welcome(request):
    email = request.POST["email"]
    if async_email_func:
        async_email_func(request.user.send_welcome, (request, email))
    else:
        request.user.send_welcome(request, email)
    return redirect("/")
`}
	out := distilText(t, d, files)
	want := `rule Welcome {
    when: Welcome(email)
    ensures: Email.created(to: email, template: welcome)
}`
	if got := construct(out.Module, "Welcome"); got != want {
		t.Errorf("Welcome:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
	}
}

// TestLookupFallbackIdiom pins a lookup that falls back to another when
// the row is missing (try: get(email) except ObjectDoesNotExist: get by
// secondary email), and *args handed on to a helper's parameters.
func TestLookupFallbackIdiom(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.mail import send_mail
from django.db import models
from django.template.loader import render_to_string
class User(AbstractUser):
    pass
class UserStatus(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status")
    secondary_email = models.EmailField(blank=True, null=True)
    def send(self, template, recipient_list=None):
        return send_mail(from_email="x", html_message=render_to_string(template),
                         recipient_list=(recipient_list or [self.user.email]), fail_silently=False)
    def send_password_reset_email(self, info, *args):
        return self.send("email/password_reset_email.html", *args)
`,
		"app/shortcuts.py": `
from django.core.exceptions import ObjectDoesNotExist
from .models import User, UserStatus
def get_user_by_email(email):
    try:
        user = User.objects.get(email=email)
        return user
    except ObjectDoesNotExist:
        status = UserStatus.objects.get(secondary_email=email)
        return status.user
`,
		"app/views.py": `
from .shortcuts import get_user_by_email
def send_password_reset(request):
    email = request.POST["email"]
    user = get_user_by_email(email)
    user.status.send_password_reset_email(request, [email])
    return redirect("/")
`}
	out := distilText(t, d, files)
	want := `rule SendPasswordReset {
    when: SendPasswordReset(email)
    let user = User{email} ?? UserStatus{secondary_email: email}.user
    requires: exists user
    ensures: Email.created(to: email, template: password_reset_email)
}`
	if got := construct(out.Module, "SendPasswordReset"); got != want {
		t.Errorf("SendPasswordReset:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
	}
}
