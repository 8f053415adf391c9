package distill

import (
	"regexp"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// rateLimiterRegistrations declares the named rate limiters a service
// registers at start-up with a limit read from a setting, and looks up
// by name where it enforces them (warehouse, accounts/__init__.py:174-210
// and services.py:967-993):
//
//	user_login_ratelimit_string = config.registry.settings.get(
//	    "warehouse.account.user_login_ratelimit_string")
//	config.register_rate_limiter(user_login_ratelimit_string, "user.login")
//	...
//	request.find_service(IRateLimiter, name="user.login", context=None)
//
// Each is an enforced config parameter (rate_limits.go: the framework's
// to enforce, so no rule reads it) named after the setting's last part,
// its type word dropped (user_login_ratelimit), valued by the setting's
// default (config.py's maybe_set: "10 per 5 minutes"). A limiter the
// service never looks up, or one whose setting has no default, declares
// nothing.
func (b *builder) rateLimiterRegistrations() {
	regs := b.lang.RateLimiterRegistrations
	if len(regs) == 0 {
		return
	}
	// The names the service looks limiters up by are found by walking
	// every expression of the service: only once a registration is
	// found, which most services have none of.
	var looked map[string]bool
	lookedUp := func() map[string]bool {
		if looked == nil {
			looked = b.limiterLookups()
			if looked == nil {
				looked = map[string]bool{}
			}
		}
		return looked
	}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		scan := func(body []facts.Stmt) {
			locals := map[string]*facts.Expr{}
			facts.Walk(body, func(s *facts.Stmt) bool {
				if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Value != nil {
					locals[s.Targets[0].Name()] = s.Value
				}
				if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall ||
					!catalog.MatchAny(regs, s.Value.Resolved(), s.Value.Raw(), s.Value.Method()) {
					return true
				}
				b.registeredLimiter(s.Value, locals, lookedUp())
				return true
			})
		}
		scan(f.Statements)
		for i := range f.Functions {
			scan(f.Functions[i].Body())
		}
	}
}

// registeredLimiter declares the limiter one registration call makes,
// when the service looks it up and its limit is a setting with a default.
func (b *builder) registeredLimiter(call *facts.Expr, locals map[string]*facts.Expr, looked map[string]bool) {
	if len(call.Args()) < 2 || call.Args()[1].Kind != facts.ExprString || !looked[call.Args()[1].Value()] {
		return
	}
	limit := &call.Args()[0]
	if limit.Kind == facts.ExprName && locals[limit.Name()] != nil {
		limit = locals[limit.Name()]
	}
	key := settingsGetKey(limit)
	if key == "" {
		return
	}
	ds, ok := b.defaultedSettings[key]
	if !ok || ds.value.Kind != facts.ExprString || !isLimitText(ds.value.Value()) {
		return
	}
	name := key[strings.LastIndexByte(key, '.')+1:]
	name = strings.TrimSuffix(name, "_string")
	if !isSnake(name) || b.configByKey["limiter:"+name] != nil {
		return
	}
	lim := &configInfo{name: name, typ: "String", value: &allium.Lit{Kind: allium.LitString, Text: ds.value.Value()},
		file: ds.file, line: ds.line, order: len(b.configByKey), enforced: true}
	b.configByKey["limiter:"+name] = lim
	b.useConfig(lim)
}

// isLimitText reports a limit string: one or more "N per period" (or
// "N/period") parts, comma or semicolon separated ("5 per 5 minutes, 20
// per hour"); a value of any other form is no limit (and may be a secret).
func isLimitText(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' })
	for _, p := range parts {
		if !limitWithCount.MatchString(p) {
			return false
		}
	}
	return len(parts) > 0
}

// limitWithCount is one part of a limit string, with an optional count of
// periods ("10 per 5 minutes").
var limitWithCount = regexp.MustCompile(`^\s*\d+\s*(?:/|per)\s*(?:\d+\s*)?(second|minute|hour|day|month|year)s?\s*$`)

// settingsGetKey is the key of a read of a settings mapping with a
// literal key (config.registry.settings.get("x"), settings["x"]); "" for
// anything else.
func settingsGetKey(e *facts.Expr) string {
	switch {
	case e == nil:
	case e.Kind == facts.ExprCall && e.Method() == "get" && len(e.Args()) >= 1 && e.Args()[0].Kind == facts.ExprString &&
		e.X != nil && e.X.X != nil && strings.HasSuffix(e.X.X.Raw(), "settings"):
		return e.Args()[0].Value()
	case e.Kind == facts.ExprSubscript && e.X != nil && strings.HasSuffix(e.X.Raw(), "settings") && e.Y != nil && e.Y.Kind == facts.ExprString:
		return e.Y.Value()
	}
	return ""
}

// limiterLookups are the names the service looks something up by
// through a container injection (find_service(IRateLimiter,
// name="user.login")), anywhere in its code.
func (b *builder) limiterLookups() map[string]bool {
	reps := b.lang.Repositories
	if reps == nil || len(reps.ContainerInjections) == 0 {
		return nil
	}
	looked := map[string]bool{}
	visit := func(e *facts.Expr) bool {
		if e.Kind == facts.ExprCall && catalog.MatchAny(reps.ContainerInjections, e.Resolved(), e.Raw(), e.Method()) {
			if n := e.Keyword("name"); n != nil && n.Kind == facts.ExprString {
				looked[n.Value()] = true
			}
		}
		return false
	}
	stmt := func(s *facts.Stmt) bool {
		for _, e := range []*facts.Expr{s.Value, s.Cond} {
			e.Any(visit)
		}
		for i := range s.Targets {
			s.Targets[i].Any(visit)
		}
		return true
	}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		facts.Walk(f.Statements, stmt)
		for i := range f.Functions {
			facts.Walk(f.Functions[i].Body(), stmt)
		}
		for i := range f.Classes {
			for j := range f.Classes[i].Methods {
				facts.Walk(f.Classes[i].Methods[j].Body(), stmt)
			}
		}
	}
	return looked
}
