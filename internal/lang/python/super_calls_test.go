package python

import (
	"testing"

	"github.com/distill/distill/internal/facts"
)

// TestTwoArgumentSuper checks that super(Class, self) in a method of
// Class reads as super(), and that other two-argument forms keep their
// arguments.
func TestTwoArgumentSuper(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{"own class and self", "class User:\n    def save(self, *a):\n        super(User, self).save(*a)\n", "super().save(*a)"},
		{"own class and cls", "class User:\n    @classmethod\n    def make(cls):\n        return super(User, cls).make()\n", "super().make()"},
		{"another class", "class User:\n    def save(self):\n        super(Base, self).save()\n", "super(Base, self).save()"},
		{"not the receiver", "class User:\n    def save(self, other):\n        super(User, other).save()\n", "super(User, other).save()"},
		{"static method", "class User:\n    @staticmethod\n    def make(x):\n        return super(User, x).make()\n", "super(User, x).make()"},
		{"nested function", "class User:\n    def save(self):\n        def inner():\n            super(User, self).save()\n        inner()\n", "super(User, self).save()"},
		{"module function", "def save(self):\n    super(User, self).save()\n", "super(User, self).save()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := extract(t, "m.py", tt.src)
			var got string
			var walk func([]facts.Stmt)
			walk = func(body []facts.Stmt) {
				for i := range body {
					st := &body[i]
					if st.Value != nil && st.Value.Kind == facts.ExprCall && got == "" {
						got = showExprBare(st.Value)
					}
					if fn := st.Func(); fn != nil {
						walk(fn.Body())
					}
				}
			}
			for _, fn := range f.Functions {
				walk(fn.Body())
			}
			for _, c := range f.Classes {
				for _, m := range c.Methods {
					walk(m.Body())
				}
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
