package distill

import "github.com/distill/distill/internal/allium"

// alwaysSetTruth is the truth of a field that always holds a value, by its
// type: a text is true when not empty, a number when not zero; nil for a
// type whose truth the spec cannot state.
func alwaysSetTruth(x allium.Expr, typ string) allium.Expr {
	switch typ {
	case "String":
		return &allium.Binary{Op: allium.OpNe, X: x, Y: &allium.Lit{Kind: allium.LitString, Text: ""}}
	case "Integer", "Decimal":
		return &allium.Binary{Op: allium.OpNe, X: x, Y: &allium.Lit{Kind: allium.LitNumber, Text: "0"}}
	}
	return nil
}
