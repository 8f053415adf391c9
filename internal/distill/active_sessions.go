package distill

import (
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// activeUserRequires states that the signed-in user of a handler for
// signed-in users is active, where the service's session backends find
// only active users (activeSessions): Django's ModelBackend.get_user
// answers no user for an inactive one, so the request is anonymous.
func (rc *ruleCtx) activeUserRequires(sc *scope) {
	if rc.auth < authUser || !rc.b.activeSessions() {
		return
	}
	u := rc.currentUser()
	if u.kind != vEntity || rc.valueExpr(u) == nil {
		return
	}
	rc.touch(u)
	rc.authenticateActive(&value{kind: vEntity, ent: u.ent, expr: rc.valueExpr(u)}, sc, rc.h.fn.Line)
}

// activeSessions reports whether every session backend the service uses
// (catalog: auth.active_sessions) finds only active users: each backend
// listed in the setting (its default when no module sets it and the
// settings list installed apps) is a
// catalogued one, or a class of the service derived from one that does
// not write its own getter.
func (b *builder) activeSessions() bool {
	as := b.lang.Auth.ActiveSessions
	if as == nil || as.Setting == "" {
		return false
	}
	if b.activeMemo != nil {
		return *b.activeMemo
	}
	var listed []string
	set, framework := false, false
	for _, f := range b.ix.files {
		for _, c := range f.Constants {
			// The default holds only for a service of the framework: one
			// whose settings list its installed apps.
			framework = framework || slices.Contains(b.lang.InstalledApps.Settings, c.Name)
			if c.Name != as.Setting || c.Value == nil {
				continue
			}
			set = true
			if c.Value.Kind != facts.ExprList && c.Value.Kind != facts.ExprTuple {
				listed = append(listed, "") // not a list the spec can read
				continue
			}
			for _, el := range c.Value.Args() {
				listed = append(listed, el.Value())
			}
		}
	}
	if !set && framework {
		listed = as.Default
	}
	ok := len(listed) > 0 && !slices.ContainsFunc(listed, func(path string) bool { return !b.activeBackend(path) })
	b.activeMemo = &ok
	return ok
}

func (b *builder) activeBackend(path string) bool {
	as := b.lang.Auth.ActiveSessions
	if path == "" {
		return false
	}
	cr := b.ix.classes[path]
	if cr == nil {
		return catalog.Match(as.Backends, path)
	}
	return b.matchBases(cr, as.Backends) && (as.Getter == "" || b.ix.method(cr, as.Getter) == nil)
}
