package distill

import "testing"

// TestSignedKindClaimIdiom pins tokens signed with Django's signing.dumps
// (timed: issued_at: now): a payload that names its kind in a catalogued
// kind claim ({"action": ...}) is one SignedToken entity whatever function
// issues it, the claim an enum field, and keyword arguments handed on
// through **kwargs into payload.update(**kwargs) are claims too, optional
// when only some kinds carry them. A payload with no kind claim keeps the
// kind of the function that issues it.
func TestSignedKindClaimIdiom(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
import enum
from django.contrib.auth.models import AbstractUser
from django.core import signing
from django.core.mail import send_mail
class User(AbstractUser):
    pass

class TokenAction(enum.Enum):
    ACTIVATION = "activation"
    SECONDARY = "secondary"

def get_token(user, action, **kwargs):
    payload = {"user_id": user.pk, "action": action}
    if kwargs:
        payload.update(**kwargs)
    return signing.dumps(payload)

def generate_confirmation_token(user):
    return signing.dumps({"user": user.pk})

def send_account_link(user, action, to, **kwargs):
    token = get_token(user, action, **kwargs)
    send_mail("Link", token, "noreply@example.com", [to])
`,
		"app/views.py": `
from .models import TokenAction, User, send_account_link, generate_confirmation_token
def send_activation(request):
    user = request.user
    send_account_link(user, TokenAction.ACTIVATION, user.email)
    return redirect("/")

def add_secondary(request):
    user = request.user
    email = request.POST["email"]
    send_account_link(user, TokenAction.SECONDARY, email, secondary_email=email)
    return redirect("/")

def confirm(request):
    user = request.user
    token = generate_confirmation_token(user)
    send_mail("Confirm", token, "noreply@example.com", [user.email])
    return redirect("/")
`}
	out := distilText(t, d, files)
	tests := []struct {
		name      string
		construct string
		want      string
	}{
		{
			name:      "the kinds are one entity; a claim only one kind carries is optional",
			construct: "SignedToken",
			want: `entity SignedToken {
    user: User
    action: TokenAction
    issued_at: Timestamp
    secondary_email: String?
}`,
		},
		{
			name:      "the kind is the claim's value",
			construct: "SendActivation",
			want: `rule SendActivation {
    when: SendActivation(user)
    ensures:
        SignedToken.created(user: user, action: activation, issued_at: now)
        Email.created(to: user.email, template: link)
}`,
		},
		{
			name:      "a keyword handed on through **kwargs into payload.update(**kwargs) is a claim",
			construct: "AddSecondary",
			want: `rule AddSecondary {
    when: AddSecondary(user, email)
    ensures:
        SignedToken.created(user: user, action: secondary, secondary_email: email, issued_at: now)
        Email.created(to: email, template: link)
}`,
		},
		{
			name:      "no kind claim: the issuing function names the kind",
			construct: "ConfirmationToken",
			want: `entity ConfirmationToken {
    user: User
    issued_at: Timestamp
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
