package distill

import (
	"testing"

	"github.com/distill/distill/internal/facts"
)

// TestCalledEntry: of the catalog names a call matches, the first in order
// wins, whatever order the map yields them in; a call that matches none,
// and anything that is no call, has no entry.
func TestCalledEntry(t *testing.T) {
	t.Parallel()
	table := map[string]string{
		"find":          "bare",
		"database.find": "database",
		"rest.find":     "rest",
		"rest.del":      "del",
	}
	call := func(raw string) *facts.Expr {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: raw})
	}
	tests := []struct {
		name string
		e    *facts.Expr
		want string
		ok   bool
	}{
		{"two names match: the first in order", call("config.database.find"), "database", true},
		{"only the bare name matches", call("users.find"), "bare", true},
		{"one name", call("rest.del"), "del", true},
		{"no name", call("rest.create"), "", false},
		{"not a call", facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, Raw: "rest.del"}), "", false},
		{"nil", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for range 20 { // map order varies from one range to the next
				got, ok := calledEntry(table, tt.e)
				if got != tt.want || ok != tt.ok {
					t.Fatalf("calledEntry = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
				}
			}
		})
	}
}
