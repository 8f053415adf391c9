package distill

import (
	"github.com/distill/distill/internal/allium"
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
