package distill

import (
	"maps"
	"slices"
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
			if v == nil && userArg+1+i < len(e.Args()) {
				v = &e.Args()[userArg+1+i]
			}
			if v == nil {
				continue
			}
			if x := rc.tr(v, sc, out); x != nil {
				args = append(args, allium.Arg{Name: p, Value: x})
				if !slices.Contains(rc.b.sessionFlags, p) {
					rc.b.sessionFlags = append(rc.b.sessionFlags, p)
				}
			}
		}
	}
	for _, call := range sortedKeys(ss.StartDefaults) {
		if !catalog.MatchAny([]string{call}, names...) {
			continue
		}
		for _, p := range sortedKeys(ss.StartDefaults[call]) {
			if slices.ContainsFunc(args, func(a allium.Arg) bool { return a.Name == p }) {
				continue
			}
			args = append(args, allium.Arg{Name: p, Value: &allium.Lit{Kind: allium.LitBool, Text: strconv.FormatBool(ss.StartDefaults[call][p])}})
			if !slices.Contains(rc.b.sessionFlags, p) {
				rc.b.sessionFlags = append(rc.b.sessionFlags, p)
			}
		}
	}
	sort.SliceStable(args, func(i, j int) bool { return args[i].Name < args[j].Name })
	return args
}

// startLifetime is the expiry of the session a sign-in call starts, now
// plus the setting the catalog names for the call (start_lifetimes),
// where the service sets it; nil otherwise (the framework's default is
// left to the framework, as flags the code does not give are).
func (rc *ruleCtx) startLifetime(names []string) *allium.Arg {
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
		life := b.sessionLifetime(&lt, 0)
		if life == nil {
			return nil
		}
		b.sessionExpiry = true
		return &allium.Arg{Name: "expires_at", Value: &allium.Binary{Op: allium.OpAdd, X: &allium.Ident{Name: "now"}, Y: life}}
	}
	return nil
}

// sessionMark states a call that sets a flag on the caller's session
// (confirm_login(): session.fresh = true, catalog sessions.marks); it
// reports whether the call was one.
func (rc *ruleCtx) sessionMark(names []string, sc *scope, out *[]allium.Stmt, line int) bool {
	b := rc.b
	ss := b.lang.Sessions
	if b.userEntity() == "" {
		return false
	}
	for _, call := range slices.Sorted(maps.Keys(ss.Marks)) {
		if !catalog.MatchAny([]string{call}, names...) {
			continue
		}
		flag := ss.Marks[call]
		b.stats.EffectsSeen++
		b.sessionUser = b.userEntity()
		if !slices.Contains(b.sessionFlags, flag) {
			b.sessionFlags = append(b.sessionFlags, flag)
		}
		rc.useParam("session")
		*out = append(*out, &allium.Assign{Meta: b.meta(sc.file, line),
			Target: &allium.Member{X: &allium.Ident{Name: "session"}, Name: flag}, Value: &allium.Lit{Kind: allium.LitBool, Text: "true"}})
		return true
	}
	return false
}

// markedStart is a session a sign-in call starts (its creation, call)
// with the value it gives a flag a mark may set later.
type markedStart struct {
	call  *allium.Call
	flag  string
	value bool
}

// markedStartDefaults keeps aside the flags the sign-in call (names, e)
// gives the session it starts (created) that a mark may set later
// (catalog marked_start_defaults: login_user starts a fresh session); a
// flag the call gives by keyword is not its default, and is not stated.
func (rc *ruleCtx) markedStartDefaults(names []string, e *facts.Expr, created *allium.Call) {
	ss := rc.b.lang.Sessions
	for _, call := range sortedKeys(ss.MarkedStartDefaults) {
		if !catalog.MatchAny([]string{call}, names...) {
			continue
		}
		for _, flag := range sortedKeys(ss.MarkedStartDefaults[call]) {
			if e.Keyword(flag) == nil {
				rc.b.markedStarts = append(rc.b.markedStarts, markedStart{call: created, flag: flag, value: ss.MarkedStartDefaults[call][flag]})
			}
		}
	}
}

// stateMarkedStarts states the flags kept aside by markedStartDefaults on
// the sessions started, once every rule is built: only a flag a mark
// sets somewhere is one the spec's sessions carry (login_user's fresh
// matters where confirm_login makes a session fresh again), placed among
// the flags that follow the user in name order, as sessionFlags writes
// them.
func (b *builder) stateMarkedStarts() {
	for _, m := range b.markedStarts {
		if !slices.Contains(b.sessionFlags, m.flag) || slices.ContainsFunc(m.call.Args, func(a allium.Arg) bool { return a.Name == m.flag }) {
			continue
		}
		at := 1
		for at < len(m.call.Args) && slices.Contains(b.sessionFlags, m.call.Args[at].Name) && m.call.Args[at].Name < m.flag {
			at++
		}
		m.call.Args = slices.Insert(m.call.Args, at, allium.Arg{Name: m.flag, Value: &allium.Lit{Kind: allium.LitBool, Text: strconv.FormatBool(m.value)}})
	}
}
