package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Email domains. Redash turns away addresses of some domains:
//
//	_, domain = email.lower().rstrip(".").split("@", 1)
//	if domain in blacklist or domain in settings.BLOCKED_DOMAINS:
//	    abort(400)
//
// The part after "@" is the address's domain, email_domain(email), and a
// domain in a catalogued list of throwaway providers is
// is_disposable_domain(email): requires `not is_disposable_domain(email)`
// and `email_domain(email) not in config.blocked_domains`.

// splitDomain is email_domain(x) for x cut at "@" (x.split("@", 1)); nil
// for any other expression. Domains do not tell case apart, so
// email_domain(lowercase(x)) is email_domain(x); nor does trimming the
// address first (x.rstrip("."), x.strip()): "example.com." names
// example.com, nor any normaliser of the whole address.
func (rc *ruleCtx) splitDomain(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if e == nil || e.Kind != facts.ExprCall || !catalog.Match(rc.b.lang.SplitCalls, e.Method()) ||
		len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprString || e.Args()[0].Value() != "@" {
		return nil
	}
	recv := e.X.X
	for recv.Kind == facts.ExprCall && recv.Method() != "" && (slices.Contains(rc.b.lang.TransparentCalls, recv.Method()) || isNormaliser(rc.b.lang, recv.Method())) &&
		!slices.ContainsFunc(recv.Args(), func(a facts.Expr) bool { return a.Kind != facts.ExprString }) {
		recv = recv.X.X
	}
	x := rc.tr(recv, sc, out)
	if x == nil {
		return nil
	}
	if c, ok := x.(*allium.Call); ok && len(c.Args) == 1 {
		if id, ok := c.Fun.(*allium.Ident); ok && id.Name == "lowercase" {
			x = c.Args[0].Value
		}
	}
	return &allium.Call{Fun: &allium.Ident{Name: "email_domain"}, Args: []allium.Arg{{Value: x}}}
}

// splitDomainAssign binds the second target of `local, domain =
// email.split("@", 1)` to the address's domain; it reports whether the
// assignment was one.
func (rc *ruleCtx) splitDomainAssign(t, v *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	if len(t.Args()) != 2 || t.Args()[0].Kind != facts.ExprName || t.Args()[1].Kind != facts.ExprName {
		return false
	}
	d := rc.splitDomain(v, sc, out)
	if d == nil {
		return false
	}
	sc.vars[t.Args()[0].Name()] = unknownValue // the local part says nothing here
	sc.vars[t.Args()[1].Name()] = exprValue(d)
	return true
}

// disposableDomainTest reads `domain in blacklist` of a catalogued list of
// throwaway providers' domains as is_disposable_domain(address) (negated
// for not in); nil for any other comparison.
func (rc *ruleCtx) disposableDomainTest(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if (e.Op() != "in" && e.Op() != "not in") || !catalog.MatchAny(rc.b.lang.DisposableDomainLists, e.Y.Resolved(), e.Y.Raw()) {
		return nil
	}
	c, ok := rc.tr(e.X, sc, out).(*allium.Call)
	if !ok || len(c.Args) != 1 {
		return nil
	}
	if id, ok := c.Fun.(*allium.Ident); !ok || id.Name != "email_domain" {
		return nil
	}
	x := allium.Expr(&allium.Call{Fun: &allium.Ident{Name: "is_disposable_domain"}, Args: c.Args})
	if e.Op() == "not in" {
		return negate(x)
	}
	return x
}
