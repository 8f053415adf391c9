package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestUnnameUnreadCreations pins that a let of a created row stays named
// only while the rule reads it.
func TestUnnameUnreadCreations(t *testing.T) {
	created := func() allium.Expr {
		return &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: "User"}, Name: "created"}}
	}
	for _, tc := range []struct {
		name    string
		ensures []allium.Stmt
		wantLet bool
	}{
		{"unread: a plain creation", []allium.Stmt{&allium.Let{Name: "new_user", Value: created()}}, false},
		{"read by a later outcome: kept", []allium.Stmt{
			&allium.Let{Name: "new_user", Value: created()},
			&allium.Assign{Target: &allium.Member{X: &allium.Ident{Name: "new_user"}, Name: "verified"}, Value: &allium.Lit{Kind: allium.LitBool, Text: "true"}},
		}, true},
		{"a let of a lookup: kept", []allium.Stmt{&allium.Let{Name: "user", Value: &allium.Ident{Name: "x"}}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			unnameUnreadCreations(tc.ensures, nil)
			_, isLet := tc.ensures[0].(*allium.Let)
			if isLet != tc.wantLet {
				t.Errorf("first outcome is %T, want a let: %v", tc.ensures[0], tc.wantLet)
			}
		})
	}
}
