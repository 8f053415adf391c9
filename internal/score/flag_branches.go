package score

import (
	"strings"

	"github.com/distill/distill/internal/allium"
)

// Two ways of writing one outcome meet here.
//
// A creation bound to a name in an ensures block (`let user =
// User.created(...)`, `let instance = User.created(...)`) is named as its
// writer pleased; later outcomes that refer to the new entity read the
// same whatever the name: each reference becomes new_<entity>.
//
// A flag decides the value of a creation's Boolean arguments:
//
//	if email_verified:
//	    EmailAddress.created(email: email, verified: true)
//	else:
//	    EmailAddress.created(email: email, verified: false)
//	    Email.created(to: email)
//
// says what
//
//	EmailAddress.created(email: email, verified: email_verified)
//	if not email_verified:
//	    Email.created(to: email)
//
// says: the creation is made either way, each Boolean argument true
// exactly when the condition holds (or exactly when it does not) is the
// condition (or its negation), and what else each branch does stays
// under it.

// createdName is the name a reference to the entity a creation of ent
// made reads as.
func createdName(call *allium.Call) string {
	m, ok := call.Fun.(*allium.Member)
	if !ok {
		return ""
	}
	return "new_" + strings.ToLower(allium.RootIdent(m.X))
}

// hoistFlagCreation rewrites an if/else both of whose branches create the
// same entity, with arguments alike but for Boolean literals that follow
// the condition, into the creation and an if of what else the branches
// do; ok is false, and s is left alone, for any other if.
func hoistFlagCreation(s *allium.If) (out []allium.Stmt, ok bool) {
	if len(s.Branches) != 1 || len(s.Else) == 0 {
		return nil, false
	}
	cond := s.Branches[0].Cond
	for i, st := range s.Branches[0].Body {
		x, isExpr := st.(*allium.ExprStmt)
		if !isExpr || !allium.IsCreation(x.X) {
			continue
		}
		thenCall := x.X.(*allium.Call)
		_, thenOnly := soleCreation(s.Branches[0].Body, thenCall.Fun)
		elseAt, elseCall := soleCreation(s.Else, thenCall.Fun)
		if thenOnly == nil || elseCall == nil {
			continue
		}
		if merged := mergeFlagArgs(thenCall, elseCall, cond); merged != nil {
			return hoisted(s, merged, i, elseAt), true
		}
	}
	return nil, false
}

// mergeFlagArgs is the one creation two branches' creations of an entity
// (then under cond, else under its negation) make: nil unless their
// arguments are alike but for Boolean literals that follow the condition.
func mergeFlagArgs(thenCall, elseCall *allium.Call, cond allium.Expr) *allium.Call {
	if len(thenCall.Args) != len(elseCall.Args) {
		return nil
	}
	elseArgs := map[string]allium.Expr{}
	for _, a := range elseCall.Args {
		elseArgs[a.Name] = a.Value
	}
	merged := &allium.Call{Fun: thenCall.Fun}
	for _, a := range thenCall.Args {
		other, has := elseArgs[a.Name]
		if !has {
			return nil
		}
		v := a.Value
		switch t, e := boolLit(a.Value), boolLit(other); {
		case allium.ExprString(a.Value) == allium.ExprString(other):
		case t == "true" && e == "false":
			v = cloneExpr(cond)
		case t == "false" && e == "true":
			v = &allium.Unary{Op: allium.OpNot, X: cloneExpr(cond)}
		default:
			return nil
		}
		merged.Args = append(merged.Args, allium.Arg{Name: a.Name, Value: v})
	}
	return merged
}

// hoisted is the merged creation followed by an if of what else the
// branches of s do: the then branch less its statement thenAt, the else
// branch less elseAt.
func hoisted(s *allium.If, merged *allium.Call, thenAt, elseAt int) []allium.Stmt {
	cond := s.Branches[0].Cond
	out := []allium.Stmt{&allium.ExprStmt{Meta: s.Meta, X: merged}}
	thenRest := without(s.Branches[0].Body, thenAt)
	elseRest := without(s.Else, elseAt)
	switch {
	case len(thenRest) > 0:
		out = append(out, &allium.If{Meta: s.Meta, Branches: []allium.IfBranch{{Cond: cond, Body: thenRest}}, Else: elseRest})
	case len(elseRest) > 0:
		out = append(out, &allium.If{Meta: s.Meta, Branches: []allium.IfBranch{{Cond: &allium.Unary{Op: allium.OpNot, X: cond}, Body: elseRest}}})
	}
	return out
}

// soleCreation is body's one creation of the entity fun names (its
// X.created) and its index; nil when body has none or several.
func soleCreation(body []allium.Stmt, fun allium.Expr) (int, *allium.Call) {
	at, found := -1, (*allium.Call)(nil)
	for i, st := range body {
		x, ok := st.(*allium.ExprStmt)
		if !ok || !allium.IsCreation(x.X) || allium.ExprString(x.X.(*allium.Call).Fun) != allium.ExprString(fun) {
			continue
		}
		if found != nil {
			return -1, nil
		}
		at, found = i, x.X.(*allium.Call)
	}
	return at, found
}

// boolLit is the text of a Boolean literal, "" for anything else.
func boolLit(e allium.Expr) string {
	if l, ok := e.(*allium.Lit); ok && l.Kind == allium.LitBool {
		return l.Text
	}
	return ""
}

// without is list less its i-th statement.
func without(list []allium.Stmt, i int) []allium.Stmt {
	out := make([]allium.Stmt, 0, len(list)-1)
	out = append(out, list[:i]...)
	return append(out, list[i+1:]...)
}
