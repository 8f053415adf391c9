package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A setting that holds a list as text, its items between separators, is
// read as that list:
//
//	blacklist = [w.strip() for w in flaskbb_config["AUTH_USERNAME_BLACKLIST"].split(",")]
//	...
//	if user_info.username in self._requirements.blacklist: raise ...
//
// (flaskbb's auth/plugins.py:91-93 and auth/services/registration.py:87,
// the setting's default "me,administrator,moderator" in
// fixtures/settings.py:133-140). The list made is the config parameter
// itself, declared a Set<String> whose default is the text's items, so
// the guard reads `username not in config.auth_username_blacklist`.
// Read as the text it is declared, `in` would say "a part of the text",
// which is not what the code tests.

// splitList is the value of [w.strip() for w in S.split(SEP)] or
// [w for w in S.split(SEP)], S a config parameter whose default is a
// text literal: that parameter, now a set of the text's items (stripped
// when the element strips them). nil for any other expression, and when
// the default does not split into plain text items.
func (rc *ruleCtx) splitList(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	elt, target, iter, conds, ok := e.Comprehension()
	if !ok || len(conds) != 0 || target.Kind != facts.ExprName || e.Name() == "dictionary_comprehension" {
		return nil
	}
	loopVar := target.Name()
	stripped := false
	switch {
	case elt.Kind == facts.ExprName && elt.Name() == loopVar:
	case elt.Kind == facts.ExprCall && elt.Method() == "strip" && len(elt.Args()) == 0 && len(elt.Keywords()) == 0 &&
		elt.X.X != nil && elt.X.X.Kind == facts.ExprName && elt.X.X.Name() == loopVar:
		stripped = true
	default:
		return nil
	}
	sep, ok := splitSeparator(iter, rc.b.lang.SplitCalls)
	if !ok {
		return nil
	}
	recv := rc.eval(iter.X.X, sc, out, false)
	if recv.kind != vExpr {
		return nil
	}
	m, isMember := recv.expr.(*allium.Member)
	if !isMember {
		return nil
	}
	if id, isIdent := m.X.(*allium.Ident); !isIdent || id.Name != "config" {
		return nil
	}
	var infos []*configInfo
	for _, ci := range rc.b.usedConfig {
		if ci.name == m.Name {
			infos = append(infos, ci)
		}
	}
	if len(infos) == 0 {
		return nil
	}
	for _, ci := range infos {
		if ci.typ == "Set<String>" {
			continue // split already, by this or another reading
		}
		set := splitDefault(ci, sep, stripped)
		if set == nil {
			return nil
		}
		ci.typ, ci.value = "Set<String>", set
	}
	return exprValue(m)
}

// splitSeparator reads S.split(SEP), SEP a non-empty string literal and
// split one of the catalogued splitting methods.
func splitSeparator(e *facts.Expr, splits []string) (string, bool) {
	if e == nil || e.Kind != facts.ExprCall || !slices.Contains(splits, e.Method()) || len(e.Args()) != 1 || len(e.Keywords()) != 0 {
		return "", false
	}
	a := &e.Args()[0]
	if a.Kind != facts.ExprString || a.Value() == "" {
		return "", false
	}
	return a.Value(), true
}

// splitDefault is the set of the items of ci's text default cut at sep
// (and stripped), nil when ci is no text with such items: its default is
// not a string literal, is empty, or an item would be empty or hold what
// a string literal of the spec cannot.
func splitDefault(ci *configInfo, sep string, stripped bool) *allium.SetLit {
	if ci.typ != "String" {
		return nil
	}
	lit, ok := ci.value.(*allium.Lit)
	if !ok || lit.Kind != allium.LitString || lit.Text == "" {
		return nil
	}
	set := &allium.SetLit{}
	for _, part := range strings.Split(lit.Text, sep) {
		if stripped {
			part = strings.TrimSpace(part)
		}
		if part == "" || strings.ContainsAny(part, "\"\\\n\r\t") {
			return nil
		}
		set.Elems = append(set.Elems, &allium.Lit{Kind: allium.LitString, Text: part})
	}
	return set
}
