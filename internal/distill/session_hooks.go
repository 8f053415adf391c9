package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// permanentLifetime is the lifetime of every session when a function the
// framework runs before each request (a catalogued hook decorator, Flask's
// @app.before_request) marks the session lasting (session.permanent =
// True): the setting that function gives the application's lifetime
// attribute (app.permanent_session_lifetime = timedelta(seconds=
// settings.SESSION_EXPIRY_TIME)), else the catalog's lifetime setting.
// nil when no such function marks the session; found once.
func (b *builder) permanentLifetime() *catalog.SessionLifetime {
	if b.permanentDone {
		return b.permanent
	}
	b.permanentDone = true
	ss := b.lang.Sessions
	if ss == nil || ss.Lifetime == nil || len(ss.Lifetime.Hooks) == 0 {
		return nil
	}
	lt := ss.Lifetime
	var visit func(fns []facts.Function)
	visit = func(fns []facts.Function) {
		for i := range fns {
			fn := &fns[i]
			if b.permanent != nil {
				return
			}
			if slices.ContainsFunc(fn.Decorators, func(d facts.Expr) bool {
				name, _ := decoratorName(&d)
				return catalog.Match(lt.Hooks, name)
			}) {
				b.permanent = b.hookMarksPermanent(fn.Body(), lt)
			}
			var nested []facts.Function
			facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
				if f := s.Func(); s.Kind == facts.StmtFunction && f != nil {
					nested = append(nested, *f)
				}
				return true
			})
			visit(nested)
		}
	}
	for _, f := range b.ix.files {
		visit(f.Functions)
	}
	return b.permanent
}

// hookMarksPermanent reads a hook's body: the lifetime it gives sessions
// when it marks the session lasting, nil when it does not.
func (b *builder) hookMarksPermanent(body []facts.Stmt, lt *catalog.SessionLifetime) *catalog.SessionLifetime {
	marks := false
	life := *lt
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil || s.Targets[0].Kind != facts.ExprAttr {
			return true
		}
		t, v := &s.Targets[0], s.Value
		switch {
		case slices.Contains(lt.Flags, t.Name()) && b.isSessionStore(t.X):
			marks = marks || v.Kind == facts.ExprBool && v.Value() == "true"
		case slices.Contains(lt.Attributes, t.Name()):
			if key, unit := settingOf(v); key != "" {
				life = catalog.SessionLifetime{Setting: key, Unit: unit}
			}
		}
		return true
	})
	if !marks {
		return nil
	}
	return &life
}

// settingOf names the setting a lifetime is read from: a setting itself
// (settings.SESSION_LIFETIME, a timedelta or a number of seconds) or a
// timedelta of one unit of it (timedelta(seconds=settings.X)); "" for
// anything else.
func settingOf(v *facts.Expr) (key, unit string) {
	if v.Kind == facts.ExprCall && facts.LastSegment(v.Callee()) == "timedelta" {
		kws := v.Keywords()
		if len(v.Args()) > 0 || len(kws) != 1 {
			return "", ""
		}
		key, _ = settingOf(&kws[0].Value)
		return key, kws[0].Name
	}
	if v.Kind == facts.ExprName || v.Kind == facts.ExprAttr {
		return facts.LastSegment(v.Raw()), ""
	}
	return "", ""
}

// signInExpiry is when the session a sign-in call starts with the given
// flags ends: with the remember flag set, after the remember lifetime;
// without, after the lifetime every session has (permanentLifetime); a
// flag the code reads from the request chooses between the two. nil when
// a lifetime it needs is not known.
func (rc *ruleCtx) signInExpiry(flags []allium.Arg) *allium.Arg {
	b := rc.b
	ss := b.lang.Sessions
	if ss == nil {
		return nil
	}
	var remember allium.Expr
	if r := ss.Remember; r != nil {
		for _, a := range flags {
			if slices.Contains(r.Flags, a.Name) {
				remember = a.Value
			}
		}
	}
	plus := func(lt *catalog.SessionLifetime) allium.Expr {
		if lt == nil {
			return nil
		}
		life := b.sessionLifetime(lt, 0)
		if life == nil {
			return nil
		}
		return &allium.Binary{Op: allium.OpAdd, X: &allium.Ident{Name: "now"}, Y: life}
	}
	var at allium.Expr
	lit, _ := remember.(*allium.Lit)
	switch {
	case remember == nil || lit != nil && lit.Kind == allium.LitBool && lit.Text == "false":
		at = plus(b.permanentLifetime())
	case lit != nil && lit.Kind == allium.LitBool && lit.Text == "true":
		at = plus(ss.Remember)
	case lit == nil && b.permanentLifetime() != nil && b.remembers():
		if long, short := plus(ss.Remember), plus(b.permanentLifetime()); long != nil && short != nil {
			at = &allium.IfExpr{Branches: []allium.IfExprBranch{{Cond: remember, Then: long}}, Else: short}
		}
	}
	if at == nil {
		return nil
	}
	b.sessionExpiry = true
	return &allium.Arg{Name: "expires_at", Value: at}
}

// remembers reports whether the service sets the remember lifetime.
func (b *builder) remembers() bool {
	r := b.lang.Sessions.Remember
	return r != nil && b.configByKey[r.Setting] != nil
}
