package distill

import (
	"regexp"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// settingsDefaults records the entries of a module dict of settings
// defaults (DEFAULTS = {"ALLOW_DELETE_ACCOUNT": False, ...}, read through a
// settings object as app_settings.ALLOW_DELETE_ACCOUNT) as config
// candidates under their keys.
func (b *builder) settingsDefaults(f *facts.File, c *facts.Assignment) {
	if c.Value == nil || c.Value.Kind != facts.ExprDict || !catalog.Match(b.lang.SettingsDefaults, c.Name) {
		return
	}
	for i := range c.Value.Entries() {
		en := &c.Value.Entries()[i]
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			continue
		}
		line := en.Key.Line()
		if line == 0 {
			line = c.Line
		}
		b.addConfig(f, en.Key.Value(), &en.Value, nil, line)
	}
}

// configDefaultText is the default text of the config value x refers to
// (config.email_template_activation = "email/activation_email.html"), or
// "" when x is no string setting.
func (b *builder) configDefaultText(x allium.Expr) string {
	if !isConfigRef(x) {
		return ""
	}
	name := x.(*allium.Member).Name
	for _, ci := range b.configByKey {
		if ci.name != name {
			continue
		}
		if l, ok := ci.value.(*allium.Lit); ok && l.Kind == allium.LitString {
			return l.Text
		}
	}
	return ""
}

// settingsFixture records the settings a module constant describes one by
// one, as pairs of a name and a dict with the catalog's settings_fixture
// keys, nested in groups of any depth:
//
//	fixture = (("auth", {"settings": (
//	    ("activate_account", {"value": True, "value_type": ...}),
//	)}),)
//
// Each is a config candidate under its name, defaulted by the dict's
// first key.
func (b *builder) settingsFixture(f *facts.File, c *facts.Assignment) {
	keys := b.lang.SettingsFixture
	if len(keys) == 0 || c.Value == nil {
		return
	}
	entry := func(d *facts.Expr, key string) *facts.Expr {
		for i := range d.Entries() {
			en := &d.Entries()[i]
			if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == key {
				return &en.Value
			}
		}
		return nil
	}
	var walk func(e *facts.Expr, depth int)
	walk = func(e *facts.Expr, depth int) {
		if depth > 8 {
			return
		}
		switch e.Kind {
		case facts.ExprTuple, facts.ExprList:
			if len(e.Args()) == 2 && e.Args()[0].Kind == facts.ExprString && e.Args()[1].Kind == facts.ExprDict {
				d := &e.Args()[1]
				described := true
				for _, k := range keys {
					described = described && entry(d, k) != nil
				}
				if described {
					line := e.Args()[0].Line()
					if line == 0 {
						line = c.Line
					}
					b.addConfig(f, e.Args()[0].Value(), entry(d, keys[0]), nil, line)
					return
				}
			}
			for i := range e.Args() {
				walk(&e.Args()[i], depth+1)
			}
		case facts.ExprDict:
			for i := range e.Entries() {
				en := &e.Entries()[i]
				if en.Key != nil && en.Key.Kind == facts.ExprString && en.Value.Kind == facts.ExprDict {
					// verifyUserEmails: {env: ..., default: false}, an
					// object's entry described by the keys.
					if b.describedSetting(f, en.Key.Value(), &en.Value, keys, c.Line) {
						continue
					}
				}
				walk(&en.Value, depth+1)
			}
		}
	}
	walk(c.Value, 0)
}

// describedSetting records the setting a name and the dict describing it
// stand for, when the dict has every one of keys: a config candidate
// under the name, defaulted by the first key's entry. One described by
// all the others but the default is a setting with no default in the
// code, which no rule can state, or, when the dict names another object
// the module exports, a group of the settings that object describes,
// read through it (passwordPolicy: {env, action: parsers.objectParser,
// type: 'PasswordPolicyOptions'}: config.passwordPolicy.resetTokenReuseIfValid).
func (b *builder) describedSetting(f *facts.File, name string, d *facts.Expr, keys []string, line int) bool {
	has := func(key string) *facts.Expr { return entryValue(d, key) }
	for _, k := range keys[1:] {
		if has(k) == nil {
			return false
		}
	}
	if l := d.Line(); l != 0 {
		line = l
	}
	if unit, ok := b.numberOption(d); ok {
		b.addNumberOption(f, name, has(keys[0]), unit, line)
		return true
	}
	if dflt := has(keys[0]); dflt != nil {
		b.addConfig(f, name, dflt, nil, line)
		return true
	}
	for _, en := range d.Entries() {
		if en.Value.Kind != facts.ExprString {
			continue
		}
		for _, x := range f.Exports {
			if x.Name == en.Value.Value() && x.Value != nil && x.Value.Kind == facts.ExprDict {
				if b.settingsGroupNames == nil {
					b.settingsGroupNames = map[string]bool{}
				}
				b.settingsGroupNames[name] = true
				b.addGroupFlag(f, name, line)
			}
		}
	}
	return true
}

// settingsImport reports a name imported from a settings module that is
// not in the source (from flaskbb.utils.settings import flaskbb_config):
// the object the service reads its settings through.
func (b *builder) settingsImport(resolved string) bool {
	i := strings.LastIndexByte(resolved, '.')
	if i < 0 {
		return false
	}
	mod := resolved[:i]
	return facts.LastSegment(mod) == "settings" && b.ix.modules[mod] == nil && b.ix.modules[resolved] == nil
}

// helpUnit finds the unit a described number option's help text gives
// it ('Session duration, in seconds', 'the number of days after which').
var helpUnit = regexp.MustCompile(`(?i)\b(?:in|number of) (milliseconds|seconds|minutes|hours|days)\b`)

// numberOption reports whether d describes a number option (its action
// is one of the catalog's number parsers) and the unit its help text
// gives it ("" for none: a count).
func (b *builder) numberOption(d *facts.Expr) (unit string, ok bool) {
	action := entryValue(d, "action")
	if action == nil || action.Kind != facts.ExprCall || !catalog.Match(b.lang.SettingsFixtureNumbers, facts.LastSegment(action.Raw())) {
		return "", false
	}
	if help := entryValue(d, "help"); help != nil && help.Kind == facts.ExprString {
		if m := helpUnit.FindStringSubmatch(help.Value()); m != nil {
			unit = strings.ToLower(m[1])
			if unit == "milliseconds" {
				unit = "ms"
			}
		}
	}
	return unit, true
}

// addNumberOption records a number option: under its name, with its
// default or, described without one, 0 (it is undefined when the
// deployment leaves it unset, and every test the code makes of it reads
// that as 0: if (config.x), config.x && ...), a Duration in the unit its
// help text names.
func (b *builder) addNumberOption(f *facts.File, name string, dflt *facts.Expr, unit string, line int) {
	if dflt == nil {
		dflt = facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: "0", Line: line})
	}
	if b.configByKey[name] != nil {
		return
	}
	b.addConfig(f, name, dflt, nil, line)
	ci := b.configByKey[name]
	if ci == nil || unit == "" || ci.typ != "Integer" {
		return
	}
	n, ok := evalInt(dflt)
	if !ok {
		return
	}
	// A number durationFrom cannot state in the unit (0 ms, 500 ms) stays
	// the Integer it was recorded as, rather than a Duration with no value
	// that the config block would drop.
	if d := durationFrom(n, unit); d != nil {
		ci.typ, ci.value, ci.unit = "Duration", d, unit
	}
}
