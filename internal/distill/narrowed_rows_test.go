package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// deactivateByEmail is the view most TestNarrowedRows cases walk: it
// deactivates the user find_user gives, refusing when there is none.
const deactivateByEmail = `
def deactivate(request):
    user = find_user(request.POST["email"])
    if not user:
        return HttpResponseBadRequest()
    user.is_active = False
    user.save()
    return redirect("home")
`

// TestNarrowedRows: a list comprehension that keeps some of the rows a
// query found ([u for u in users if u.email == email]) is still those
// rows, narrowed by a filter the spec cannot state. Rebinding the rows
// to such a narrowing, or to either of two (users = exact or folded),
// keeps what the rows are, so the first of them under `if users:` is
// the row found (saleor's retrieve_user_by_email, account/utils.py:
// 150-165). A narrowing is no longer every row the query finds: a loop
// over it, or a count of it, is not stated as over the query's rows.
func TestNarrowedRows(t *testing.T) {
	models := `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
`
	cases := []struct {
		name    string
		helper  string
		view    string
		rule    string
		want    []string
		notWant []string
	}{
		{
			name: "tie-break among the rows found",
			helper: `
def find_user(email):
    users = list(User.objects.filter(email__iexact=email))
    if len(users) > 1:
        users_exact = [user for user in users if user.email == email]
        users_lower = [user for user in users if user.email == email.lower()]
        users = users_exact or users_lower
    if users:
        return users[0]
    return None
`,
			view: deactivateByEmail,
			rule: "Deactivate",
			want: []string{"let user = user_by_email_ignoring_case(email)", "requires: exists user", "ensures: user.is_active = false"},
		},
		{
			// taiga's get_user_by_username_or_email (users/services.py:
			// 36-49): the tie-break filters the query further.
			name: "tie-break by a further filter",
			helper: `
from django.db.models import Q
def find_user(name):
    qs = User.objects.filter(Q(username__iexact=name) | Q(email__iexact=name))
    if len(qs) > 1:
        qs = qs.filter(Q(username=name) | Q(email=name))
    user = qs[0]
    return user
`,
			view: `
def deactivate(request):
    user = find_user(request.POST["name"])
    user.is_active = False
    user.save()
    return redirect("home")
`,
			rule: "Deactivate",
			want: []string{"ensures: user.is_active = false"},
		},
		{
			name: "a narrowing with no tie-break",
			helper: `
def find_user(email):
    users = [u for u in User.objects.filter(email__iexact=email) if u.is_active]
    if users:
        return users[0]
    return None
`,
			view: deactivateByEmail,
			// The filter drops rows the query finds (inactive users): the
			// first left is no row the lookup by email states.
			rule:    "",
			notWant: []string{"user_by_email_ignoring_case(email)"},
		},
		{
			name: "a narrowing under a test of anything but several rows",
			helper: `
def find_user(email, strict):
    users = list(User.objects.filter(email__iexact=email))
    if strict:
        users = [user for user in users if user.email == email]
    if users:
        return users[0]
    return None
`,
			view: `
def deactivate(request):
    user = find_user(request.POST["email"], request.POST["strict"])
    if not user:
        return HttpResponseBadRequest()
    user.is_active = False
    user.save()
    return redirect("home")
`,
			rule:    "",
			notWant: []string{"user_by_email_ignoring_case(email)"},
		},
		{
			name: "a loop over a narrowing is not over every row",
			helper: `
def find_user(email):
    return None
`,
			view: `
def purge(request):
    users = list(User.objects.filter(email__iexact=request.POST["email"]))
    users = [u for u in users if not u.is_active]
    for u in users:
        u.delete()
    return redirect("home")
`,
			rule:    "",
			notWant: []string{"rule Purge", "not exists"},
		},
		{
			name: "a comprehension of something else than the rows",
			helper: `
def find_user(email):
    users = list(User.objects.filter(email__iexact=email))
    if len(users) > 1:
        users = [user.email for user in users]
    if users:
        return users[0]
    return None
`,
			view:    deactivateByEmail,
			rule:    "",
			notWant: []string{"let user = user_by_email_ignoring_case(email)"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": models,
				"app/utils.py":  "from .models import User\n" + tc.helper,
				"app/views.py": `
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from .models import User
from .utils import find_user
` + tc.view,
			}
			out := distilText(t, New(Options{}), files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if tc.rule != "" {
				text = construct(out.Module, tc.rule)
			}
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}
