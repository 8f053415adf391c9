package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// Django's PasswordResetConfirmView, routed as it is or subclassed without
// a POST of its own, sets the password of the user the reset token names:
// the rule states the token's check, the form's checks and the new hash,
// and the token entity the framework's check (made less than
// PASSWORD_RESET_TIMEOUT ago, hashed fields unchanged). A view given a
// form that validates or saves otherwise, or told to log the user in, is
// left unstated.
func TestResetConfirmViews(t *testing.T) {
	d := New(Options{})
	models := `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`
	forms := `
from django.contrib.auth.forms import SetPasswordForm
class PlainSetForm(SetPasswordForm):
    pass
class OwnSaveForm(SetPasswordForm):
    def save(self, commit=True):
        self.user.is_active = False
        return self.user
`
	files := func(urls, views, settings string) map[string]string {
		fs := map[string]string{"shop/models.py": models, "shop/forms.py": forms, "shop/urls.py": urls}
		if views != "" {
			fs["shop/views.py"] = views
		}
		if settings != "" {
			fs["shop/settings.py"] = settings
		}
		return fs
	}
	routed := func(args string) string {
		return `
from django.contrib.auth import views as auth_views
from django.urls import path
from shop.forms import PlainSetForm, OwnSaveForm
urlpatterns = [
    path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(` + args + `)),
]
`
	}
	// oscarConfig routes the view from an app config's method, the form
	// set on the instance in another (django-oscar's config.py).
	oscarConfig := `
from django.apps import AppConfig
from django.urls import path
class Shop(AppConfig):
    def ready(self):
        from django.contrib.auth.forms import SetPasswordForm
        self.set_password_form = SetPasswordForm
    def get_urls(self):
        from django.contrib.auth import views as auth_views
        return [path("reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(form_class=self.set_password_form))]
`
	rule := func(name string) string {
		return "rule " + name + " {\n    when: " + name + "(token, new_password1, new_password2)\n" +
			"    requires: token.is_valid\n    requires: new_password1 = new_password2\n" +
			"    ensures: token.user.password = hash(new_password1)\n}"
	}
	token := func(timeout string) string {
		return "entity PasswordResetToken {\n    user: Customer\n    issued_at: Timestamp\n    email_at_issue: String\n" +
			"    last_login_at_issue: Timestamp?\n    password_at_issue: String\n    is_valid:\n" +
			"        issued_at + config.password_reset_timeout >= now\n        and email_at_issue = user.email\n" +
			"        and last_login_at_issue = user.last_login\n        and password_at_issue = user.password\n}" +
			"|password_reset_timeout: Duration = " + timeout
	}
	tests := []struct {
		name    string
		files   map[string]string
		rule    string // the rule's name, "" when none is stated
		timeout string // the token's lifetime stated, when a rule is
	}{
		{name: "the view routed as it is: SetPasswordForm, the default timeout", files: files(routed(""), "", ""),
			rule: "PasswordResetConfirm", timeout: "3.days"},
		{name: "the timeout the settings give, in seconds", files: files(routed(""), "", "PASSWORD_RESET_TIMEOUT = 60 * 60 * 2\n"),
			rule: "PasswordResetConfirm", timeout: "2.hours"},
		{name: "a subclass of the form overriding nothing is the form", files: files(routed("form_class=PlainSetForm"), "", ""),
			rule: "PasswordResetConfirm", timeout: "3.days"},
		{name: "a form whose save is the service's own is left unstated", files: files(routed("form_class=OwnSaveForm"), "", "")},
		{name: "a view that logs the user in after the reset is left unstated", files: files(routed("post_reset_login=True"), "", "")},
		{name: "post_reset_login=False changes nothing", files: files(routed("post_reset_login=False"), "", ""),
			rule: "PasswordResetConfirm", timeout: "3.days"},
		{name: "the form an app config sets on its instance, imported in the method", files: map[string]string{"shop/models.py": models, "shop/config.py": oscarConfig},
			rule: "PasswordResetConfirm", timeout: "3.days"},
		{name: "a subclass of the view without a POST of its own", files: files("", `
from django.contrib.auth.views import PasswordResetConfirmView
class ShopResetConfirmView(PasswordResetConfirmView):
    template_name = "reset.html"
`, ""), rule: "ShopResetConfirm", timeout: "3.days"},
		{name: "a subclass writing its own form_valid answers itself", files: files("", `
from django.contrib.auth.views import PasswordResetConfirmView
class ShopResetConfirmView(PasswordResetConfirmView):
    def form_valid(self, form):
        return super().form_valid(form)
`, "")},
		{name: "a view of another name routed is not the framework's", files: files(`
from django.urls import path
from shop import views
urlpatterns = [path("reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view())]
`, "", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if tt.rule == "" {
				if strings.Contains(text, "PasswordResetToken") || strings.Contains(text, "token.is_valid") {
					t.Errorf("stated a reset rule:\n%s", text)
				}
				return
			}
			if got := construct(out.Module, tt.rule); got != rule(tt.rule) {
				t.Errorf("rule:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, rule(tt.rule), out.Notes)
			}
			want := strings.Split(token(tt.timeout), "|")
			if got := construct(out.Module, "PasswordResetToken"); got != want[0] {
				t.Errorf("token:\ngot:\n%s\nwant:\n%s", got, want[0])
			}
			if !strings.Contains(text, want[1]) {
				t.Errorf("config %q not stated:\n%s", want[1], text)
			}
		})
	}
}

// Django's PasswordResetView, routed as it is or subclassed without a POST
// of its own, mails a reset token to every active user whose e-mail
// matches the address case-insensitively (PasswordResetForm.get_users and
// save), through the view's email_template_name; a form overriding what
// finds the users or sends is left unstated.
func TestResetRequestViews(t *testing.T) {
	d := New(Options{})
	files := func(urls string) map[string]string {
		return map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/forms.py": `
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from shop.models import Customer
class ShopResetForm(PasswordResetForm):
    pass
class SendingResetForm(PasswordResetForm):
    def save(self, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            notify(user)
def reset_link(user, token_generator=default_token_generator):
    return "/reset/" + token_generator.make_token(user)
class LinkResetForm(PasswordResetForm):
    def save(self, domain_override=None, request=None, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            self.send_link(user)
    def send_link(self, user):
        context = {"user": user, "link": reset_link(user)}
        send_mail("Reset", "shop_reset", None, [user.email])
class DirectResetForm(PasswordResetForm):
    def save(self, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            token = default_token_generator.make_token(user)
            send_mail("Reset", "shop_reset", None, [user.email])
class TokenlessResetForm(PasswordResetForm):
    def save(self, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            send_mail("Reset", "shop_reset", None, [user.email])
class OtherGeneratorResetForm(PasswordResetForm):
    def save(self, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            context = {"link": reset_link(user, other_generator)}
            send_mail("Reset", "shop_reset", None, [user.email])
class SuperResetForm(PasswordResetForm):
    def save(self, **kwargs):
        super().save(**kwargs)
class OwnUsersResetForm(PasswordResetForm):
    def get_users(self, email):
        return Customer.objects.filter(email=email)
    def save(self, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            send_mail("Reset", "shop_reset", None, [user.email])
`,
			"shop/urls.py": urls,
		}
	}
	routed := func(args string) string {
		return `
from django.contrib.auth import views as auth_views
from django.urls import path
from shop.forms import ShopResetForm, SendingResetForm, LinkResetForm, DirectResetForm, TokenlessResetForm, OtherGeneratorResetForm, SuperResetForm, OwnUsersResetForm
TEMPLATE = "shop/reset.txt"
urlpatterns = [path("reset/", auth_views.PasswordResetView.as_view(` + args + `))]
`
	}
	rule := func(template string) string {
		return "rule PasswordReset {\n    when: PasswordReset(email)\n    ensures:\n        for user in Customers where is_active:\n" +
			"            if lower(user.email) = lower(email):\n                PasswordResetToken.created(\n                    user: user,\n" +
			"                    issued_at: now,\n                    email_at_issue: user.email,\n" +
			"                    last_login_at_issue: user.last_login,\n                    password_at_issue: user.password\n                )\n" +
			"                Email.created(to: user.email, template: " + template + ")\n}"
	}
	tests := []struct {
		name string
		urls string
		want string // the rule PasswordReset, "" when none is stated
	}{
		{name: "the view as it is: the framework's template", urls: routed(""), want: rule("password_reset_email")},
		{name: "the template the routing names", urls: routed(`email_template_name="shop/emails/reset_email.html"`), want: rule("reset_email")},
		{name: "a subclass of the form overriding nothing is the form", urls: routed("form_class=ShopResetForm"), want: rule("password_reset_email")},
		{name: "a form whose save is the service's own is left unstated", urls: routed("form_class=SendingResetForm")},
		// A form writing its own save is walked in place of the
		// framework's (Oscar's PasswordResetForm, customer/forms.py:46):
		// its loop over get_users is the framework's users, and a token
		// default_token_generator makes for the user is the reset token,
		// made where the walk meets it or in a dict the mail's context
		// builds through a helper whose generator keeps its default.
		{name: "an own save mailing a link a helper makes with the default generator", urls: routed("form_class=LinkResetForm"), want: rule("shop_reset")},
		{name: "an own save making the token itself", urls: routed("form_class=DirectResetForm"), want: rule("shop_reset")},
		{name: "an own save making no token states the mail only", urls: routed("form_class=TokenlessResetForm"),
			want: "rule PasswordReset {\n    when: PasswordReset(email)\n    ensures:\n        for user in Customers where is_active:\n" +
				"            if lower(user.email) = lower(email):\n                Email.created(to: user.email, template: shop_reset)\n}"},
		{name: "a helper given another generator makes no reset token", urls: routed("form_class=OtherGeneratorResetForm"),
			want: "rule PasswordReset {\n    when: PasswordReset(email)\n    ensures:\n        for user in Customers where is_active:\n" +
				"            if lower(user.email) = lower(email):\n                Email.created(to: user.email, template: shop_reset)\n}"},
		{name: "an own save calling super().save() is the framework's", urls: routed("form_class=SuperResetForm"), want: rule("password_reset_email")},
		{name: "a form writing its own get_users is left unstated", urls: routed("form_class=OwnUsersResetForm")},
		{name: "a template the routing gives by a name the spec does not read is left unstated", urls: routed("email_template_name=TEMPLATE")},
		{name: "another token generator is left unstated", urls: routed("token_generator=my_generator")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.urls))
			if got := construct(out.Module, "PasswordReset"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// Django's PasswordChangeView, routed as it is or subclassed without a
// form_valid of its own, changes the signed-in user's password through
// PasswordChangeForm: the current password verified, the new one checked
// and set; another form, or a form_valid of the service's, answers
// otherwise.
func TestDjangoPasswordChangeView(t *testing.T) {
	d := New(Options{})
	files := func(code string) map[string]string {
		return map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/forms.py": `
from django import forms
from django.contrib.auth.forms import PasswordChangeForm
class NoteForm(forms.Form):
    text = forms.CharField()
`,
			"shop/views.py": code,
		}
	}
	want := "rule PasswordChange {\n    when: PasswordChange(old_password, user, new_password1, new_password2)\n" +
		"    requires: verify(old_password, user.password)\n    requires: new_password1 = new_password2\n" +
		"    ensures: user.password = hash(new_password1)\n}"
	tests := []struct {
		name, code, rule, want string
	}{
		{name: "routed as it is", code: `
from django.contrib.auth import views as auth_views
from django.urls import path
urlpatterns = [path("password/", auth_views.PasswordChangeView.as_view(template_name="pw.html"))]
`, rule: "PasswordChange", want: want},
		{name: "routed with another form: unstated", code: `
from django.contrib.auth import views as auth_views
from django.urls import path
from shop.forms import NoteForm
urlpatterns = [path("password/", auth_views.PasswordChangeView.as_view(form_class=NoteForm))]
`, rule: "PasswordChange"},
		{name: "a subclass keeping the framework's POST", code: `
from django.contrib.auth.views import PasswordChangeView
class ShopPasswordChangeView(PasswordChangeView):
    template_name = "pw.html"
`, rule: "ShopPasswordChange", want: strings.ReplaceAll(want, "PasswordChange", "ShopPasswordChange")},
		{name: "a subclass with another form: unstated", code: `
from django.contrib.auth.views import PasswordChangeView
from shop.forms import NoteForm
class ShopPasswordChangeView(PasswordChangeView):
    form_class = NoteForm
`, rule: "ShopPasswordChange"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.code))
			if got := construct(out.Module, tt.rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// Django's LogoutView, routed as it is or subclassed without a POST of
// its own, signs the request's user out (LogoutView.post: auth_logout).
func TestDjangoLogoutView(t *testing.T) {
	d := New(Options{})
	files := func(code string) map[string]string {
		return map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/views.py": code,
		}
	}
	want := func(name string) string {
		return "rule " + name + " {\n    when: " + name + "(session)\n    ensures: not exists session\n}"
	}
	tests := []struct {
		name, code, rule, want string
	}{
		{name: "routed as it is", code: `
from django.contrib.auth import views as auth_views
from django.urls import path
urlpatterns = [path("logout/", auth_views.LogoutView.as_view(next_page="/"))]
`, rule: "Logout", want: want("Logout")},
		{name: "a subclass keeping the framework's POST", code: `
from django.contrib.auth.views import LogoutView
class ShopLogoutView(LogoutView):
    next_page = "/"
`, rule: "ShopLogout", want: want("ShopLogout")},
		{name: "a view of the service's own of that name is read as written", code: `
from django.views.generic import View
class LogoutView(View):
    def post(self, request):
        return None
`, rule: "Logout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.code))
			if got := construct(out.Module, tt.rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// dj-rest-auth's PasswordResetConfirmView sets the password of the user a
// reset token names through its default serializer: subclassed as it is,
// or with a POST of the service's own that saves the shape get_serializer
// gives (openwisp-users' api/views.py:115-120), the rule states the
// token's check, SetPasswordForm's checks and the new hash; a POST that
// never saves, or another serializer that validates otherwise, is left
// unstated.
func TestDjRestAuthResetConfirmView(t *testing.T) {
	d := New(Options{})
	files := func(views string) map[string]string {
		return map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/serializers.py": `
from dj_rest_auth.serializers import PasswordResetConfirmSerializer
class StrictConfirmSerializer(PasswordResetConfirmSerializer):
    def custom_validation(self, attrs):
        if attrs["new_password1"] == "secret":
            raise ValueError("weak")
`,
			"shop/views.py": `
from dj_rest_auth.views import PasswordResetConfirmView as Base
from rest_framework.response import Response
from shop.serializers import StrictConfirmSerializer
` + views,
		}
	}
	const rule = "rule ResetConfirm {\n    when: ResetConfirm(token, new_password1, new_password2)\n" +
		"    requires: token.is_valid\n    requires: new_password1 = new_password2\n" +
		"    ensures: token.user.password = hash(new_password1)\n}"
	tests := []struct {
		name, views, want string
	}{
		{name: "a subclass keeping the framework's POST", views: `
class ResetConfirmView(Base):
    pass
`, want: rule},
		{name: "an own POST saving the shape get_serializer gives", views: `
class ResetConfirmView(Base):
    def check_user(self, user):
        pass
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.check_user(serializer.user)
        serializer.save()
        return Response({"detail": "done"})
`, want: rule},
		{name: "an own POST that never saves states nothing", views: `
class ResetConfirmView(Base):
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"detail": "checked"})
`},
		{name: "a serializer validating otherwise is left unstated", views: `
class ResetConfirmView(Base):
    serializer_class = StrictConfirmSerializer
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.views))
			if got := construct(out.Module, "ResetConfirm"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// Django's LoginView, routed as it is or subclassed without a POST or
// form_valid of its own, signs in the user its AuthenticationForm
// authenticates: the rule states the lookup, the password's check, the
// active flag, and the session and last_login. A form of the service
// deriving from it that checks nothing else is read the same; one writing
// confirm_login_allowed (or another of the form's checks), a third-party
// form, or a view writing form_valid, is not the framework's sign-in.
func TestDjangoLoginView(t *testing.T) {
	d := New(Options{})
	files := func(code string) map[string]string {
		return map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/forms.py": `
from django.contrib.auth.forms import AuthenticationForm
class PlainLoginForm(AuthenticationForm):
    pass
class StaffLoginForm(AuthenticationForm):
    def confirm_login_allowed(self, user):
        if not user.is_staff:
            raise ValidationError("staff only")
`,
			"shop/views.py": code,
		}
	}
	want := func(name string) string {
		return "rule " + name + " {\n    when: " + name + "(username, password)\n    let user = Customer{username}\n" +
			"    requires: verify(password, user.password)\n    requires: user.is_active\n    requires: exists user\n" +
			"    ensures:\n        Session.created(user: user)\n        user.last_login = now\n}"
	}
	routed := func(args string) string {
		return `
from django.contrib.auth import views as auth_views
from django.urls import path
from shop.forms import PlainLoginForm, StaffLoginForm
from otherlib.forms import OtherForm
urlpatterns = [path("login/", auth_views.LoginView.as_view(` + args + `))]
`
	}
	tests := []struct {
		name, code, rule, want string
	}{
		{name: "routed as it is", code: routed(`template_name="login.html"`), rule: "Login", want: want("Login")},
		{name: "routed with a form deriving from AuthenticationForm that checks nothing else", code: routed("authentication_form=PlainLoginForm"), rule: "Login", want: want("Login")},
		{name: "routed with a form writing confirm_login_allowed: unstated", code: routed("authentication_form=StaffLoginForm"), rule: "Login"},
		{name: "routed with a third-party form: unstated", code: routed("authentication_form=OtherForm"), rule: "Login"},
		{name: "a subclass keeping the framework's POST", code: `
from django.contrib.auth.views import LoginView
class ShopLoginView(LoginView):
    template_name = "login.html"
`, rule: "ShopLogin", want: want("ShopLogin")},
		{name: "a subclass writing form_valid answers itself", code: `
from django.contrib.auth.views import LoginView
class ShopLoginView(LoginView):
    def form_valid(self, form):
        return None
`, rule: "ShopLogin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.code))
			if got := construct(out.Module, tt.rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// Django's default_token_generator.check_token(user, token) in a view of
// the service's own is the reset token's check: a guard on it requires
// the token (the request's input) valid and made for that user, and the
// token entity is declared as for Django's reset views. A generator of
// the service's own says nothing the catalog knows.
func TestResetTokenCheck(t *testing.T) {
	d := New(Options{})
	files := func(check string) map[string]string {
		return map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/views.py": `
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpResponseBadRequest, JsonResponse
from shop.models import Customer
from shop.tokens import my_generator

def reset_confirm(request, uid, token):
    user = Customer.objects.get(pk=uid)
    if not ` + check + `:
        return HttpResponseBadRequest()
    user.set_password(request.POST["password"])
    user.save()
    return JsonResponse({})
`,
			"shop/urls.py": `
from django.urls import path
from shop import views
urlpatterns = [path("reset/<uid>/<token>/", views.reset_confirm)]
`,
		}
	}
	tests := []struct {
		name, check, want string
		entity            bool
	}{
		{name: "the framework's generator checks the token for the user", check: "default_token_generator.check_token(user, token)",
			want: "rule ResetConfirm {\n    when: ResetConfirm(token, password, user)\n    requires: token.is_valid\n" +
				"    requires: token.user = user\n    ensures: user.password = hash(password)\n}", entity: true},
		{name: "a generator of the service's own is not the framework's", check: "my_generator.check_token(user, token)",
			want: "rule ResetConfirm {\n    when: ResetConfirm(password, user)\n    ensures: user.password = hash(password)\n}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.check))
			if got := construct(out.Module, "ResetConfirm"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if got := construct(out.Module, "PasswordResetToken") != ""; got != tt.entity {
				t.Errorf("token entity declared: %v, want %v", got, tt.entity)
			}
		})
	}
}
