package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// settingClass is the class a settings object's attribute names by
// default (catalog shapes.settings_objects):
//
//	DEFAULTS = {"PASSWORD_RESET_SERIALIZER": "app.serializers.PasswordResetSerializer"}
//	IMPORT_STRINGS = ("PASSWORD_RESET_SERIALIZER",)
//	api_settings = APISettings(USER_SETTINGS, DEFAULTS, IMPORT_STRINGS)
//	...
//	serializer_class = api_settings.PASSWORD_RESET_SERIALIZER
//
// is app.serializers.PasswordResetSerializer, when that is a class of the
// service (dj-rest-auth's views, views.py:250 with app_settings.py:15,
// :53, :85). nil when e is no such attribute, the entry is not an import
// path the object imports, or the class is not the service's.
func (b *builder) settingClass(f *facts.File, e *facts.Expr) *classRef {
	sh := b.lang.Shapes
	if sh == nil || len(sh.SettingsObjects) == 0 || e == nil || e.Kind != facts.ExprAttr || e.X == nil || e.X.Kind != facts.ExprName {
		return nil
	}
	obj := b.ix.constant(f, e.X)
	if obj == nil || obj.as.Value == nil || obj.as.Value.Kind != facts.ExprCall || obj.as.Value.X == nil {
		return nil
	}
	call := obj.as.Value
	so, ok := b.settingsObject(obj.file, call.X)
	if !ok || so.Defaults < 0 || so.Defaults >= len(call.Args()) {
		return nil
	}
	if so.ImportStrings >= 0 {
		if so.ImportStrings >= len(call.Args()) || !slices.Contains(b.constantStrings(obj.file, &call.Args()[so.ImportStrings]), e.Name()) {
			return nil
		}
	}
	defaults := b.ix.constant(obj.file, &call.Args()[so.Defaults])
	if defaults == nil || defaults.as.Value == nil || defaults.as.Value.Kind != facts.ExprDict {
		return nil
	}
	for _, en := range defaults.as.Value.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString || en.Key.Value() != e.Name() || en.Value.Kind != facts.ExprString {
			continue
		}
		return b.ix.classes[b.ix.canonical(en.Value.Value())]
	}
	return nil
}

// settingsObject is the catalog's entry for the class a settings object
// is made by: a catalogued class, or a class of the service derived from
// one (dj-rest-auth's APISettings(_APISettings)).
func (b *builder) settingsObject(f *facts.File, ctor *facts.Expr) (catalog.SettingsObject, bool) {
	objs := b.lang.Shapes.SettingsObjects
	names := slices.Sorted(maps.Keys(objs))
	for _, name := range names {
		if catalog.MatchAny([]string{name}, ctor.Resolved(), ctor.Raw()) {
			return objs[name], true
		}
	}
	cr := b.ix.class(f, ctor)
	if cr == nil {
		return catalog.SettingsObject{}, false
	}
	for _, name := range names {
		if b.matchBases(cr, []string{name}) {
			return objs[name], true
		}
	}
	return catalog.SettingsObject{}, false
}

// constantStrings are the strings of a literal collection (literalNames),
// written in place or as a module constant.
func (b *builder) constantStrings(f *facts.File, e *facts.Expr) []string {
	if e.Kind == facts.ExprName {
		if c := b.ix.constant(f, e); c != nil && c.as.Value != nil {
			e = c.as.Value
		}
	}
	return literalNames(e)
}
