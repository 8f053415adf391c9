package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Models declared as the plain object a module exports (the catalog's
// object_models; Strapi's content types):
//
//	module.exports = {
//	  info: { singularName: 'user' },
//	  options: { timestamps: true },
//	  attributes: {
//	    email: { type: 'email', required: true },
//	    confirmed: { type: 'boolean', default: false },
//	    role: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.role' },
//	    tokens: { type: 'relation', relation: 'oneToMany', target: 'api::token.token' },
//	  },
//	};
//
// The object is the model: its name is the string at the catalog's
// name_path, its fields the entries of fields_key, read as a schema's
// field map is (required, default, enum) but with types named by strings.
// A relation to one row is a field referring to the target's entity; a
// relation to many is the other side's field, left to the distiller's
// derived collections. The timestamps option adds the stamps the
// framework keeps.

// objectModel reads the model an exported object declares, or nil.
func (b *builder) objectModel(f *facts.File, obj *facts.Expr) *schemaModel {
	om := b.lang.ObjectModels
	if om == nil || om.FieldsKey == "" || obj == nil || obj.Kind != facts.ExprDict {
		return nil
	}
	name, fields := dictPath(obj, om.NamePath), entryValue(obj, om.FieldsKey)
	if name == nil || name.Kind != facts.ExprString || fields == nil || fields.Kind != facts.ExprDict {
		return nil
	}
	entity := pascal(name.Value())
	if entity == "" {
		return nil
	}
	return &schemaModel{file: f, name: entity, line: name.Line(), fields: fields, syntax: b.objectSyntax()}
}

// objectSyntax is the field syntax of the catalog's object_models.
func (b *builder) objectSyntax() *fieldSyntax {
	om := b.lang.ObjectModels
	return &fieldSyntax{
		typeKey: om.TypeKey, requiredKey: om.RequiredKey, defaultKey: om.DefaultKey, enumKey: om.EnumKey,
		typeOf: func(typ *facts.Expr) string {
			if typ.Kind != facts.ExprString {
				return ""
			}
			return om.Types[typ.Value()]
		},
		ref: func(opts *facts.Expr) (string, string, bool) {
			typ := entryValue(opts, om.TypeKey)
			if om.Relation == "" || typ == nil || typ.Kind != facts.ExprString || typ.Value() != om.Relation {
				return "", "", false
			}
			kind, target := entryValue(opts, om.KindKey), entryValue(opts, om.TargetKey)
			if kind == nil || kind.Kind != facts.ExprString || target == nil || target.Kind != facts.ExprString {
				return "", "", true
			}
			if !slices.Contains(om.ToOne, kind.Value()) {
				return "", "", true
			}
			return target.Value(), pascal(uidModel(target.Value())), false
		},
	}
}

// uidModel is the model a content type's uid names, its last dotted
// segment ("plugin::users-permissions.role" is role).
func uidModel(uid string) string {
	if i := strings.LastIndexByte(uid, '.'); i >= 0 {
		return uid[i+1:]
	}
	if _, after, ok := strings.Cut(uid, "::"); ok {
		return after
	}
	return uid
}

// dictPath follows a dotted path of keys through nested object literals;
// nil when a step is missing.
func dictPath(d *facts.Expr, path string) *facts.Expr {
	for key := range strings.SplitSeq(path, ".") {
		if d == nil || d.Kind != facts.ExprDict {
			return nil
		}
		d = entryValue(d, key)
	}
	return d
}

// moduleObject is the object a module exports as a whole: its default
// export when that is an object literal, or else its named exports read
// as one (module.exports = {...} exports each key); nil when it exports
// neither.
func moduleObject(f *facts.File) *facts.Expr {
	var entries []facts.DictEntry
	line := 0
	for i := range f.Exports {
		x := &f.Exports[i]
		if x.Value == nil {
			continue
		}
		if x.Name == "default" {
			if x.Local == "" && x.Value.Kind == facts.ExprDict {
				return x.Value
			}
			continue
		}
		if line == 0 {
			line = x.Value.Line()
		}
		entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: x.Name, Line: x.Value.Line()}), Value: *x.Value})
	}
	if len(entries) == 0 {
		return nil
	}
	obj := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: line})
	obj.SetEntries(entries)
	return obj
}

// objectTimestamps adds the stamps of an object-declared model whose
// timestamps option is on.
func (b *builder) objectTimestamps(m *schemaModel, obj *facts.Expr) {
	om := b.lang.ObjectModels
	if m.e == nil || om.TimestampsPath == "" {
		return
	}
	m.addTimestamps(dictPath(obj, om.TimestampsPath), om.TimestampFields)
}

// addTimestamps gives the model the stamp fields when on, its timestamps
// option, is true.
func (m *schemaModel) addTimestamps(on *facts.Expr, fields []string) {
	if m.e == nil || on == nil || on.Kind != facts.ExprBool || on.Value() != "true" {
		return
	}
	for _, name := range fields {
		m.e.addDataField(&fieldInfo{name: name, attr: name, typ: &allium.Type{Name: "Timestamp"}, line: on.Line()}, false)
	}
}

// uidRepository is the repository a uid query answers (catalog
// repositories.uid_queries): strapi.query('plugin::users-permissions.user')
// is User's. nil for any other call, or a uid naming no entity.
func (b *builder) uidRepository(e *facts.Expr, names []string) *value {
	reps := b.lang.Repositories
	if reps == nil || len(reps.UIDQueries) == 0 || len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprString ||
		!catalog.MatchAny(reps.UIDQueries, names...) {
		return nil
	}
	ent := b.entByName[pascal(uidModel(e.Args()[0].Value()))]
	if ent == nil {
		return nil
	}
	return &value{kind: vRepo, ent: ent.name}
}

// uidServiceCall reads a method of a uid service (catalog
// repositories.uid_services) as the same method of the repository of the
// model its first argument names, given the rest of the arguments:
// strapi.entityService.update('plugin::users-permissions.user', id,
// {data}) is User's update(id, {data}). nil for any other call.
func (rc *ruleCtx) uidServiceCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	reps := rc.b.lang.Repositories
	if reps == nil || len(reps.UIDServices) == 0 || e.X == nil || e.X.X == nil || len(e.Args()) == 0 ||
		e.Args()[0].Kind != facts.ExprString || !catalog.MatchAny(reps.UIDServices, e.X.X.Resolved(), e.X.X.Raw()) {
		return nil
	}
	ent := rc.b.entByName[pascal(uidModel(e.Args()[0].Value()))]
	if ent == nil {
		return nil
	}
	rest := *e
	rest.SetArgs(e.Args()[1:])
	return rc.repositoryCall(&rest, method, &value{kind: vRepo, ent: ent.name}, sc, out)
}

// objectHashedFields marks the fields of an object model whose type the
// framework stores hashed (catalog object_models.hashed_types: Strapi's
// password): a rule writing one states its hash, as for a save hook's.
func (b *builder) objectHashedFields(m *schemaModel) {
	om := b.lang.ObjectModels
	if m.e == nil || len(om.HashedTypes) == 0 || om.TypeKey == "" {
		return
	}
	for _, kw := range dictKeywords(m.fields) {
		t := entryValue(&kw.Value, om.TypeKey)
		if t == nil || t.Kind != facts.ExprString || !slices.Contains(om.HashedTypes, t.Value()) {
			continue
		}
		if m.e.hashedOnSave == nil {
			m.e.hashedOnSave = map[string]bool{}
		}
		m.e.hashedOnSave[kw.Name] = true
	}
}
