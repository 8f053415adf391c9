package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A local set to None and then, under a test, to a row that is never
// None,
//
//	workspace_invitation = None
//	if workspace_invitation_token:
//	    workspace_invitation = core_handler.get_workspace_invitation_by_token(token)
//
// holds a row after the if exactly when the test held (baserow's
// UserHandler.create_user, core/user/handler.py:208-214, whose lookup
// raises when no invitation matches, core/handler.py:1040-1045). A later
// test of it for None (`workspace_invitation is not None`, :224-226) is
// that test, which the spec can state; its fields stay unread, since the
// spec has no one row to name after the if.

// rowOrNone is the value of k after an if with test cond whose branches
// bound it to a row that is never None on one side and to None on the
// other; nil for any other binding.
func rowOrNone(thenSc, elseSc *scope, k string, cond allium.Expr) *value {
	if cond == nil {
		return nil
	}
	tv, ev := thenSc.vars[k], elseSc.vars[k]
	if tv == nil || ev == nil {
		return nil
	}
	switch {
	case neverNoneRow(tv) && isNoneValue(ev):
		return &value{kind: vUnknown, presentWhen: cond}
	case isNoneValue(tv) && neverNoneRow(ev):
		return &value{kind: vUnknown, presentWhen: negate(cond)}
	}
	return nil
}

// neverNoneRow reports a row that cannot be None: one the rule makes, or
// one whose lookup ends the request when no row matches.
func neverNoneRow(v *value) bool {
	return v.kind == vNew || v.kind == vEntity && v.mustExist
}

// isNoneValue reports the None literal.
func isNoneValue(v *value) bool {
	l, ok := v.expr.(*allium.Lit)
	return v.kind == vExpr && ok && l.Kind == allium.LitNull
}

// selfComparison reports a comparison the spec writes with the same
// expression on both sides (x = x, x != x) although the code compares two
// different expressions: baserow's DashboardDataSourceHandler.update_data_source
// keeps original_service = data_source.service, changes data_source.service
// by a value the walk cannot read, then tests original_service.id !=
// data_source.service.id (contrib/dashboard/data_sources/handler.py:220-260),
// which would read data_source.service != data_source.service, always
// false. Such a test says nothing the spec can state.
func selfComparison(cond allium.Expr, src *facts.Expr) bool {
	b, ok := cond.(*allium.Binary)
	if !ok || b.Op != allium.OpEq && b.Op != allium.OpNe || allium.ExprString(b.X) != allium.ExprString(b.Y) {
		return false
	}
	if src == nil || src.Kind != facts.ExprCompare || src.X == nil || src.Y == nil {
		return true
	}
	return src.X.Raw() == "" || src.X.Raw() != src.Y.Raw()
}
