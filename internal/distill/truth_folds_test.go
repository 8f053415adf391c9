package distill

import (
	"strings"
	"testing"
)

// TestTruthFolds: any([...]) and all((...)) of conditions written out read
// as those conditions joined by or, by and (catalog truth_folds); a fold
// over anything else is not read so.
func TestTruthFolds(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, body string
		want       string
		absent     []string
	}{
		{
			name: "any of a list, negated",
			body: "not any([self.is_superuser, self.is_support, self.locked])",
			want: "can_reset: not is_superuser and not is_support and not locked",
		},
		{
			name: "all of a tuple, negated",
			body: "not all((self.is_support, not self.locked))",
			want: "can_reset: not is_support or locked",
		},
		{
			name:   "any over a generator is no list written out",
			body:   "not any(flag for flag in self.flags)",
			absent: []string{"can_reset"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			models := `
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    is_superuser = db.Column(db.Boolean, nullable=False)
    is_support = db.Column(db.Boolean, nullable=False)
    locked = db.Column(db.Boolean, nullable=False)

    @property
    def can_reset(self):
        return ` + tt.body + "\n"
			out := distilText(t, d, map[string]string{"app/models.py": models})
			got := construct(out.Module, "User")
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("missing %q in:\n%s", tt.want, got)
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("unexpected %q in:\n%s", a, got)
				}
			}
		})
	}
}
