package distill

import "testing"

// TestColumnMixinIdioms pins SQLAlchemy's declarative mixins (redash's
// TimestampMixin): the columns of a plain class a model mixes in are the
// model's fields.
func TestColumnMixinIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, mixin, want string
	}{
		{
			name: "a plain class of columns mixed in gives the model its columns",
			mixin: `class TimestampMixin:
    created_at = db.Column(db.DateTime, nullable=False)
`,
			want: "entity User {\n    email: String\n    created_at: Timestamp\n}",
		},
		{
			// dispatch's TimeStampMixin(object), src/dispatch/models.py:37.
			name: "a class of columns whose only base is object is a mixin too",
			mixin: `class TimestampMixin(object):
    created_at = db.Column(db.DateTime, nullable=False)
`,
			want: "entity User {\n    email: String\n    created_at: Timestamp\n}",
		},
		{
			name: "a mixin of methods only gives none",
			mixin: `class TimestampMixin:
    def touch(self):
        return None
`,
			want: "entity User {\n    email: String\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			models := `
from app.extensions import db
` + tt.mixin + `
class User(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), nullable=False)
`
			out := distilText(t, d, map[string]string{"app/models.py": models})
			if got := construct(out.Module, "User"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
