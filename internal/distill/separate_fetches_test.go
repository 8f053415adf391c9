package distill

import "testing"

// TestSeparateFetches: a Django lookup loads its own object, so a copy of
// a row fetched before the rule changes the row through another object
// still holds the old values (django-oscar's old_user, views.py:325-343):
// what reads them is left out rather than read as the new value. The
// copy that made the change, and a send through a catalogued dispatcher
// to it (oscar's dispatch_user_messages(user, messages), the template
// read from the event code the class keeps), read the new value.
func TestSeparateFetches(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const models = `
from django.db import models
class Account(models.Model):
    email = models.EmailField()
`
	const mail = `
from app.comms import Dispatcher
class AccountDispatcher:
    CHANGED_EVENT_CODE = "EMAIL_CHANGED"
    def __init__(self):
        self.dispatcher = Dispatcher()
    def send_changed_for(self, account, extra_context):
        messages = self.dispatcher.get_messages(self.CHANGED_EVENT_CODE, extra_context)
        self.dispatcher.dispatch_user_messages(account, messages)
`
	tests := []struct {
		name, tail, want string
	}{
		{
			name: "sent to the object changed: its new address",
			tail: `    AccountDispatcher().send_changed_for(account, {})`,
			want: `rule ChangeEmail {
    when: ChangeEmail(new_email, account)
    ensures:
        account.email = new_email
        Email.created(to: account.email, template: email_changed)
}`,
		},
		{
			name: "sent to the copy fetched before: its address is the old one, left out",
			tail: `    AccountDispatcher().send_changed_for(old, {})`,
			want: `rule ChangeEmail {
    when: ChangeEmail(new_email, account)
    ensures:
        account.email = new_email
        Email.created(template: email_changed)
}`,
		},
		{
			name: "a condition on the copy's old value: left out",
			tail: `    if old.email != new_email:
        AccountDispatcher().send_changed_for(account, {})`,
			want: `rule ChangeEmail {
    when: ChangeEmail(new_email, account)
    ensures: account.email = new_email
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tasks := `
from celery import shared_task
from app.models import Account
from app.mail import AccountDispatcher
@shared_task
def change_email(account_id, new_email):
    account = Account.objects.get(id=account_id)
    old = Account.objects.get(id=account_id)
    account.email = new_email
    account.save()
` + tt.tail + `
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/mail.py": mail, "app/tasks.py": tasks})
			if got := construct(out.Module, "ChangeEmail"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
