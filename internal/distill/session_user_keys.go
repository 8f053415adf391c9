package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A service that keeps the signed-in user's id in the framework's session
// by hand reads it back in its own getter of the signed-in user (a
// catalogued auth dependency): CTFd's get_current_user finds
// Users.query.filter_by(id=session["id"]) (CTFd/utils/user/__init__.py:
// 18-20). session["id"] read anywhere else is then the signed-in user's
// id, the user itself as the spec names rows: CTFd's captain checks
// `if team.captain_id != session["id"]: return ..., 403`
// (api/v1/teams.py:357,415) say the signed-in user must be the team's
// captain.

// sessionUserKey reports whether key is a key of the session that the
// service's own getter of the signed-in user finds the user by.
func (b *builder) sessionUserKey(key string) bool {
	if !b.sessionUserKeysRead {
		b.sessionUserKeysRead = true
		b.sessionUserKeys = b.readSessionUserKeys()
	}
	return b.sessionUserKeys[key]
}

// readSessionUserKeys reads the keys: in each module-level function named
// as a catalogued getter of the signed-in user, a lookup of the user
// entity whose id is a session value under a literal key.
func (b *builder) readSessionUserKeys() map[string]bool {
	user := b.userEntity()
	deps := b.lang.Auth.Dependencies
	if user == "" || len(deps) == 0 {
		return nil
	}
	var keys map[string]bool
	for _, f := range b.ix.files {
		for i := range f.Functions {
			fn := &f.Functions[i]
			if !catalog.MatchAny(deps, fn.Name) {
				continue
			}
			facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
				for _, x := range []*facts.Expr{s.Value, s.Cond} {
					x.Any(func(e *facts.Expr) bool {
						if k, ok := b.userLookupBySession(f, e, user); ok {
							if keys == nil {
								keys = map[string]bool{}
							}
							keys[k] = true
						}
						return false
					})
				}
				return true
			})
		}
	}
	return keys
}

// userLookupBySession is the session key of a lookup call e of the user
// entity by id (User.query.filter_by(id=session["id"]),
// User.query.get(session["id"])) whose id is the framework's session
// value under that literal key.
func (b *builder) userLookupBySession(f *facts.File, e *facts.Expr, user string) (string, bool) {
	if e.Kind != facts.ExprCall || e.X == nil {
		return "", false
	}
	var id *facts.Expr
	for _, kw := range e.Keywords() {
		if kw.Name == "id" || kw.Name == "pk" {
			id = &kw.Value
		}
	}
	if args := e.Args(); id == nil && len(args) == 1 && len(e.Keywords()) == 0 && e.Method() == "get" {
		id = &args[0]
	}
	if id == nil || id.Kind != facts.ExprSubscript || id.Y == nil || id.Y.Kind != facts.ExprString || !b.isSessionStore(id.X) {
		return "", false
	}
	root := e.X
	for root != nil && root.Kind != facts.ExprName {
		root = root.X
	}
	if root == nil {
		return "", false
	}
	cr := b.ix.class(f, root)
	if cr == nil || b.entByQual[cr.qual()] == nil || b.entByQual[cr.qual()].name != user {
		return "", false
	}
	return id.Y.Value(), true
}
