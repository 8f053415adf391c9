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
			key := ""
			if en.Key != nil && en.Key.Kind == facts.ExprString {
				key = en.Key.Value()
			} else if en.Key != nil && en.Key.Kind == facts.ExprName {
				key = en.Key.Name() // PORT: num(...), a bare key
			}
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

// constantValue is the value of the module constant named name, or nil.
func constantValue(f *facts.File, name string) *facts.Expr {
	for i := range f.Constants {
		if c := &f.Constants[i]; c.Name == name {
			return c.Value
		}
	}
	return nil
}
