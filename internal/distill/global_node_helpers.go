package distill

// A service's own helper that finds the node a relay global id names, of
// the type asked for, is graphene's global lookup under another name:
//
//	checkout = mutation_class.get_node_or_error(info, id, only_type=Checkout, qs=qs)
//
// (saleor's get_node_or_error, graphql/core/mutations.py:340-383, called
// from get_checkout, graphql/checkout/mutations/utils.py:287-298). It
// takes the arguments graphene's Node.get_node_from_global_id takes (the
// resolve info, the global id at the catalog's id_arg, the node type under
// its type keyword only_type), decodes the id with graphene's decoder
// against that type, and returns the row, raising when there is none.
// Followed as code it is three helpers deep (the decoder's check, the
// schema's type of the decoded name, a query set's filter by a Q of the
// key or the type's get_node), which a helper calling it (get_checkout)
// leaves beyond the inline depth, and the query set branch is unread; yet
// what it answers is what the catalog says of graphene's own lookup: the
// row of the model the node type's Meta names, keyed by the id given.
//
// It is read so only when its body says it: a parameter under the type
// keyword, the id parameter handed to a call that also takes the type (or
// to graphene's decoder itself), that call's function decoding with
// graphene's decoder, and only names (or None) returned, never a pair or a
// list (from_global_id_or_error returns (type, key); get_nodes_or_error a
// list). Any other argument given must be a literal or a query of the same
// model that filters nothing (select_related(...)): a query set that
// narrows the rows would find fewer than the lookup states, so the helper
// is then followed as code.

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// globalNodeHelper is the row a call of fr, a service's global-id lookup
// helper, finds: the lookup of the node type's model keyed by the id
// argument; nil when fr is not one or the call names no node type of a
// model the spec has.
func (rc *ruleCtx) globalNodeHelper(fr *funcRef, call *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	gn := rc.b.lang.GraphQLNodes
	if gn == nil || gn.TypeKeyword == "" || fr == nil || fr.fn == nil || call == nil || call.Kind != facts.ExprCall {
		return nil
	}
	params := fr.fn.Params
	if fr.class != nil {
		_, params = rc.b.receiverParams(params)
	}
	if gn.IDArg >= len(params) {
		return nil
	}
	idp := params[gn.IDArg]
	if idp.Name == "" || idp.Name == gn.TypeKeyword || idp.Kind == facts.ParamVarKeyword || idp.Kind == facts.ParamVarPositional || idp.Kind == facts.ParamKeywordOnly {
		return nil
	}
	typeAt := -1
	for i, p := range params {
		if p.Name == gn.TypeKeyword && p.Kind != facts.ParamVarKeyword && p.Kind != facts.ParamVarPositional {
			typeAt = i
		}
	}
	if typeAt < 0 {
		return nil
	}
	given := map[string]*facts.Expr{}
	if len(call.Args()) > len(params) {
		return nil
	}
	for i := range call.Args() {
		a := &call.Args()[i]
		if a.Kind == facts.ExprStarred || params[i].Kind == facts.ParamKeywordOnly || params[i].Kind == facts.ParamVarPositional || params[i].Kind == facts.ParamVarKeyword {
			return nil
		}
		given[params[i].Name] = a
	}
	for i := range call.Keywords() {
		kw := &call.Keywords()[i]
		if kw.Name == "**" || kw.Name == "" {
			return nil
		}
		given[kw.Name] = &kw.Value
	}
	typeArg, idArg := given[gn.TypeKeyword], given[idp.Name]
	if typeArg == nil || idArg == nil {
		return nil // no type named: the row may be of any node type
	}
	t := rc.nodeType(typeArg, sc)
	if t == nil || t.ent == "" || t.nodeNamed() || t.nodeGetter() {
		return nil
	}
	for name, a := range given {
		if name == gn.TypeKeyword || name == idp.Name {
			continue
		}
		if !rc.unnarrowingArg(a, t.ent, sc) {
			return nil
		}
	}
	if !rc.b.decodesGlobalID(fr, idp.Name, params[typeAt].Name) || !returnsOnlyNames(fr.fn.Body()) {
		return nil
	}
	v := rc.nodeLookup(t.ent, idArg, sc, out)
	v.q.mustExist = raisesWhenMissing(fr.fn.Body(), idp.Name)
	return v
}

// unnarrowingArg reports an argument of a global-id lookup helper that
// leaves which row it finds alone: a literal (the error's field name), a
// value the walk knows is plumbing (the resolve info), or a query of ent
// with no condition (Checkout.objects.select_related(...)).
func (rc *ruleCtx) unnarrowingArg(a *facts.Expr, ent string, sc *scope) bool {
	if a.IsLiteral() {
		return true
	}
	if a.Kind != facts.ExprName {
		return false // read only by name: evaluating it would walk it twice
	}
	v, ok := sc.vars[a.Name()]
	if !ok || v == nil {
		return false
	}
	switch v.kind {
	case vPlumbing:
		return true
	case vExpr:
		_, null := v.expr.(*allium.Lit)
		return null && v.expr.(*allium.Lit).Kind == allium.LitNull
	case vQuery, vLookup:
		return v.q != nil && v.q.ent == ent && len(v.q.conds) == 0 && v.q.bad == 0 && v.q.via == nil && v.q.scoped == 0 && len(v.q.anyOf) == 0
	case vModelClass:
		return v.ent == ent
	}
	return false
}

// decodesGlobalID reports a helper whose body hands its id parameter to
// graphene's decoder or global lookup, or to a call that also takes its
// type parameter and whose function (the service's own) calls the decoder
// (from_global_id_or_error(node_id, only_type), which runs
// graphene.Node.from_global_id).
func (b *builder) decodesGlobalID(fr *funcRef, idName, typeName string) bool {
	gn := b.lang.GraphQLNodes
	framework := func(x *facts.Expr) bool {
		return catalog.MatchAny(gn.Decoders, x.Resolved(), x.Raw()) || catalog.MatchAny(gn.GlobalLookups, x.Resolved(), x.Raw())
	}
	found := false
	visit := func(x *facts.Expr) bool {
		if x.Kind != facts.ExprCall || !takesName(x, idName) {
			return false
		}
		if framework(x) {
			found = true
			return true
		}
		if !takesName(x, typeName) {
			return false
		}
		callee := b.ix.function(fr.file, x)
		if callee == nil || callee.fn == nil {
			return false
		}
		facts.Walk(callee.fn.Body(), func(s *facts.Stmt) bool {
			for _, e := range []*facts.Expr{s.Value, s.Cond, s.Iter()} {
				if e.Any(func(y *facts.Expr) bool { return y.Kind == facts.ExprCall && framework(y) }) {
					found = true
				}
			}
			return !found
		})
		return found
	}
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		if s.Func() != nil || s.Class() != nil {
			return false
		}
		for _, e := range []*facts.Expr{s.Value, s.Cond, s.Iter()} {
			e.Any(visit)
		}
		return !found
	})
	return found
}

// takesName reports a call given the name n as an argument or a keyword's
// value.
func takesName(x *facts.Expr, n string) bool {
	for i := range x.Args() {
		if a := &x.Args()[i]; a.Kind == facts.ExprName && a.Name() == n {
			return true
		}
	}
	for i := range x.Keywords() {
		if v := &x.Keywords()[i].Value; v.Kind == facts.ExprName && v.Name() == n {
			return true
		}
	}
	return false
}

// returnsOnlyNames reports a body whose returns give a name or None (one
// row, or none), at least one a name.
func returnsOnlyNames(body []facts.Stmt) bool {
	named, other := false, false
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Func() != nil || s.Class() != nil {
			return false
		}
		if s.Kind != facts.StmtReturn {
			return true
		}
		switch {
		case s.Value == nil || s.Value.Kind == facts.ExprNone:
		case s.Value.Kind == facts.ExprName:
			named = true
		default:
			other = true
		}
		return true
	})
	return named && !other
}

// raisesWhenMissing reports a body that raises when the row it found is
// absent: `if node is None: raise ...` (or `if not node:`), node not the
// id parameter.
func raisesWhenMissing(body []facts.Stmt, idName string) bool {
	found := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Func() != nil || s.Class() != nil {
			return false
		}
		if s.Kind != facts.StmtIf || s.Cond == nil || len(s.Body) == 0 || s.Body[len(s.Body)-1].Kind != facts.StmtRaise {
			return !found
		}
		c := s.Cond
		switch {
		case c.Kind == facts.ExprCompare && c.Op() == "is" && c.X != nil && c.X.Kind == facts.ExprName && c.X.Name() != idName && c.Y != nil && c.Y.Kind == facts.ExprNone:
			found = true
		case c.Kind == facts.ExprUnary && c.Op() == "not" && c.X != nil && c.X.Kind == facts.ExprName && c.X.Name() != idName:
			found = true
		}
		return !found
	})
	return found
}
