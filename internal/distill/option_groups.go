package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// Groups of described options (Parse Server's accountLockout and
// passwordPolicy: options described by another exported object, with no
// default of their own). Unset, a group is undefined, and so is each of
// its options. The code tests a group for truth in two ways:
//
//	if (!this._config.accountLockout) { return Promise.resolve(); }
//	if (config.passwordPolicy && config.passwordPolicy.maxPasswordAge) { ... }
//
// The first is a switch of the service: whether the deployment set the
// policy at all, a Boolean config parameter false by default
// (config.account_lockout). The second only guards the read of one of its
// options against an unset group, and says no more than the option's own
// test: config.max_password_age != 0.days. A group the code tests on its
// own anywhere is a switch, and stated wherever it is tested; any other is
// left out of the conjunctions that guard its options' reads.

// addGroupFlag records the switch a described group may be: a Boolean
// config candidate, false by default, under a key of its own (the group's
// name keys its reads through to its options).
func (b *builder) addGroupFlag(f *facts.File, name string, line int) {
	key := groupFlagKey(name)
	if b.configByKey[key] != nil || !isSnake(snake(name)) {
		return
	}
	b.configByKey[key] = &configInfo{file: f, line: line, order: len(b.configByKey), name: snake(name),
		typ: "Boolean", value: &allium.Lit{Kind: allium.LitBool, Text: "false"}}
}

func groupFlagKey(name string) string { return "group:" + name }

// groupSet is the truth test of the group of options named group: the
// switch's config parameter when the code tests the group on its own
// somewhere, else nil (the spec cannot state it alone).
func (b *builder) groupSet(group string) allium.Expr {
	ci := b.configByKey[groupFlagKey(group)]
	if group == "" || ci == nil || !b.groupSwitches()[group] {
		return nil
	}
	return b.useConfig(ci)
}

// groupGuarded reads a conjunction that guards the read of a group's
// option against an unset group (g && g.x), or a disjunction that does
// the same negated (!g || !g.x), as its second operand alone when the
// group is no switch: unset, the option is undefined and the second
// operand already says what the whole does. nil for any other e.
func (rc *ruleCtx) groupGuarded(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	guard := e.X
	switch {
	case e.Op() == "or" && guard.Kind == facts.ExprUnary && guard.Op() == "not":
		guard = guard.X
	case e.Op() != "and" || guard.Kind == facts.ExprUnary:
		return nil
	}
	if guard == nil || guard.Raw() == "" || !readsThrough(e.Y, guard.Raw()) {
		return nil
	}
	var scratch []allium.Stmt
	v := rc.eval(guard, sc, &scratch, false)
	if v.kind != vSettings || v.group == "" || rc.b.groupSwitches()[v.group] {
		return nil
	}
	return rc.cond(e.Y, sc, out)
}

// readsThrough reports whether e reads an attribute of the object the
// dotted name raw names (raw.x).
func readsThrough(e *facts.Expr, raw string) bool {
	return e.Any(func(x *facts.Expr) bool {
		return x.Kind == facts.ExprAttr && x.X != nil && x.X.Raw() == raw
	})
}

// groupSwitches are the groups of options some condition of the service
// tests on its own: it reads the group and none of its options (if
// (!this._config.accountLockout)). Computed once, over every file.
func (b *builder) groupSwitches() map[string]bool {
	if b.switches != nil || len(b.settingsGroupNames) == 0 {
		return b.switches
	}
	b.switches = map[string]bool{}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		visitFile(f, nil, func(fn *facts.Function) {
			facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
				if s.Kind == facts.StmtIf && s.Cond != nil {
					b.noteSwitches(s.Cond)
				}
				return true
			})
		})
	}
	return b.switches
}

// noteSwitches records the groups cond reads without reading one of
// their options.
func (b *builder) noteSwitches(cond *facts.Expr) {
	read := map[string]bool{}    // groups read, by the dotted name read
	through := map[string]bool{} // dotted names an option is read through
	cond.Any(func(x *facts.Expr) bool {
		if x.Kind != facts.ExprAttr {
			return false
		}
		if b.settingsGroupNames[x.Name()] && x.Raw() != "" {
			read[x.Raw()] = true
		}
		if x.X != nil && x.X.Raw() != "" {
			through[x.X.Raw()] = true
		}
		return false
	})
	for raw := range read {
		if !through[raw] {
			b.switches[facts.LastSegment(raw)] = true
		}
	}
}
