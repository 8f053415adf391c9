package distill

import (
	"slices"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// mutationPipelineModels is the model of the small services below: a
// user with the columns a GraphQL account service's mutations write.
const mutationPipelineModels = `
from django.contrib.auth.models import AbstractUser
from django.db import models

class User(AbstractUser):
    email = models.EmailField(unique=True)
    is_confirmed = models.BooleanField(default=True)
    jwt_token_key = models.CharField(max_length=12)
    last_password_reset_request = models.DateTimeField(null=True, blank=True)

class Invoice(models.Model):
    number = models.CharField(max_length=255, null=True)
    created_at = models.DateTimeField(auto_now_add=True)
`

// mutationPipelineBase is a project's base mutation, as GraphQL services
// on graphene write them: mutate checks and hands on to the class's
// perform_mutation classmethod, which each mutation overrides.
const mutationPipelineBase = `
import graphene

class BaseMutation(graphene.Mutation):
    @classmethod
    def mutate(cls, root, info, **data):
        return cls.perform_mutation(root, info, **data)

    @classmethod
    def perform_mutation(cls, root, info, **data):
        raise NotImplementedError()
`

// TestMutationPipelines pins how distill reads a GraphQL mutation that
// runs through its project's base mutation (mutate hands on to the
// class's perform_mutation): typing.cast read through; a flag an
// except handler turns on not read as the literal it held; a value an
// except handler falls back to None not making the checks it catches
// preconditions; the key of a row the walk could not read (user.pk if user
// else None) making no trigger parameter; and a defaulted keyword-only
// parameter of perform_mutation given through **data not read as its
// default. Each case fails without its mechanism.
func TestMutationPipelines(t *testing.T) {
	tests := []struct {
		name    string
		schema  string
		rule    string
		want    string   // the rule; "" for none
		notes   []string // notes the output must hold
		without []string // text the whole spec must not hold
	}{
		{
			name: "typing.cast(T, x) is x",
			schema: `
from typing import cast

class ConfirmUser(BaseMutation):
    @classmethod
    def perform_mutation(cls, root, info, **data):
        user = info.context.user
        user = cast(User, user)
        user.is_confirmed = True
        user.save(update_fields=["is_confirmed"])
        return cls()
`,
			rule: "ConfirmUser",
			want: `rule ConfirmUser {
    when: ConfirmUser(user)
    ensures: user.is_confirmed = true
}`,
		},
		{
			name: "a flag an except handler may turn on is not the literal it held: the creation under it is left out",
			schema: `
class Register(BaseMutation):
    class Arguments:
        email = graphene.String(required=True)

    @classmethod
    def clean_instance(cls, instance):
        user_exists = False
        try:
            instance.full_clean()
        except ValidationError as error:
            user_exists, error.error_dict = cls._clean_errors(error)
            if error.error_dict:
                raise error
        return user_exists

    @classmethod
    def perform_mutation(cls, root, info, **data):
        instance = User(email=data["email"])
        user_exists = cls.clean_instance(instance)
        if not user_exists:
            instance.save()
        return cls()
`,
			rule:    "Register",
			without: []string{"User.created"},
		},
		{
			name: "a value an except handler sets to None: the checks it catches are no preconditions",
			schema: `
from django.core.exceptions import ValidationError

def clean_code(code):
    if len(code) < 4:
        raise ValidationError("too short")
    return code

class RotateKey(BaseMutation):
    class Arguments:
        code = graphene.String()

    @classmethod
    def perform_mutation(cls, root, info, **data):
        user = info.context.user
        try:
            code = clean_code(data["code"])
        except ValidationError:
            code = None
        user.jwt_token_key = get_random_string(length=12)
        user.save(update_fields=["jwt_token_key"])
        return cls()
`,
			rule: "RotateKey",
			want: `rule RotateKey {
    when: RotateKey(code, user)
    ensures: user.jwt_token_key = random_key()
}`,
		},
		{
			name: "the key of a row the walk could not read makes no trigger parameter",
			schema: `
from celery import shared_task
from django.utils import timezone

@shared_task
def mark_reset(user_pk):
    if not user_pk:
        return
    user = User.objects.filter(pk=user_pk).first()
    user.last_password_reset_request = timezone.now()
    user.save(update_fields=["last_password_reset_request"])

class RequestReset(BaseMutation):
    class Arguments:
        email = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, root, info, **data):
        user = find_user(data["email"])
        mark_reset.delay(user_pk=user.pk if user else None)
        return cls()
`,
			rule:    "RequestReset",
			notes:   []string{"app/schema.py:21: the lookup of user left out of handler RequestReset's mutate (app/schema.py:6)"},
			without: []string{"RequestReset(user)", "RequestReset(email, user)"},
		},
		{
			name: "a defaulted keyword-only parameter given through **data is not its default",
			schema: `
class InvoiceRequest(BaseMutation):
    class Arguments:
        number = graphene.String()

    @classmethod
    def perform_mutation(cls, root, info, /, *, number=None):
        Invoice.objects.create(number=number)
        return cls()
`,
			rule:    "InvoiceRequest",
			without: []string{"number: null"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"app/models.py": mutationPipelineModels,
				"app/schema.py": mutationPipelineBase + "from .models import User, Invoice\n" + tt.schema,
			})
			if tt.want != "" {
				if got := construct(out.Module, tt.rule); got != tt.want {
					t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
				}
			}
			for _, n := range tt.notes {
				if !slices.Contains(out.Notes, n) {
					t.Errorf("no note %q in %v", n, out.Notes)
				}
			}
			printed := string(allium.Print(out.Module, allium.PrintOptions{}))
			for _, w := range tt.without {
				if strings.Contains(printed, w) {
					t.Errorf("%q in:\n%s", w, printed)
				}
			}
		})
	}
}
