package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Settings a module validates out of the environment and exports, read
// by the code through the module (env.MAIL_ENABLED):
//
//	const spec = { MAIL_ENABLED: bool({ default: false }), PORT: num({ default: 3000 }) };
//	const env = cleanEnv(process.env, spec);
//	module.exports = env;
//
// Each entry of the spec object is a config candidate under its key,
// defaulted by its validator's `default` option; an entry without one
// (str({ devDefault: "x" })) is left out, as a setting of unknown value.

// collectValidatedSettings records the settings of the module's default
// export when it is a catalogued validator's result (settings_validators),
// directly or through the module constant it names.
func (b *builder) collectValidatedSettings(f *facts.File, x *facts.Export) {
	if len(b.lang.SettingsValidators) == 0 {
		return
	}
	v := x.Value
	if x.Local != "" {
		v = constantValue(f, x.Local)
	}
	if v == nil || v.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.SettingsValidators, v.Resolved(), v.Raw()) {
		return
	}
	b.addValidatedSettings(f, v)
}

// collectSchemaSettings records the settings a module constant validates
// out of the environment (const baseEnv = envSchema({schema: {...}})),
// read by the code through a value the module exports (export const env
// = processEnv(baseEnv); env.EXP_ACCESS).
func (b *builder) collectSchemaSettings(f *facts.File) {
	if len(b.lang.SettingsValidators) == 0 {
		return
	}
	validated := map[string]bool{}
	for i := range f.Constants {
		v := f.Constants[i].Value
		if v != nil && v.Kind == facts.ExprCall && catalog.MatchAny(b.lang.SettingsValidators, v.Resolved(), v.Raw()) {
			b.addValidatedSettings(f, v)
			validated[f.Constants[i].Name] = true
		}
	}
	if len(validated) == 0 {
		return
	}
	for i := range f.Constants {
		if v := f.Constants[i].Value; v != nil && v.Kind == facts.ExprCall && len(v.Args()) == 1 &&
			v.Args()[0].Kind == facts.ExprName && validated[v.Args()[0].Name()] {
			b.addParsedDurations(f, v)
		}
	}
}

// addParsedDurations reads the settings a function of the module derives
// from the validated ones (export const env = processEnv(baseEnv), with
// processEnv returning {...env, EXP_MS_REFRESH: parseTime(env.EXP_REFRESH)}):
// an entry that is a duration setting read through a duration parser (the
// catalog's duration_parsers, or a function of the service returning
// what one gives for its argument) is that setting under another key, the
// same duration counted in milliseconds: new Date(Date.now() +
// env.EXP_MS_REFRESH) is now + config.exp_refresh.
func (b *builder) addParsedDurations(f *facts.File, call *facts.Expr) {
	fr := b.ix.function(f, call.X)
	if fr == nil || len(fr.fn.Params) == 0 {
		return
	}
	settings := fr.fn.Params[0].Name
	for _, obj := range returnedObjects(fr.fn.Body()) {
		for j := range obj.Entries() {
			en := &obj.Entries()[j]
			key, parse := entryKey(en.Key), &en.Value
			if key == "" || b.configByKey[key] != nil || parse.Kind != facts.ExprCall || len(parse.Args()) != 1 ||
				!b.parsesDuration(fr.file, parse) {
				continue
			}
			read := &parse.Args()[0]
			if read.Kind != facts.ExprAttr || read.X == nil || read.X.Kind != facts.ExprName || read.X.Name() != settings {
				continue
			}
			if ci := b.configByKey[read.Name()]; ci != nil && ci.file == f && ci.typ == "Duration" {
				b.configByKey[key] = ci
			}
		}
	}
}

// parsesDuration reports a call of a duration parser (catalog
// duration_parsers), or of a function of the service that returns what
// one gives for its first parameter, directly or through a local
// (parseTime(s): const t = parse(s); if (!t) throw ...; return t).
func (b *builder) parsesDuration(f *facts.File, call *facts.Expr) bool {
	parser := func(e *facts.Expr) bool {
		return e != nil && e.Kind == facts.ExprCall && catalog.MatchAny(b.lang.DurationParsers, e.Resolved(), e.Raw())
	}
	if parser(call) {
		return true
	}
	fr := b.ix.function(f, call.X)
	if fr == nil || len(fr.fn.Params) == 0 {
		return false
	}
	param := fr.fn.Params[0].Name
	parsesParam := func(e *facts.Expr) bool {
		return parser(e) && len(e.Args()) >= 1 && e.Args()[0].Kind == facts.ExprName && e.Args()[0].Name() == param
	}
	for i := range fr.fn.Body() {
		s := &fr.fn.Body()[i]
		if s.Kind != facts.StmtReturn || s.Value == nil {
			continue
		}
		if parsesParam(s.Value) {
			return true
		}
		if s.Value.Kind == facts.ExprName {
			for _, x := range assignedAtTop(fr.fn.Body(), s.Value.Name()) {
				if parsesParam(x) {
					return true
				}
			}
		}
	}
	return false
}

// returnedObjects lists the object literals a function body returns at
// its top level.
func returnedObjects(body []facts.Stmt) []*facts.Expr {
	var out []*facts.Expr
	for i := range body {
		if s := &body[i]; s.Kind == facts.StmtReturn && s.Value != nil && s.Value.Kind == facts.ExprDict {
			out = append(out, s.Value)
		}
	}
	return out
}

// addValidatedSettings records each setting of a validator call v: an
// entry of its spec object whose validator call has a default (envalid),
// or a property of its JSON schema ({schema: {properties: {EXP_ACCESS:
// {type: 'string', default: '15m'}}}}, env-schema) with a default.
func (b *builder) addValidatedSettings(f *facts.File, v *facts.Expr) {
	// The object a call takes as its only argument is read as its
	// keywords (envSchema({schema: ...})).
	if props := entryValue(v.Keyword("schema"), "properties"); props != nil {
		b.addSchemaDefaults(f, props)
	}
	for i := range v.Args() {
		spec := &v.Args()[i]
		if spec.Kind == facts.ExprName {
			spec = constantValue(f, spec.Name())
		}
		if spec == nil || spec.Kind != facts.ExprDict {
			continue
		}
		for j := range spec.Entries() {
			en := &spec.Entries()[j]
			key := entryKey(en.Key)
			if key == "" || en.Value.Kind != facts.ExprCall {
				continue
			}
			// The validator's options object, read as its keywords.
			def := en.Value.Keyword("default")
			if def == nil {
				continue
			}
			line := en.Key.Line()
			if line == 0 {
				line = en.Value.Line()
			}
			b.addConfig(f, key, def, nil, line)
		}
	}
}

// addSchemaDefaults records each property of a JSON schema's properties
// object that has a default ({EXP_ACCESS: {type: 'string', default:
// '15m'}}) as a setting of that default.
func (b *builder) addSchemaDefaults(f *facts.File, props *facts.Expr) {
	if props.Kind != facts.ExprDict {
		return
	}
	for j := range props.Entries() {
		en := &props.Entries()[j]
		if en.Key == nil || en.Value.Kind != facts.ExprDict {
			continue
		}
		if def := entryValue(&en.Value, "default"); def != nil {
			b.addExportedSetting(f, entryKey(en.Key), def, en.Key.Line())
		}
	}
}

// entryKey is the key of an object entry, quoted or bare (PORT: num(...)),
// or "" for a computed one.
func entryKey(k *facts.Expr) string {
	switch {
	case k == nil:
		return ""
	case k.Kind == facts.ExprString:
		return k.Value()
	case k.Kind == facts.ExprName:
		return k.Name()
	}
	return ""
}

// constantValue is the value of the module constant named name, or nil.
func constantValue(f *facts.File, name string) *facts.Expr {
	for i := range f.Constants {
		if c := &f.Constants[i]; c.Name == name {
			return c.Value
		}
	}
	return nil
}
