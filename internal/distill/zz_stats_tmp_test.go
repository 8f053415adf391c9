package distill

import "testing"

func TestStatsTmp(t *testing.T) {
	d := New(Options{})
	for _, n := range []string{"flask_accounts", "fastapi_accounts", "django_accounts", "reset_a", "reset_b", "reset_c", "merge_x", "merge_y"} {
		out := distillFixture(t, d, n)
		t.Logf("%s %+v", n, out.Stats)
	}
}
