package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestNotFoundFlags: a flag a lookup's not-found handler turns on (the
// handler also rebinding the row to an unsaved one, as saleor's
// SetPassword does, set_password.py:61-83) is read after the try as the
// row's absence when the try's body is the lookup alone, and as unknown
// otherwise, so a guard on it is stated or left out with a note, never
// read as the literal the flag held before the try.
func TestNotFoundFlags(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractBaseUser

class User(AbstractBaseUser):
    email = models.EmailField()
    is_confirmed = models.BooleanField(default=True)
`
	mutation := func(body string) string {
		return `
import graphene
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from .models import User

class SetPassword(graphene.Mutation):
    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)

    @classmethod
    def mutate(cls, root, info, email, password):
        error = False
        try:
            user = User.objects.get(email=email)
` + body + `
        except ObjectDoesNotExist:
            error = True
            user = User()
        if error:
            raise ValidationError("invalid")
        user.set_password(password)
        user.save()
        return SetPassword()
`
	}
	for _, tc := range []struct {
		name, body   string
		want, absent []string
		note         string
	}{
		{
			name:   "the lookup alone: the flag is the row's absence",
			want:   []string{"let user = User{email}", "requires: exists user", "ensures: user.password = hash(password)"},
			absent: []string{"when: SetPassword(user"},
		},
		{
			name:   "more in the body: the flag is unknown and its guard left out with a note",
			body:   "            user.is_confirmed = True",
			absent: []string{"requires: exists user"},
			note:   "app/mutations.py:20: a guard left out of rule SetPassword",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/mutations.py": mutation(tc.body)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
			if tc.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tc.note) {
				t.Errorf("no note %q in\n%s", tc.note, strings.Join(out.Notes, "\n"))
			}
		})
	}
}
