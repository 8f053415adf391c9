package distill

import "testing"

// TestAwareClockHelpers pins taiga-back's flushexpiredtokens command
// (taiga/auth/token_denylist/management/commands/flushexpiredtokens.py:43,
// taiga/auth/utils.py:40-48): aware_utcnow() returns
// make_utc(datetime.utcnow()), and make_utc returns its argument either
// as it is or through Django's make_aware, the same instant with a time
// zone attached. The clock read through it is now, so the command's
// filter is the tokens whose expiry has passed, not make_utc(now).
func TestAwareClockHelpers(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		utils     string
		want, not []string
	}{
		{
			name: "make_aware on one branch, the value itself on the other: now",
			utils: `
def make_utc(dt):
    if settings.USE_TZ and is_naive(dt):
        return make_aware(dt, timezone=utc)
    return dt
`,
			want: []string{"when: token: OutstandingToken.expires_at <= now", "ensures: not exists token"},
			not:  []string{"make_utc", "make_aware"},
		},
		{
			name: "make_aware alone: now",
			utils: `
def make_utc(dt):
    return make_aware(dt, timezone=utc)
`,
			want: []string{"when: token: OutstandingToken.expires_at <= now"},
			not:  []string{"make_utc", "make_aware"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class OutstandingToken(models.Model):
    jti = models.CharField(unique=True, max_length=255)
    expires_at = models.DateTimeField()
`,
				"app/utils.py": `
from datetime import datetime

from django.conf import settings
from django.utils.timezone import is_naive, make_aware, utc
` + tt.utils + `

def aware_utcnow():
    return make_utc(datetime.utcnow())
`,
				"app/management/commands/flushexpiredtokens.py": `
from django.core.management.base import BaseCommand

from app.models import OutstandingToken
from app.utils import aware_utcnow


class Command(BaseCommand):
    help = "Flushes any expired tokens"

    def handle(self, *args, **kwargs):
        OutstandingToken.objects.filter(expires_at__lte=aware_utcnow()).delete()
`})
			wantConstruct(t, out, "Flushexpiredtokens", tt.want, tt.not)
		})
	}
}
