package distill

// Django loads every lookup into an object of its own (it keeps no
// identity map): django-oscar's ProfileUpdateView.form_valid reads
// old_user = User.objects.get(id=self.request.user.id) before form.save()
// changes the signed-in user, and old_user.email is then still the old
// address (views.py:325-343). The walk names both objects by the same
// row, so a field the rule assigned through the other object would read
// as the new value; read through the copy fetched before, it is the
// value before the change, which a condition of the outcomes (read in
// the resulting state) cannot state without a binding of its own: it is
// left unread, and what depends on it is left out, saying less rather
// than the opposite of what runs. The managers are the catalog's
// separate_fetches.

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// separateFetch is val, the value of e assigned to a local, as a copy of
// its own when e looks a row up through a catalogued separate manager
// (User.objects.get(...)); val otherwise.
func (rc *ruleCtx) separateFetch(e *facts.Expr, val *value) *value {
	if val == nil || val.kind != vEntity || val.expr == nil || e == nil || e.Kind != facts.ExprCall || e.X == nil {
		return val
	}
	if !slices.Contains(rc.b.lang.LookupMethods, e.Method()) {
		return val
	}
	mgr := e.X.X
	if mgr == nil || mgr.Kind != facts.ExprAttr || !slices.Contains(rc.b.lang.SeparateFetches, mgr.Name()) {
		return val
	}
	cp := *val
	cp.fetched = maps.Clone(rc.assigned)
	if cp.fetched == nil {
		cp.fetched = map[string]allium.Expr{}
	}
	return &cp
}

// assignedThrough notes that the assignment under key was made through
// obj.
func (rc *ruleCtx) assignedThrough(key string, obj *value) {
	if rc.assignedVia == nil {
		rc.assignedVia = map[string]*value{}
	}
	rc.assignedVia[key] = obj
}

// changedElsewhere reports whether x is a separately fetched copy whose
// field under key another object set to now since x was fetched: x
// still holds the value before.
func (rc *ruleCtx) changedElsewhere(x *value, key string, now allium.Expr) bool {
	if x.fetched == nil || rc.assignedVia[key] == x {
		return false
	}
	if then, ok := x.fetched[key]; ok && exprKey(then) == exprKey(now) {
		return false
	}
	return true
}
