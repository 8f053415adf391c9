package distill

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Configuration a module exports as an object's properties, read by the
// code through the module (config.minPasswordLength):
//
//	module.exports = {
//	  minPasswordLength: 10,
//	  resetTokenTtlMinutes: Number(process.env.RESET_TOKEN_TTL_MINUTES || 30),
//	  jwtExpiresIn: process.env.JWT_EXPIRES_IN || "1h",
//	};
//
// A setting read from the environment with a default (a config getter's
// read `|| default`, through a numeric conversion) is its default; a
// duration written as a string in the catalog's duration_units ("1h",
// "15m") is that duration.

// collectExportedConfig records the exported properties with a value as
// candidate config parameters, and the module constants read from the
// environment with a default (const MIN_LENGTH = Number(process.env.X ||
// 12)) that collectConfig did not take.
func (b *builder) collectExportedConfig() {
	for _, f := range b.ix.files {
		for i := range f.Constants {
			c := &f.Constants[i]
			if c.Name == "" || strings.ToUpper(c.Name) != c.Name || b.configByKey[c.Name] != nil {
				continue
			}
			if v := b.settingValue(c.Value); v != nil && v != c.Value {
				b.addConfig(f, c.Name, v, nil, c.Line)
			}
		}
		b.collectSchemaSettings(f)
		if exportsNamesTable(f) {
			continue
		}
		for i := range f.Exports {
			x := &f.Exports[i]
			if x.Name == "default" {
				b.collectValidatedSettings(f, x)
				continue
			}
			if x.Name == "*" {
				continue
			}
			if x.Value == nil {
				// export const config = {...}: each property is a setting,
				// read as config.name through the module. A table of
				// names is none (namesTable).
				entries := exportedObject(f, x.Local)
				if namesTable(entries) {
					continue
				}
				for _, e := range entries {
					if e.Key != nil && e.Key.Kind == facts.ExprString {
						b.addExportedSetting(f, e.Key.Value(), &e.Value, e.Value.Line())
					}
				}
				continue
			}
			if x.Value.Kind != facts.ExprName {
				b.addExportedSetting(f, x.Name, x.Value, x.Line)
			}
		}
	}
}

// namesTable reports an object whose every value is a string that
// spells its key (umami's ROLES = {admin: 'admin', viewOnly: 'view-only'}
// as const, PERMISSIONS = {websiteCreate: 'website:create'}): a table
// of the names the code compares and stores, each standing for itself,
// not settings a deployment tunes.
func namesTable(entries []facts.DictEntry) bool {
	for _, e := range entries {
		if e.Key == nil || e.Key.Kind != facts.ExprString || !spellsName(e.Key.Value(), &e.Value) {
			return false
		}
	}
	return len(entries) > 0
}

// exportsNamesTable reports a module whose every export is a string that
// spells its name (module.exports = {Admin: 'Admin', User: 'User'}, the
// roles the code compares and stores): a names table exported property
// by property, no settings.
func exportsNamesTable(f *facts.File) bool {
	for i := range f.Exports {
		x := &f.Exports[i]
		if !spellsName(x.Name, x.Value) {
			return false
		}
	}
	return len(f.Exports) > 0
}

// exportedName is the string an entry of another module's exported names
// table stands for (Role.Admin of module.exports = {Admin: 'Admin', User:
// 'User'}, express-signup-verification's _helpers/role.js, compared and
// stored by accounts/account.service.js:91 and accounts.controller.js:71);
// nil for anything else.
func (b *builder) exportedName(f *facts.File, e *facts.Expr) allium.Expr {
	v, mf := b.exportedValue(f, e)
	if v == nil || mf == nil || mf == f || v.Kind != facts.ExprString || !exportsNamesTable(mf) {
		return nil
	}
	return &allium.Lit{Kind: allium.LitString, Text: v.Value()}
}

// exportedNamesIn is every name of the names table another module
// exports (exportsNamesTable) when e reads one of its entries (Role.Admin
// of express-signup-verification's _helpers/role.js, compared at
// accounts/accounts.controller.js:71), each as enumSpelling gives it
// ('Admin' is admin); nil when e reads no such entry, or one whose name
// the spec cannot spell as a state (every name is then left unsaid, as
// tableEntryIsState leaves a constant table's). Names are resolved by
// ix, the index or a worker's view of it (statusWalk).
func exportedNamesIn(ix *index, f *facts.File, e *facts.Expr) []string {
	if f == nil || e == nil || e.Kind != facts.ExprAttr {
		return nil
	}
	v, mf := exportedValueIn(ix, f, e)
	if v == nil || mf == nil || mf == f || v.Kind != facts.ExprString || enumSpelling(v.Value()) == "" || !exportsNamesTable(mf) {
		return nil
	}
	var out []string
	for i := range mf.Exports {
		if s := enumSpelling(mf.Exports[i].Value.Value()); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// spellsName reports a value that is a string spelling name (the entry
// of a names table).
func spellsName(name string, value *facts.Expr) bool {
	return value != nil && value.Kind == facts.ExprString && spelling(name) == spelling(value.Value())
}

// namesTableIn is the entries of the names table whose entry e reads
// (ROLES.admin: ROLES's), its name resolved in f with ix; nil for any
// other expression.
func namesTableIn(ix *index, f *facts.File, e *facts.Expr) []facts.DictEntry {
	if f == nil || e == nil || e.Kind != facts.ExprAttr || e.X == nil || e.X.Kind != facts.ExprName {
		return nil
	}
	c := ix.constant(f, e.X)
	if c == nil || c.as.Value == nil || c.as.Value.Kind != facts.ExprDict || !namesTable(c.as.Value.Entries()) {
		return nil
	}
	return c.as.Value.Entries()
}

// spelling is s in lower case without its separators (view-only,
// viewOnly and VIEW_ONLY are viewonly).
func spelling(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return -1
	}, s)
}

// exportedObject is the entries of the object literal a module constant
// named local holds, or nil.
func exportedObject(f *facts.File, local string) []facts.DictEntry {
	if f == nil || local == "" {
		return nil
	}
	for i := range f.Constants {
		if c := &f.Constants[i]; c.Name == local && c.Value != nil && c.Value.Kind == facts.ExprDict {
			return c.Value.Entries()
		}
	}
	return nil
}

// addExportedSetting records an exported property with a value (a
// literal, a duration string, or an environment read with a default) as
// a candidate config parameter.
func (b *builder) addExportedSetting(f *facts.File, key string, value *facts.Expr, line int) {
	v := b.settingValue(value)
	if v == nil {
		return
	}
	if d := b.durationString(v); d != nil {
		if name := snake(key); isSnake(name) && b.configByKey[key] == nil {
			b.configByKey[key] = &configInfo{name: name, typ: "Duration", value: d,
				file: f, line: line, order: len(b.configByKey)}
		}
		return
	}
	b.addConfig(f, key, v, nil, line)
}

// settingValue is the value a setting has when the environment does not
// set it: the default of `read || default`, through a numeric conversion
// (Number(...)); a literal as it is; nil for anything else.
func (b *builder) settingValue(v *facts.Expr) *facts.Expr {
	switch {
	case v == nil:
		return nil
	case v.Kind == facts.ExprCall && len(v.Args()) == 1 && len(v.Keywords()) == 0 &&
		catalog.MatchAny(b.lang.TimeCasts, v.Resolved(), v.Raw()) || v.Kind == facts.ExprCall && len(v.Args()) == 1 && catalog.MatchAny(b.lang.TransparentCalls, v.Raw()):
		return b.settingValue(&v.Args()[0])
	case v.Kind == facts.ExprBoolOp && v.Op() == "or" && b.settingRead(v.X):
		return b.settingValue(v.Y)
	case v.IsLiteral() || v.Kind == facts.ExprBinary:
		return v
	}
	return nil
}

// settingRead reports whether e reads a setting at run time: a config
// getter's call, or an attribute under one (process.env.X).
func (b *builder) settingRead(e *facts.Expr) bool {
	if e == nil {
		return false
	}
	for _, g := range b.lang.ConfigGetters {
		if strings.HasPrefix(e.Raw(), g+".") || strings.HasPrefix(e.Resolved(), g+".") {
			return true
		}
	}
	return e.Kind == facts.ExprCall && catalog.MatchAny(b.lang.ConfigGetters, e.Resolved(), e.Raw())
}

var durationStringRE = regexp.MustCompile(`^\s*(\d+)\s*([a-zA-Z]+)\s*$`)

// durationString reads "15m", "1h", "7d" with the catalog's units.
func (b *builder) durationString(e *facts.Expr) allium.Expr {
	if e.Kind != facts.ExprString || len(b.lang.DurationUnits) == 0 {
		return nil
	}
	m := durationStringRE.FindStringSubmatch(e.Value())
	if m == nil {
		return nil
	}
	unit := b.lang.DurationUnits[m[2]]
	n, err := strconv.ParseInt(m[1], 10, 64)
	if unit == "" || err != nil {
		return nil
	}
	return durationFrom(n, unit)
}

// exportedConfig is the candidate for a read of an exported setting
// through its module (config.minPasswordLength), or nil.
func (b *builder) exportedConfig(e *facts.Expr) *configInfo {
	if e.Kind != facts.ExprAttr || e.Resolved() == "" {
		return nil
	}
	dotted := b.ix.canonical(e.Resolved())
	i := strings.LastIndexByte(dotted, '.')
	if i < 0 {
		return nil
	}
	mod, name := dotted[:i], dotted[i+1:]
	f := b.ix.modules[mod]
	if f == nil {
		// config.name read through an exported object (import { config }
		// from './config'), or through another constant of the module
		// (export const env = processEnv(baseEnv), made from the settings
		// it validated; the name read must be one of its settings, below):
		// the module is one segment further up.
		j := strings.LastIndexByte(mod, '.')
		if j < 0 {
			return nil
		}
		up := b.ix.modules[mod[:j]]
		if up == nil || exportedObject(up, mod[j+1:]) == nil && constantValue(up, mod[j+1:]) == nil {
			return nil
		}
		f = b.ix.modules[mod[:j]]
	}
	if ci := b.configByKey[name]; ci != nil && ci.file == f {
		return ci
	}
	return nil
}

// unitConversion reads a duration setting multiplied into the clock's
// unit as the duration itself: config.resetTokenTtlMinutes * 60 * 1000
// added to Date.now() is config.reset_token_ttl. The factor must be the
// number of seconds, or milliseconds, in the setting's unit.
func (rc *ruleCtx) unitConversion(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	setting, factor := e.X, e.Y
	k, ok := evalInt(factor)
	if !ok {
		setting, factor = e.Y, e.X
		if k, ok = evalInt(factor); !ok {
			return nil
		}
	}
	for setting.Kind == facts.ExprBinary && setting.Op() == "*" {
		// (x * 60) * 1000
		if n, ok := evalInt(setting.Y); ok {
			k *= n
			setting = setting.X
			continue
		}
		break
	}
	ci := rc.b.configFor(sc.file, setting)
	if ci == nil {
		ci = rc.b.exportedConfig(setting)
	}
	if ci == nil {
		ci = rc.settingsObjectDuration(setting, sc)
	}
	if ci == nil || ci.typ != "Duration" || ci.unit == "" {
		return nil
	}
	secs := map[string]int64{"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}[ci.unit]
	if secs == 0 || (k != secs && k != secs*1000) {
		return nil
	}
	return rc.b.useConfig(ci)
}
