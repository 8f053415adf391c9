package distill

import (
	"sort"
	"strconv"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// sessionFlags are the flags a sign-in call gives the session it starts
// (login_user(user, remember=form.remember_me.data): remember:
// remember_me), read by keyword or by position after the user (argument
// userArg); a flag the code does not give is left to the framework.
func (rc *ruleCtx) sessionFlags(names []string, e *facts.Expr, userArg int, sc *scope, out *[]allium.Stmt) []allium.Arg {
	ss := rc.b.lang.Sessions
	if ss == nil {
		return nil
	}
	var args []allium.Arg
	for call, params := range ss.StartFlags {
		if !catalog.MatchAny([]string{call}, names...) {
			continue
		}
		for i, p := range params {
			v := e.Keyword(p)
			if v == nil && userArg+1+i < len(e.Args) {
				v = &e.Args[userArg+1+i]
			}
			if v == nil {
				continue
			}
			if x := rc.tr(v, sc, out); x != nil {
				args = append(args, allium.Arg{Name: p, Value: x})
			}
		}
	}
	sort.SliceStable(args, func(i, j int) bool { return args[i].Name < args[j].Name })
	return args
}

// sessionLifetime is the expiry of the session a sign-in call starts,
// now plus the setting the catalog names for the call (start_lifetimes),
// where the service sets it; nil otherwise (the framework's default is
// left to the framework, as flags the code does not give are).
func (rc *ruleCtx) sessionLifetime(names []string) *allium.Arg {
	b := rc.b
	ss := b.lang.Sessions
	if ss == nil {
		return nil
	}
	for _, call := range sortedKeys(ss.StartLifetimes) {
		lt := ss.StartLifetimes[call]
		if !catalog.MatchAny([]string{call}, names...) || lt.Setting == "" {
			continue
		}
		ci := b.configByKey[lt.Setting]
		switch {
		case ci == nil:
			return nil
		case ci.typ == "Integer":
			// The service's number of units: the setting is a lifetime.
			n, err := strconv.ParseInt(ci.value.(*allium.Lit).Text, 10, 64)
			d := durationFrom(n, lt.Unit)
			if err != nil || d == nil {
				return nil
			}
			ci.typ, ci.value = "Duration", d
		case ci.typ != "Duration":
			return nil
		}
		b.sessionExpiry = true
		return &allium.Arg{Name: "expires_at", Value: &allium.Binary{Op: allium.OpAdd, X: &allium.Ident{Name: "now"}, Y: b.useConfig(ci)}}
	}
	return nil
}
