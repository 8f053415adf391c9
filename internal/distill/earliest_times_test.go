package distill

import (
	"strings"
	"testing"
)

// TestEarliestTimes: an optional time read with the earliest time in its
// place when unset (t if t is not None else datetime.min, given a zone or
// not) is the field itself, and an ordering comparison of it holds as if
// unset were earlier than any time: on the later side it needs the field
// set, on the earlier side unset satisfies it. A fallback that is no
// earliest time is not read so.
func TestEarliestTimes(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, check string
		want        []string
		absent      []string
	}{
		{
			name: "the later side, rejected: unset or not later",
			check: `    current = user.last_login if user.last_login is not None else datetime.datetime.min.replace(tzinfo=pytz.UTC)
    if current > data["user.last_login"]:
        abort(400)`,
			want: []string{"requires: token.user.last_login = null or token.user.last_login <= token.last_login"},
		},
		{
			name: "written the other way round, on the right of <",
			check: `    current = datetime.datetime.min if user.last_login is None else user.last_login
    if data["user.last_login"] < current:
        abort(400)`,
			want: []string{"requires: token.user.last_login = null or token.last_login >= token.user.last_login"},
		},
		{
			name: "the earlier side, rejected: set and not earlier",
			check: `    current = user.last_login if user.last_login else datetime.datetime.min
    if current < data["user.last_login"]:
        abort(400)`,
			want: []string{"requires: token.user.last_login != null\n", "requires: token.user.last_login >= token.last_login"},
		},
		{
			name: "a fallback that is no earliest time",
			check: `    current = user.last_login if user.last_login is not None else datetime.datetime.max
    if current > data["user.last_login"]:
        abort(400)`,
			absent: []string{"token.user.last_login = null", "token.user.last_login != null"},
		},
		{
			name: "a fallback to the earliest time of another value",
			check: `    current = user.email if user.last_login is not None else datetime.datetime.min
    if current > data["user.last_login"]:
        abort(400)`,
			absent: []string{"token.user.last_login = null", "token.user.last_login != null", "token.user.email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, resetTokenFiles(tt.check))
			got := construct(out.Module, "Reset")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("unexpected %q in:\n%s", a, got)
				}
			}
		})
	}
}
