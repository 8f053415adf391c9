package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestListGivenWithElementsIsTrue pins staticTruth on a parameter given
// a list written with elements: paperless_mail's process action hands
// process_mail_accounts account_ids=[account.pk] (paperless_mail/
// views.py:160-163), whose `filter(pk__in=account_ids) if account_ids
// else all()` (tasks.py:16-20) then takes the filter; the loop over it
// is a loop over a query, not one over a value the walk cannot tell.
func TestListGivenWithElementsIsTrue(t *testing.T) {
	files := func(kwargs string) map[string]string {
		return map[string]string{
			"app/models.py": `
from django.db import models


class Account(models.Model):
    name = models.CharField(max_length=100)
    last_checked = models.DateTimeField(null=True)
`,
			"app/tasks.py": `
from celery import shared_task
from django.utils import timezone
from .models import Account


@shared_task
def process_accounts(account_ids=None):
    accounts = (
        Account.objects.filter(pk__in=account_ids)
        if account_ids
        else Account.objects.all()
    )
    for account in accounts:
        account.last_checked = timezone.now()
        account.save()
    return "ok"
`,
			"app/views.py": `
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet
from .models import Account
from .tasks import process_accounts


class AccountViewSet(GenericViewSet):
    queryset = Account.objects.all()

    @action(methods=["post"], detail=True)
    def process(self, request, pk=None):
        account = self.get_object()
        process_accounts.apply_async(kwargs=` + kwargs + `)
        return Response({"result": "OK"})
`,
			"app/urls.py": `
from rest_framework.routers import DefaultRouter
from .views import AccountViewSet
router = DefaultRouter()
router.register(r"accounts", AccountViewSet)
urlpatterns = router.urls
`,
		}
	}
	tests := []struct {
		name, kwargs, want string
	}{
		{"a list with an element", `{"account_ids": [account.pk]}`, "app/tasks.py:14: a loop over a query left out of handler process"},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.kwargs))
			if !slices.ContainsFunc(out.Notes, func(n string) bool { return strings.HasPrefix(n, tt.want) }) {
				t.Errorf("no note %q in %v", tt.want, out.Notes)
			}
		})
	}
}
