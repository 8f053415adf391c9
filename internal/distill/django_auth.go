package distill

// Django's authenticate() asks the backends the settings list
// (AUTHENTICATION_BACKENDS), in order, and uses the first whose
// authenticate accepts the call's keywords. When that backend is a class of
// the service, its code says how the user is found (EmailBackend looks the
// user up by e-mail whatever the keyword is called), so it is walked as the
// call: each `return None` of it fails the sign-in, as the caller's None
// check makes it, and so reads as a precondition.

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// serviceBackend walks the service's authentication backend for an
// authenticate call; nil when the first backend that could take the call
// is not the service's (the framework's ModelBackend: the generic reading
// holds) or takes any keyword.
func (rc *ruleCtx) serviceBackend(e *facts.Expr, kws []facts.Keyword, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	for _, name := range b.authBackends() {
		cr := b.ix.classes[b.ix.canonical(name)]
		if cr == nil {
			return nil
		}
		fr := b.ix.method(cr, "authenticate")
		if fr == nil {
			return nil
		}
		accepts, explicit := acceptsKeywords(fr.fn, kws)
		if !explicit {
			return nil
		}
		if !accepts {
			continue
		}
		body := noneFails(fr.fn.Body(), nil)
		fn := *fr.fn
		fn.SetBody(body)
		call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()})
		call.SetKeywords(kws)
		if len(fn.Params) > 1 && fn.Params[1].Name == "request" {
			call.SetArgs([]facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "request", Line: e.Line()})})
		}
		return rc.inline(&funcRef{file: fr.file, fn: &fn, class: fr.class}, &value{kind: vPlumbing}, call, sc, out)
	}
	return nil
}

// authBackends lists the backends the service's settings name, in order.
func (b *builder) authBackends() []string {
	for _, f := range b.ix.files {
		for i := range f.Constants {
			c := &f.Constants[i]
			if c.Name != "AUTHENTICATION_BACKENDS" || c.Value == nil {
				continue
			}
			if c.Value.Kind != facts.ExprList && c.Value.Kind != facts.ExprTuple {
				return nil
			}
			var out []string
			for _, a := range c.Value.Args() {
				if a.Kind != facts.ExprString {
					return nil
				}
				out = append(out, a.Value())
			}
			return out
		}
	}
	return nil
}

// acceptsKeywords reports whether fn (a backend's authenticate) takes
// every keyword of the call; explicit is false when it takes any keyword
// (**kwargs), whose use the spec cannot follow.
func acceptsKeywords(fn *facts.Function, kws []facts.Keyword) (accepts, explicit bool) {
	names := map[string]bool{}
	for _, p := range fn.Params {
		switch p.Kind {
		case facts.ParamVarKeyword:
			return true, false
		case facts.ParamVarPositional:
		default:
			names[p.Name] = true
		}
	}
	for _, kw := range kws {
		if kw.Name == "**" || !names[kw.Name] {
			return false, true
		}
	}
	return true, true
}

// noneFails copies a backend's body with each `return None` (or bare
// return) turned into a raise of exc (nil: a bare raise): the sign-in
// fails there.
func noneFails(body []facts.Stmt, exc *facts.Expr) []facts.Stmt {
	out := make([]facts.Stmt, len(body))
	for i, s := range body {
		if s.Kind == facts.StmtReturn && (s.Value == nil || s.Value.Kind == facts.ExprNone) {
			out[i] = facts.NewStmt(facts.StmtSpec{Kind: facts.StmtRaise, Value: exc, Line: s.Line()})
			continue
		}
		s.Body = noneFails(s.Body, exc)
		s.SetElse(noneFails(s.Else(), exc))
		s.SetFinally(noneFails(s.Finally(), exc))
		if len(s.Handlers()) > 0 {
			hs := make([]facts.Handler, len(s.Handlers()))
			for j, h := range s.Handlers() {
				h.Body = noneFails(h.Body, exc)
				hs[j] = h
			}
			s.SetHandlers(hs)
		}
		out[i] = s
	}
	return out
}

// justCreatedCredentials is the user this rule has just created when an
// authenticate call looks the user up by one of that row's own fields
// (authenticate(username=user.email, password=p) right after sign-up, to
// log the new user in): it finds that user, so the call requires nothing.
// nil for any other lookup.
func (rc *ruleCtx) justCreatedCredentials(kws []facts.Keyword, userEnt string, sc *scope, out *[]allium.Stmt) *value {
	for i := range kws {
		kw := &kws[i]
		if kw.Name == "password" || kw.Name == "raw_password" || kw.Value.Kind != facts.ExprAttr || kw.Value.X == nil {
			continue
		}
		if row := rc.eval(kw.Value.X, sc, out, false); row.kind == vNew && row.ent == userEnt {
			return row
		}
	}
	return nil
}

// forwardingTarget is the method of cr that fr only hands all its
// arguments to (def authenticate(self, *args, **kwargs): return
// self._authenticate(*args, **kwargs)), followed to the one that does
// the work; fr itself when it does more than forward.
func (b *builder) forwardingTarget(cr *classRef, fr *funcRef) *funcRef {
	for range 4 {
		if len(fr.fn.Body()) != 1 {
			return fr
		}
		s := &fr.fn.Body()[0]
		v := s.Value
		if s.Kind != facts.StmtReturn || v == nil || v.Kind != facts.ExprCall || v.Method() == "" || !b.isSelf(v.X.X) {
			return fr
		}
		for _, a := range v.Args() {
			if a.Kind != facts.ExprStarred {
				return fr
			}
		}
		for _, kw := range v.Keywords() {
			if kw.Name != "**" {
				return fr
			}
		}
		next := b.ix.method(cr, v.Method())
		if next == nil || next.fn == fr.fn {
			return fr
		}
		fr = next
	}
	return fr
}
