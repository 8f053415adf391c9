package distill

import (
	"context"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
)

// TestRepairDropsWhatFailsTheChecker: a clause naming an unbound value is
// dropped (not the whole rule), a rule left without ensures is dropped,
// and each drop is counted and explained.
func TestRepairDropsWhatFailsTheChecker(t *testing.T) {
	id := func(n string) allium.Expr { return &allium.Ident{Name: n} }
	ensures := func(target, field string, v allium.Expr) *allium.Ensures {
		return &allium.Ensures{Body: []allium.Stmt{&allium.Assign{Target: &allium.Member{X: id(target), Name: field}, Value: v}}}
	}
	m := &allium.Module{
		Version: 3,
		Entities: []*allium.Entity{{Name: "User", Members: []allium.EntityMember{
			&allium.Field{Name: "active", Type: &allium.Type{Name: "Boolean"}},
		}}},
		Rules: []*allium.Rule{
			{Name: "Good", Trigger: &allium.Trigger{Name: "Good", Params: []allium.TriggerParam{{Name: "user"}}},
				Body: []allium.Stmt{
					&allium.Requires{Cond: &allium.Member{X: id("ghost"), Name: "active"}},
					ensures("user", "active", &allium.Lit{Kind: allium.LitBool, Text: "true"}),
				}},
			{Name: "Bad", Trigger: &allium.Trigger{Name: "Bad", Params: []allium.TriggerParam{{Name: "user"}}},
				Body: []allium.Stmt{ensures("user", "active", id("nowhere"))}},
		},
	}
	var st Stats
	b := newBuilder(context.Background(), catalog.MustDefault().Language("python"), nil, 3, &st)
	repair(m, b)
	if d := allium.Check(m, allium.CheckOptions{}); d.HasErrors() {
		t.Fatalf("still failing: %v", d.Errors())
	}
	if len(m.Rules) != 1 || m.Rules[0].Name != "Good" || len(m.Rules[0].Body) != 1 {
		t.Fatalf("rules after repair:\n%s", allium.Print(m, allium.PrintOptions{}))
	}
	if st.Untranslated != 2 {
		t.Errorf("Untranslated = %d, want 2", st.Untranslated)
	}
	notes := strings.Join(b.sortedNotes(), "\n")
	if !strings.Contains(notes, "rule Bad left out") || !strings.Contains(notes, "rule Good: requires clause left out") {
		t.Errorf("notes:\n%s", notes)
	}
}
