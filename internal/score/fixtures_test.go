package score

import (
	"path/filepath"
	"testing"

	"github.com/distill/distill/internal/distill"
)

// TestFixtureFidelity scores the fixture services that carry a
// hand-written expected.allium (the TypeScript one) and holds each
// category to the precision and recall it has reached, so that a change
// that loses fidelity on them fails here and not only in a golden diff.
func TestFixtureFidelity(t *testing.T) {
	type pr struct{ p, r float64 }
	tests := []struct {
		service string
		min     [NumCategories]pr
	}{
		{"express_accounts", [NumCategories]pr{
			Entities: {1, 1}, Fields: {1, 1}, Config: {1, 1},
			Rules: {1, 1}, Requires: {1, 0.9}, Ensures: {0.8, 0.7},
		}},
		{"nest_invitations", [NumCategories]pr{
			Entities: {1, 1}, Fields: {1, 1}, Config: {1, 1},
			Rules: {1, 1}, Requires: {1, 1}, Ensures: {1, 1},
		}},
		// @default(now()) is the database's default, left out of its
		// creations as ../EXPECTED.md's convention leaves it out.
		{"next_password_reset", [NumCategories]pr{
			Entities: {1, 1}, Fields: {1, 1}, Config: {1, 1},
			Rules: {1, 1}, Requires: {1, 1}, Ensures: {1, 1},
		}},
	}
	d := distill.New(distill.Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.service, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "services", tt.service)
			expected := loadExpected(t, corpusService{name: tt.service, dir: dir})
			r := Score(distilDir(t, d, tt.service, dir).Module, expected)
			for _, c := range Categories {
				p, pok := r.Counts[c].Precision()
				rc, rok := r.Counts[c].Recall()
				if pok && p < tt.min[c].p || rok && rc < tt.min[c].r || !rok && tt.min[c].r > 0 {
					t.Errorf("%s: precision %.2f recall %.2f, want at least %.2f/%.2f; missing %v, extra %v",
						c, p, rc, tt.min[c].p, tt.min[c].r, r.Missing[c], r.Extra[c])
				}
			}
		})
	}
}
