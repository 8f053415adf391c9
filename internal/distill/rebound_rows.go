package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A lookup whose not-found handler makes the row instead rebinds the name
// the rest of the code uses (healthchecks' signup and invite):
//
//	try:
//	    user = User.objects.get(email=email)
//	except User.DoesNotExist:
//	    user = _make_user(email)
//	profile = Profile.objects.for_user(user)
//	profile.send_instant_login_link()
//
// What follows the try acts on the row found, or on the row just made:
// two different users. The spec states it once for each,
//
//	if exists User{email}: <what follows, for the row found>
//	else: let user = User.created(...); <what follows, for that user>
//
// where reading the rest once, with the row looked up, would state the
// login link as sent to a user that does not exist.

// reboundRow is such a handler, as tryNotFound read it: the row found, the
// scope the handler left (its names bound to what it made) and the
// conditional outcome it stated for a row not found.
type reboundRow struct {
	found *value
	hsc   *scope
	ifs   *allium.If
}

// noteRebound records the handler when it binds one of the names the try
// looked the row up under to another row or a new one.
func (rc *ruleCtx) noteRebound(names []string, found *value, sc, hsc *scope, ifs *allium.If) {
	for _, n := range names {
		hv := hsc.vars[n]
		if hv != nil && hv != sc.vars[n] && (hv.kind == vNew || hv.kind == vEntity) {
			rc.rebound = &reboundRow{found: found, hsc: hsc, ifs: ifs}
			return
		}
	}
}

// walkRebound walks rest once with the row found and once with the
// handler's bindings, each as a branch of rb's if: `if exists row: ...
// else: <made>; ...`. It reports whether both ways end the request.
func (rc *ruleCtx) walkRebound(rb *reboundRow, rest []facts.Stmt, sc *scope) bool {
	exists := &allium.Unary{Op: allium.OpExists, X: rb.found.expr}
	fsc := *sc
	fsc.top = false
	fsc.vars = cloneVars(sc.vars)
	fsc.under = andUnder(sc.under, exists)
	hsc := *rb.hsc
	hsc.top = false
	hsc.under = andUnder(sc.under, negate(exists))
	var foundOut, madeOut []allium.Stmt
	foundEnds := rc.stmts(rest, &fsc, &foundOut)
	madeEnds := rc.stmts(rest, &hsc, &madeOut)
	made := append(rb.ifs.Branches[0].Body, madeOut...)
	if onlyLets(foundOut) {
		rb.ifs.Branches[0].Body = made
	} else {
		rb.ifs.Branches[0] = allium.IfBranch{Cond: exists, Body: foundOut}
		rb.ifs.Else = made
	}
	return foundEnds && madeEnds
}

// A helper that gets a row's one related row, making it when there is
// none (healthchecks' Profile.objects.for_user):
//
//	try:
//	    return user.profile
//	except Profile.DoesNotExist:
//	    profile = Profile(user=user); profile.save(); return profile
//
// given a row made in this request finds no related row unless the rule
// made one for it already: the handler's creation is what it does, or
// the row made before is what it answers.

// relatedOfNew walks such a try when the row is new; it reports false,
// walking nothing, for any other.
func (rc *ruleCtx) relatedOfNew(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if !sc.inlined || len(s.Handlers()) != 1 || len(s.Body) != 1 || len(s.Else()) > 0 || len(s.Finally()) > 0 {
		return false
	}
	h := &s.Handlers()[0]
	ret := s.Body[0].Value
	if h.Type == nil || !catalog.MatchAny(rc.b.lang.NotFoundErrors, facts.LastSegment(h.Type.Raw()), h.Type.Resolved()) ||
		s.Body[0].Kind != facts.StmtReturn || ret == nil || ret.Kind != facts.ExprAttr || ret.X == nil || ret.X.Kind != facts.ExprName {
		return false
	}
	owner := sc.vars[ret.X.Name()]
	if owner == nil || owner.kind != vNew || !owner.done {
		return false
	}
	target := rc.b.singleRelTarget(owner.ent, ret.Name())
	if target == "" {
		return false
	}
	if ref := rc.newRef(owner); ref != nil {
		key := exprKey(ref)
		for _, m := range rc.made {
			if m.ent == target && slices.ContainsFunc(m.args, func(a allium.Arg) bool { return a.Value != nil && exprKey(a.Value) == key }) {
				sc.setRet(m)
				sc.returned = true
				return true
			}
		}
	}
	rc.stmts(h.Body, sc, out)
	return true
}

// singleRelTarget is the entity of ent's one-to-one related row named
// attr, declared or implicit; "" when attr names none.
func (b *builder) singleRelTarget(ent, attr string) string {
	e := b.entByName[ent]
	if e == nil || !b.singleRels[ent+"."+snake(attr)] {
		return ""
	}
	for _, r := range e.rels {
		if r.Name == snake(attr) {
			return r.Entity
		}
	}
	if r := b.implicitRels[ent+"."+snake(attr)]; r != nil {
		return r.Entity
	}
	return ""
}
