package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestEitherRows: a local that holds the row found or, when none was, a
// row made, is either after the if. A write to it is stated in the made
// row's creation and noted as left out for the row found; before, both
// were dropped without a note and the creation kept a default the code
// overwrites.
func TestEitherRows(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(after string) map[string]string {
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
        if not user:
            user = Member(email=email)
            user.save()
` + after + `
        return Response(status=200)
`,
		}
	}
	tests := []struct {
		name, after, creation string
		notes                 []string
	}{
		{
			name:     "writes after the if: in the creation, and noted for the row found",
			after:    "        user.medium = \"email\"\n        user.is_active = True\n        user.save()",
			creation: `Member.created(email: email, is_active: true, medium: "email")`,
			notes: []string{
				"acc/views.py:12: an assignment to Member.medium of the row found left out of rule SignIn",
				"acc/views.py:13: an assignment to Member.is_active of the row found left out of rule SignIn",
			},
		},
		{
			name:     "no write after the if: the creation with the column's default",
			creation: "Member.created(email: email, is_active: false)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.after))
			got := construct(out.Module, "SignIn")
			if !strings.Contains(got, "if not exists user:\n            "+tt.creation+"\n") {
				t.Errorf("SignIn lacks %s:\n%s", tt.creation, got)
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
