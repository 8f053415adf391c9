package distill

import "testing"

// TestDjangoIdioms pins the Django and Django REST framework shapes of the
// corpus's Django services (openwisp-users, healthchecks, styleguide):
// each case is a small service in their shape and the construct it must
// give.
func TestDjangoIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name: "a model has the fields of its abstract bases; its own declaration wins",
			files: map[string]string{
				"app/base.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser as BaseUser
class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField()
    class Meta:
        abstract = True
class AbstractUser(BaseUser):
    expiration_date = models.DateField(null=True)
    class Meta(BaseUser.Meta):
        abstract = True
`,
				"app/models.py": `
from django.db import models
from app.base import AbstractUser, TimeStamped
class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        abstract = False
class Organization(TimeStamped):
    note = models.CharField(max_length=10, null=True)
`},
			construct: "Organization",
			want: `entity Organization {
    note: String?
    created_at: Timestamp
}`,
		},
		{
			name: "the fields of an abstract base that itself subclasses the framework's user",
			files: map[string]string{
				"app/base.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser as BaseUser
class AbstractUser(BaseUser):
    expiration_date = models.DateField(null=True)
    class Meta(BaseUser.Meta):
        abstract = True
`,
				"app/models.py": `
from app.base import AbstractUser
class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        abstract = False
`},
			construct: "User",
			want: `entity User {
    expiration_date: Timestamp?
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
