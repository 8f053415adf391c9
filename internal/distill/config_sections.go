package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Settings read by section from the config object a config factory
// returns (NestJS's ConfigModule.forRoot({load: [config]})):
//
//	const config: Config = {security: {expiresIn: '2m', refreshIn: '7d'}};
//	export default (): Config => config;
//	...
//	const securityConfig = configService.get<SecurityConfig>('security');
//	jwtService.sign(payload, {expiresIn: securityConfig.refreshIn});
//
// An entry read through its section (or by its dotted key,
// configService.get('security.refreshIn')) is the default the factory
// gives it: '7d' is 7.days, which the token it lives for names as its
// lifetime (refresh_token_expiry), as a lifetime written in place is.
// A catalogued namespace call (registerAs('jwt', () => ({...}))) names a
// section of its own.

// collectConfigSections records the object entries of what a module's
// default-exported function returns, and the objects the catalog's
// namespace calls return under their names.
func (b *builder) collectConfigSections() {
	if len(b.lang.ConfigNamespaces) == 0 {
		// A language whose settings are flat reads no sections.
		return
	}
	for _, f := range b.ix.files {
		for i := range f.Functions {
			if fn := &f.Functions[i]; fn.Name == "default" {
				for _, en := range returnedObject(f, fn) {
					if en.Key != nil && en.Key.Kind == facts.ExprString && en.Value.Kind == facts.ExprDict {
						b.addConfigSection(en.Key.Value(), &en.Value, f)
					}
				}
			}
		}
		for i := range f.Constants {
			v := f.Constants[i].Value
			if v == nil || v.Kind != facts.ExprCall || len(v.Args()) != 2 || !catalog.MatchAny(b.lang.ConfigNamespaces, v.Resolved(), v.Raw()) {
				continue
			}
			name, factory := &v.Args()[0], &v.Args()[1]
			if name.Kind != facts.ExprString || factory.Kind != facts.ExprFunction || factory.Func() == nil {
				continue
			}
			if entries := returnedObject(f, factory.Func()); entries != nil {
				obj := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: v.Line()})
				obj.SetEntries(entries)
				b.addConfigSection(name.Value(), obj, f)
			}
		}
	}
}

// addConfigSection keeps the first section of a name: two factories
// giving one section different entries leave it to the first.
func (b *builder) addConfigSection(name string, obj *facts.Expr, f *facts.File) {
	if b.configSections == nil {
		b.configSections = map[string]*facts.Expr{}
		b.configSectionFiles = map[string]*facts.File{}
	}
	if b.configSections[name] == nil {
		b.configSections[name] = obj
		b.configSectionFiles[name] = f
	}
}

// returnedObject is the entries of the object literal a function returns
// (directly, or through a module constant that holds it), or nil.
func returnedObject(f *facts.File, fn *facts.Function) []facts.DictEntry {
	v := returnedValue(fn)
	switch {
	case v == nil:
		return nil
	case v.Kind == facts.ExprDict:
		return v.Entries()
	case v.Kind == facts.ExprName:
		return exportedObject(f, v.Name())
	}
	return nil
}

// returnedValue is what the first return with a value of a function's
// body returns, or nil.
func returnedValue(fn *facts.Function) *facts.Expr {
	for i := range fn.Body() {
		if s := &fn.Body()[i]; s.Kind == facts.StmtReturn && s.Value != nil {
			return s.Value
		}
	}
	return nil
}

// dictEntry is the value of the entry key of an object literal, or nil.
func dictEntry(obj *facts.Expr, key string) *facts.Expr {
	if obj == nil || obj.Kind != facts.ExprDict {
		return nil
	}
	entries := obj.Entries()
	for i := range entries {
		if en := &entries[i]; en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == key {
			return &en.Value
		}
	}
	return nil
}

// configSectionRead is the value of a config getter's read of a section
// (configService.get('security')) or of an entry by its dotted key
// (configService.get('security.refreshIn')); nil when no section holds
// the key.
func (rc *ruleCtx) configSectionRead(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if len(rc.b.configSections) == 0 || len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprString {
		return nil
	}
	path := unmountedKey(strings.Split(e.Args()[0].Value(), "."), rc.b.lang.ConfigMounts, rc.b.configSections)
	obj := rc.b.configSections[path[0]]
	if obj == nil {
		return nil
	}
	v := &value{kind: vSection, call: obj, param: path[0], file: rc.b.configSectionFiles[path[0]]}
	for i, key := range path[1:] {
		last := i == len(path)-2
		if v = rc.configSectionEntry(v, key, sc, out); v == nil || v.kind != vSection && !last {
			return nil
		}
	}
	return v
}

// configSectionEntry is the entry key of a section: a nested section, or
// the entry's default (a duration string is its Duration); nil for an
// entry the section lacks or whose default the spec cannot state.
func (rc *ruleCtx) configSectionEntry(section *value, key string, sc *scope, out *[]allium.Stmt) *value {
	entry := dictEntry(section.call, key)
	if entry == nil {
		return nil
	}
	if entry.Kind == facts.ExprDict {
		return &value{kind: vSection, call: entry, param: section.param + "." + key, file: section.file}
	}
	def := rc.b.settingValue(entry)
	if def == nil || !def.IsLiteral() {
		return nil
	}
	if d := rc.b.durationString(def); d != nil {
		return exprValue(d)
	}
	return rc.eval(def, sc, out, false)
}

// unmountedKey is a getter's key path with the prefix a catalogued mount
// puts before the service's own config object taken off
// (plugin.users-permissions.jwt is the section jwt), when what follows
// names a section; the path unchanged otherwise.
func unmountedKey(path, mounts []string, sections map[string]*facts.Expr) []string {
	if sections[path[0]] != nil {
		return path
	}
	for _, m := range mounts {
		prefix := strings.Split(m, ".")
		if len(path) <= len(prefix) {
			continue
		}
		matched := true
		for i, seg := range prefix {
			if seg != "*" && seg != path[i] {
				matched = false
				break
			}
		}
		if matched && sections[path[len(prefix)]] != nil {
			return path[len(prefix):]
		}
	}
	return path
}
