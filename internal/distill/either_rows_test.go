package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestEitherRows: a local that holds the row found or, when none was, a
// row made, is either after the if. A write to it is stated in the made
// row's creation and, for the row found, under the condition that it was
// not made (else); before, both were dropped without a note and the
// creation kept a default the code overwrites.
func TestEitherRows(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(made, after string) map[string]string {
		if made == "" {
			made = "not user"
		}
		return map[string]string{
			"acc/models.py": `
from django.db import models
class Member(models.Model):
    email = models.CharField(max_length=200, unique=True)
    is_active = models.BooleanField(default=False)
    medium = models.CharField(max_length=20, null=True)
`,
			"acc/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from acc.models import Member
class SignInView(APIView):
    def post(self, request):
        email = request.data["email"]
        user = Member.objects.filter(email=email).first()
        if ` + made + `:
            user = Member(email=email)
            user.save()
` + after + `
        return Response(status=200)
`,
		}
	}
	tests := []struct {
		name, made, after, creation, found string
		notes                              []string
	}{
		{
			name:     "writes after the if: in the creation, and to the row found when it was not made",
			after:    "        user.medium = \"email\"\n        user.is_active = True\n        user.save()",
			creation: `Member.created(email: email, is_active: true, medium: "email")`,
			found:    "        else:\n            user.medium = \"email\"\n            user.is_active = true\n",
		},
		{
			// Not made (unknown_check false) is no row found: the lookup
			// may have found none, and the write is to a row only when
			// one was.
			name:     "a row made under another stated condition: the found row's writes under its negation, where it exists",
			made:     "unknown_check(email)",
			after:    "        user.medium = \"email\"\n        user.is_active = True\n        user.save()",
			creation: `Member.created(email: email, is_active: true, medium: "email")`,
			found:    "        else:\n            if exists user:\n                user.medium = \"email\"\n                user.is_active = true\n",
		},
		{
			name:     "a row made under a request's value: the found row's writes only where it exists",
			made:     "request.data[\"kind\"] == \"signup\"",
			after:    "        user.is_active = True\n        user.save()",
			creation: `Member.created(email: email, is_active: true)`,
			found:    "        else:\n            if exists user:\n                user.is_active = true\n",
		},
		{
			// Not (not user and signup) holds where no row was found.
			name:     "made when none was found and another condition holds: guarded",
			made:     "not user and request.data[\"kind\"] == \"signup\"",
			after:    "        user.is_active = True\n        user.save()",
			creation: `Member.created(email: email, is_active: true)`,
			found:    "        else:\n            if exists user:\n                user.is_active = true\n",
		},
		{
			// Not (not user or force) is user and not force: the row
			// was found, no guard.
			name:     "a made condition whose negation holds that the row was found: no guard",
			made:     "not user or request.data[\"kind\"] == \"signup\"",
			after:    "        user.is_active = True\n        user.save()",
			creation: `Member.created(email: email, is_active: true)`,
			found:    "        else:\n            user.is_active = true\n",
		},
		{
			name:     "user is None: no guard",
			made:     "user is None",
			after:    "        user.is_active = True\n        user.save()",
			creation: `Member.created(email: email, is_active: true)`,
			found:    "        else:\n            user.is_active = true\n",
		},
		{
			name:     "no write after the if: the creation with the column's default",
			creation: "Member.created(email: email, is_active: false)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.made, tt.after))
			got := construct(out.Module, "SignIn")
			if tt.made == "" && !strings.Contains(got, "if not exists user:\n            "+tt.creation+"\n") || !strings.Contains(got, tt.creation) {
				t.Errorf("SignIn lacks %s:\n%s", tt.creation, got)
			}
			if tt.found != "" && !strings.Contains(got, tt.found) {
				t.Errorf("SignIn lacks the found row's writes %q:\n%s", tt.found, got)
			}
			if tt.found == "" && strings.Contains(got, "user.is_active =") {
				t.Errorf("SignIn states the found row's write:\n%s", got)
			}
			for _, n := range tt.notes {
				if !slices.Contains(out.Notes, n) {
					t.Errorf("no note %q in %q", n, out.Notes)
				}
			}
		})
	}
}

// TestSelfAssignments: a field assigned its own value (a model's save
// that writes self.x = self.x) states nothing; another value is stated.
func TestSelfAssignments(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	for _, tt := range []struct{ value, want string }{
		{"user.phone", ""},
		{"request.data[\"phone\"]", "user.phone = phone"},
	} {
		out := distilText(t, d, map[string]string{
			"acc/models.py": `
from django.db import models
class Member(models.Model):
    email = models.CharField(max_length=200, unique=True)
    phone = models.CharField(max_length=20, null=True)
`,
			"acc/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from acc.models import Member
class PhoneView(APIView):
    def post(self, request):
        user = Member.objects.get(email=request.data["email"])
        user.phone = ` + tt.value + `
        user.save()
        return Response(status=200)
`,
		})
		got := construct(out.Module, "Phone")
		if tt.want == "" && strings.Contains(got, "user.phone =") || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("user.phone = %s:\n%s", tt.value, got)
		}
	}
}
