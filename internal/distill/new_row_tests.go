package distill

import (
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// storedTruth decides a test of whether a row is stored yet, the test a
// model's save() makes to tell adding from updating: `is_new = not
// bool(self.pk)` (netbox dcim/models/devices.py:1038), `if
// self._state.adding:` (plane db/models/state.py:119, the catalog's
// adding_flags), `self.pk is None`. The rule knows the answer from the
// row's value: one it found or was handed is stored, so it has a key and
// is not being added; one it made and has not created yet has no key and
// is. Anything else, and a row already created while the rule is walked,
// is left to the usual reading.
//
// Read as an ordinary condition, `not self.pk` of a found row became
// `row = null`, a test the row's own lookup contradicts, and the branch
// it guards (what save() does to new rows only) was stated as possible.
func (rc *ruleCtx) storedTruth(e *facts.Expr, sc *scope) (truth, ok bool) {
	if e == nil {
		return false, false
	}
	switch e.Kind {
	case facts.ExprUnary:
		if e.Op() == "not" {
			if t, ok := rc.storedTruth(e.X, sc); ok {
				return !t, true
			}
		}
	case facts.ExprCall:
		// bool(self.pk)
		if len(e.Args()) == 1 && len(e.Keywords()) == 0 && catalog.MatchAny(rc.b.lang.TruthCasts, e.Resolved(), e.Raw()) {
			return rc.storedTruth(&e.Args()[0], sc)
		}
	case facts.ExprCompare:
		// self.pk is None, self.id is not None
		key, null := e.X, e.Y
		if key != nil && key.Kind == facts.ExprNone {
			key, null = null, key
		}
		if key == nil || null == nil || null.Kind != facts.ExprNone {
			break
		}
		stored, ok := rc.rowStored(key, sc, rc.keyPaths(sc))
		if !ok {
			break
		}
		switch e.Op() {
		case "is", "==":
			return !stored, true
		case "is not", "!=":
			return stored, true
		}
	case facts.ExprAttr:
		// self.pk tested for truth: a stored row's key is set.
		if stored, ok := rc.rowStored(e, sc, rc.keyPaths(sc)); ok {
			return stored, true
		}
		for _, flag := range rc.b.lang.AddingFlags {
			if stored, ok := rc.rowStored(e, sc, []string{flag}); ok {
				return !stored, true
			}
		}
	}
	return false, false
}

// keyPaths are the key attributes whose test storedTruth reads in sc:
// only in a save method. Elsewhere a key tested may be one a deletion the
// walk did not read has cleared (Django's delete() sets pk to None, which
// saleor's `if checkout.pk:` after completing a checkout tests,
// checkout/complete_checkout.py:1955), so it is left to the usual reading.
func (rc *ruleCtx) keyPaths(sc *scope) []string {
	sh := rc.b.lang.Shapes
	if sc.helper == nil || sh == nil || !catalog.Match(sh.SaveMethods, sc.helper.Name) {
		return nil
	}
	return rc.b.lang.IDAttrs
}

// rowStored reports, for e an attribute path among paths (pk, or
// _state.adding) of a local holding a row, whether that row is stored:
// true for a row the rule found or was handed, false for one it made and
// has not created; ok is false for anything else.
func (rc *ruleCtx) rowStored(e *facts.Expr, sc *scope, paths []string) (stored, ok bool) {
	if e.Kind != facts.ExprAttr {
		return false, false
	}
	for _, path := range paths {
		recv := e
		segs := strings.Split(path, ".")
		matched := true
		for i := len(segs) - 1; i >= 0; i-- {
			if recv == nil || recv.Kind != facts.ExprAttr || recv.Name() != segs[i] {
				matched = false
				break
			}
			recv = recv.X
		}
		if !matched || recv == nil || recv.Kind != facts.ExprName {
			continue
		}
		v := sc.vars[recv.Name()]
		switch {
		case v == nil:
		case v.kind == vEntity && v.ent != "":
			return true, true
		case v.kind == vNew && !v.done && v.ent != "":
			return false, true
		}
		return false, false
	}
	return false, false
}
