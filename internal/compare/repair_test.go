package compare

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

func parseText(t *testing.T, name, src string) Variant {
	t.Helper()
	m, diags := allium.Parse(name, []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags)
	}
	if errs := allium.Check(m, allium.CheckOptions{File: name}).Errors(); len(errs) > 0 {
		t.Fatalf("%s does not check: %v", name, errs)
	}
	return Variant{ID: strings.TrimSuffix(name, ".allium"), File: name, Module: m}
}

// TestRepairDrops: constructs the quorum agrees on but that would not check
// in the shared spec are dropped, never shipped with an error.
func TestRepairDrops(t *testing.T) {
	tests := []struct {
		name        string
		a, b        string
		quorum      int
		wantRules   []string // rules in the shared spec
		wantDropped string   // substring of some Dropped line, "" for none
	}{
		{
			name: "nothing to repair when the quorum agrees (declaration order differs)",
			a: `-- allium: 3
entity Order {
    total: Integer
}
entity AuditEntry {
    note: String
}
rule Place {
    when: Placed(order)
    ensures: AuditEntry.created(note: "placed")
}
rule Cancel {
    when: Cancelled(order)
    ensures: order.total = 0
}
`,
			b: `-- allium: 3
entity Order {
    total: Integer
}
entity Ledger {
    amount: Decimal
}
rule Place {
    when: Placed(order)
    ensures: AuditEntry.created(note: "placed")
}
entity AuditEntry {
    note: String
}
rule Cancel {
    when: Cancelled(order)
    ensures: order.total = 0
}
`,
			quorum:    2,
			wantRules: []string{"Place", "Cancel"},
		},
		{
			// The rules align (same trigger); at quorum 1 the precondition
			// on the parameter only b has is shared but cannot be bound.
			name: "quorum 1 keeps a clause whose binding is not shared",
			a: `-- allium: 3
entity Order {
    total: Integer
}
rule Place {
    when: Placed(order)
    ensures: order.total = 1
}
`,
			b: `-- allium: 3
entity Order {
    total: Integer
}
rule PlaceTwice {
    when: Placed(order, count)
    requires: count > 1
    ensures: order.total = count
}
`,
			quorum:      1,
			wantRules:   []string{"Place"},
			wantDropped: "reads `count`, which the shared trigger does not bind",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compare([]Variant{parseText(t, "a.allium", tt.a), parseText(t, "b.allium", tt.b)},
				Options{Required: func(int) int { return tt.quorum }})
			if err != nil {
				t.Fatal(err)
			}
			if errs := allium.Check(res.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
				t.Fatalf("shared spec has errors: %v\n%s", errs, PrintShared(res))
			}
			var rules []string
			for _, r := range res.Shared.Rules {
				rules = append(rules, r.Name)
			}
			if strings.Join(rules, ",") != strings.Join(tt.wantRules, ",") {
				t.Errorf("shared rules %v, want %v\n%s", rules, tt.wantRules, PrintShared(res))
			}
			dropped := strings.Join(res.Dropped, "\n")
			if tt.wantDropped != "" && !strings.Contains(dropped, tt.wantDropped) {
				t.Errorf("dropped %q, want a line with %q", dropped, tt.wantDropped)
			}
			if tt.wantDropped == "" && len(res.Dropped) > 0 {
				t.Errorf("nothing should be dropped, got %q", dropped)
			}
			for _, a := range res.Aligned {
				if a.Kind == "rule" && a.InShared != contains(tt.wantRules, a.Name) {
					t.Errorf("rule %s: InShared %v disagrees with the shared spec", a.Name, a.InShared)
				}
			}
		})
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
