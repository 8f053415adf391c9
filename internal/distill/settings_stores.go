package distill

import (
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Settings an administrator edits at run time, kept in a key-value store
// (catalog settings_stores; Strapi's plugin store). The service stores
// each settings object's defaults once (bootstrap):
//
//	const value = { unique_email: true, allow_register: true, default_role: 'authenticated' };
//	await pluginStore.set({ key: 'advanced', value });
//
// and its handlers read the object back:
//
//	const settings = await pluginStore.get({ key: 'advanced' });
//	if (!settings.allow_register) throw new ApplicationError('...');
//
// Each default with a literal value is a config parameter
// (allow_register: Boolean = true) and the object read back is the
// settings object: settings.allow_register is config.allow_register.

// collectStoredSettings records the defaults every settings store call
// stores as config parameters, and the keys of the objects they make up.
func (b *builder) collectStoredSettings() {
	st := b.lang.SettingsStores
	if st == nil || len(st.Sets) == 0 || st.Key == "" || st.Value == "" {
		return
	}
	for _, f := range b.ix.files {
		for i := range f.Functions {
			body := f.Functions[i].Body()
			facts.Walk(body, func(s *facts.Stmt) bool {
				s.Value.Any(func(e *facts.Expr) bool {
					if e.Kind != facts.ExprCall || !slices.Contains(st.Sets, e.Method()) {
						return false
					}
					kws := objectKeywordsOf(e)
					key, value := keywordValue(kws, st.Key), keywordValue(kws, st.Value)
					if key == nil || key.Kind != facts.ExprString || value == nil {
						return false
					}
					if value.Kind == facts.ExprName {
						value = localDict(body, value.Name())
					}
					if value == nil || value.Kind != facts.ExprDict {
						return false
					}
					if b.storedSettings == nil {
						b.storedSettings = map[string]bool{}
					}
					b.storedSettings[key.Value()] = true
					for _, en := range value.Entries() {
						if en.Key == nil || en.Key.Kind != facts.ExprString {
							continue
						}
						switch {
						case en.Value.IsLiteral():
							b.addConfig(f, en.Key.Value(), &en.Value, nil, en.Value.Line())
						case en.Value.Kind == facts.ExprDict:
							b.addStoredGroup(key.Value(), en.Key.Value())
						}
					}
					return false
				})
				return true
			})
		}
	}
}

func (b *builder) addStoredGroup(settings, group string) {
	if b.storedGroups == nil {
		b.storedGroups = map[string]map[string]bool{}
	}
	if b.storedGroups[settings] == nil {
		b.storedGroups[settings] = map[string]bool{}
	}
	b.storedGroups[settings][group] = true
}

// storedGroup is what reading the entry name of the stored settings object
// key gives: an entry whose default is an object of its own is a group of
// settings that make up one message (Strapi's email settings:
// {reset_password: {options: {object: 'Reset password', message}}, ...}),
// whatever the message reads from it (its subject, its reply-to) naming it
// (Email.created(template: reset_password)). Nil for any other entry.
func (b *builder) storedGroup(key, name string) *value {
	if !b.storedGroups[key][name] {
		return nil
	}
	return &value{kind: vTemplate, param: name}
}

// storedSettingsRead reports a call that reads back a settings object the
// service stores defaults for: store.get({key: 'advanced'}), or
// strapi.store({..., key: 'advanced'}).get(); key is that object's key.
func (b *builder) storedSettingsRead(e *facts.Expr) (key string, ok bool) {
	st := b.lang.SettingsStores
	if st == nil || len(b.storedSettings) == 0 || e.Kind != facts.ExprCall || !slices.Contains(st.Gets, e.Method()) {
		return "", false
	}
	k := keywordValue(objectKeywordsOf(e), st.Key)
	if k == nil && len(e.Args()) == 0 && len(e.Keywords()) == 0 {
		if opened := e.X.X; opened != nil && opened.Kind == facts.ExprCall && catalog.MatchAny(st.Stores, opened.Resolved(), opened.Raw()) {
			k = keywordValue(objectKeywordsOf(opened), st.Key)
		}
	}
	if k == nil || k.Kind != facts.ExprString || !b.storedSettings[k.Value()] {
		return "", false
	}
	return k.Value(), true
}

// keywordValue is the value of the keyword name, nil when there is none.
func keywordValue(kws []facts.Keyword, name string) *facts.Expr {
	for i := range kws {
		if kws[i].Name == name {
			return &kws[i].Value
		}
	}
	return nil
}

// localDict is the object literal body assigns to the local name, nil
// when it assigns it none or more than one value.
func localDict(body []facts.Stmt, name string) *facts.Expr {
	var found *facts.Expr
	n := 0
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Targets[0].Name() == name {
			found, n = s.Value, n+1
		}
		return true
	})
	if n != 1 || found == nil || found.Kind != facts.ExprDict {
		return nil
	}
	return found
}
