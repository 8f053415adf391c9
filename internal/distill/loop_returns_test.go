package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestUnreadLoopReturns pins loops the walk does not follow: a value a
// while loop or a for loop over something that is not a query returns
// makes the helper's answer unknown (healthchecks' choose_next_report_
// date, hc/accounts/models.py:370-383, answered None and stated
// next_report_date = null; saleor's get_checkout_delivery, whose for loop
// returns the matching method); a field a while loop writes is an
// outcome left out with a note.
func TestUnreadLoopReturns(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name      string
		helper    string // Profile.next_date's body
		want, not []string
		note      string // a note that must be there, "" for none
	}{
		{
			name: "a while loop returns the value beside an early None",
			helper: `        if self.reports == "off":
            return None
        dt = now()
        while True:
            dt += td(days=1)
            if dt.day == 1:
                return dt`,
			want: []string{"user.profile.reports = reports"},
			not:  []string{"next_report_date = null"},
			note: "the value assigned to Profile.next_report_date left out of rule Notifications",
		},
		{
			name: "a for loop over an unread list returns the value",
			helper: `        if self.reports == "off":
            return None
        for dt in self.candidates():
            if dt.day == 1:
                return dt
        return None`,
			want: []string{"user.profile.reports = reports"},
			not:  []string{"next_report_date = null"},
			note: "the value assigned to Profile.next_report_date left out of rule Notifications",
		},
		{
			name: "None and no loop: the answer stays None",
			helper: `        if self.reports == "off":
            return None
        return None`,
			want: []string{"user.profile.next_report_date = null"},
		},
		{
			name: "a while loop writing a field: left out with a note",
			helper: `        while self.reports == "off":
            self.reports = "monthly"
        return None`,
			want: []string{"user.profile.next_report_date = null"},
			note: "a loop left out of rule Notifications",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from datetime import timedelta as td

from django.contrib.auth.models import User
from django.db import models
from django.utils.timezone import now


class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    reports = models.CharField(max_length=10, default="monthly")
    next_report_date = models.DateTimeField(null=True, blank=True)

    def next_date(self):
` + tt.helper + `
`,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def notifications(request):
    profile = request.user.profile
    if request.method == "POST":
        profile.reports = request.POST["reports"]
        profile.next_report_date = profile.next_date()
        profile.save()
    return render(request, "n.html", {})
`})
			wantConstruct(t, out, "Notifications", tt.want, tt.not)
			if tt.note != "" && !slices.ContainsFunc(out.Notes, func(n string) bool { return strings.Contains(n, tt.note) }) {
				t.Errorf("no note %q in %v", tt.note, out.Notes)
			}
		})
	}
}
