package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A password check that answers with a pair, the verdict first and a
// fresh hash when the stored one is due for an upgrade second (pwdlib's
// and passlib's verify_and_update, which the full-stack template's
// verify_password returns):
//
//	verified, _ = verify_password(body.current_password, current_user.hashed_password)
//	if not verified: raise HTTPException(status_code=400, detail="Incorrect password")
//
// The first name is the verification, verify(p, user.hashed_password);
// the second is the password hashed afresh, hash(p), present when the
// stored hash is due for an upgrade, needs_rehash(user.hashed_password)
// (pwdlib's verify_and_update hashes again when the hash's algorithm is
// not the current one). A login that stores it (fastapi-full-stack's
// authenticate, backend/app/crud.py:52-57: if updated_password_hash:
// db_user.hashed_password = updated_password_hash) states that write.

// verifiedPairAssign binds the names of a pair unpacked from a catalogued
// verify call (verify_calls); false when v is no such call or its check
// does not translate.
func (rc *ruleCtx) verifiedPairAssign(t, v *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	if len(t.Args()) != 2 || t.Args()[0].Kind != facts.ExprName || v.Kind != facts.ExprCall ||
		!catalog.MatchAny(rc.b.lang.VerifyCalls, v.Resolved(), v.Raw()) {
		return false
	}
	c, ok := rc.tr(v, sc, out).(*allium.Call)
	if !ok {
		return false
	}
	if id, ok := c.Fun.(*allium.Ident); !ok || id.Name != "verify" {
		return false
	}
	sc.vars[t.Args()[0].Name()] = exprValue(c)
	if second := &t.Args()[1]; second.Kind == facts.ExprName {
		sc.vars[second.Name()] = unknownValue
		if len(c.Args) == 2 {
			fresh := exprValue(&allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: c.Args[0].Value}}})
			fresh.truth = &allium.Call{Fun: &allium.Ident{Name: "needs_rehash"}, Args: []allium.Arg{{Value: c.Args[1].Value}}}
			sc.vars[second.Name()] = fresh
		}
	}
	return true
}
