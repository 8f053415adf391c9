package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSuperMutations: a mutation's own mutate calling super().mutate(...)
// runs the service's base mutation with cls still the mutation class, so
// the base's cls.perform_mutation reaches the mutation's own (saleor's
// AccountRegister, account_register.py:106-115); and the key of a row a
// generic base makes from cls._meta.model(), taken because the mutation
// declares no id (graphql/core/mutations.py:799-807), is no input of the
// request: a task's lookup by it is left out, not made a trigger
// parameter (saleor's AppInstall, app_install.py:86, app/tasks.py:25).
func TestSuperMutations(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class User(models.Model):
    email = models.EmailField()
    is_confirmed = models.BooleanField(default=True)

class Job(models.Model):
    status = models.CharField(max_length=10)
`
	const tasks = `
from celery import shared_task
from .models import Job

@shared_task
def run_job(job_id):
    job = Job.objects.get(id=job_id)
    job.delete()
`
	const base = `
import graphene

class BaseMutation(graphene.Mutation):
    @classmethod
    def mutate(cls, root, info, **data):
        response = cls.perform_mutation(root, info, **data)
        return response

    @classmethod
    def get_instance(cls, info, **data):
        object_id = data.get("id")
        if object_id:
            instance = cls.get_node_or_error(info, object_id)
        else:
            instance = cls._meta.model()
        return instance
`
	for _, tc := range []struct {
		name, mutations string
		want, absent    []string
		note            string
	}{
		{
			name: "super().mutate runs the base's mutate, which runs the class's perform_mutation",
			mutations: `
import graphene
from .base import BaseMutation
from .models import User

class AccountRegister(BaseMutation):
    class Arguments:
        email = graphene.String(required=True)

    @classmethod
    def mutate(cls, root, info, **data):
        response = super().mutate(root, info, **data)
        response.requires_confirmation = True
        return response

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        instance = User()
        instance.email = data["email"]
        instance.is_confirmed = False
        instance.save()
        return cls()
`,
			want: []string{"rule AccountRegister {", "when: AccountRegister(email)", "ensures: User.created(email: email, is_confirmed: false)"},
		},
		{
			name: "the key of a row made from cls._meta.model() is no input",
			mutations: `
import graphene
from .base import BaseMutation
from .tasks import run_job

class JobCreate(BaseMutation):
    class Arguments:
        name = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        instance = cls.get_instance(info, **data)
        instance.save()
        run_job.delay(instance.pk)
        return cls()
`,
			absent: []string{"rule JobCreate", "not exists job"},
			note:   "app/tasks.py:7: the lookup of job left out",
		},
		{
			name: "cls._meta.model() makes a row of the model the mutation's Meta names",
			mutations: `
import graphene
from .base import BaseMutation
from .models import Job

class JobCreate(BaseMutation):
    class Arguments:
        status = graphene.String(required=True)

    class Meta:
        model = Job

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        instance = cls.get_instance(info, **data)
        instance.status = data["status"]
        instance.save()
        return cls()
`,
			want: []string{"rule JobCreate {", "when: JobCreate(status)", "ensures: Job.created(status: status)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/tasks.py": tasks, "app/base.py": base, "app/mutations.py": tc.mutations})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
			if tc.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tc.note) {
				t.Errorf("no note %q in\n%s", tc.note, strings.Join(out.Notes, "\n"))
			}
		})
	}
}
