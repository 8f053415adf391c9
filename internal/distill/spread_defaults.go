package distill

import "github.com/distill/distill/internal/facts"

// spreadsUnread reports a call that spreads into parameter p (at
// position i, given no argument of its own) a mapping that may hold it:
// one the walk could not read, or the request's input of no declared
// shape that does not rule p out. A base mutation's mutate hands
// perform_mutation the mutation's keyword arguments (**data,
// graphql/core/mutations.py:527); a perform_mutation(cls, _root, info, /,
// *, id=None, sku=None) is given id or sku when the request holds it
// (product_variant_delete.py:63-71), so neither default is known to
// hold. A mapping whose keys are known (a serializer's validated_data)
// is read by bindSpread, and a parameter it does not give keeps its
// default; so does one the mutation's arguments do not declare.
func spreadsUnread(call *facts.Expr, p facts.Param, i int, sc *scope) bool {
	kw := call.Keyword("**")
	if kw == nil || i < len(call.Args()) || kw.Kind != facts.ExprName ||
		p.Kind == facts.ParamVarKeyword || p.Kind == facts.ParamVarPositional {
		return false
	}
	v := sc.vars[kw.Name()]
	switch {
	case v == nil:
		return true
	case v.kind == vUnknown:
		return len(v.parts) == 0
	case v.kind == vEntity:
		// A row handed on as its fields (entry.update(**new_data) with
		// new_data a row's model_dump(), mealie's RepositoryGeneric.update,
		// repos/repository_generic.py:194-205, given the user
		// set_member_permissions changed, controller_household_self_service.py:
		// 70-75): User._set_permissions(admin, can_invite=False, ...)
		// (db/models/users/users.py:192-215) is given the row's own
		// can_invite, not its default.
		return true
	case v.kind == vReqDict:
		return v.shape == nil && (v.declared == nil || v.declared[p.Name])
	}
	return false
}
