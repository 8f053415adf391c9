package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Models declared by data rather than by a class (the catalog's
// schema_models; Mongoose):
//
//	const userSchema = new Schema({
//	  email: { type: String, required: true },
//	  status: { type: String, enum: ["pending", "active"], default: "pending" },
//	  user: { type: Schema.Types.ObjectId, ref: "User" },
//	  lockedUntil: Date,
//	});
//	module.exports = mongoose.model("User", userSchema);
//
// A call to a model maker with a name and a schema (a module constant
// assigned a schema call, or the call itself) is an entity of that name;
// each entry of the schema's field map is a field, its value a type or an
// options object: the type, required (or a default) makes it mandatory,
// enum lists its states, ref names the entity it refers to, a default
// among the states is what a new row gets. The model is found where the
// code names it: the constant it is assigned to, and the module itself
// when the module exports it as its default.

// schemaModel is one model made from a schema, found by schemaModels.
type schemaModel struct {
	file   *facts.File
	name   string
	line   int
	fields *facts.Expr // the field map
	// build: the schema call the field map is given to, nil for an
	// object-declared model.
	build  *facts.Expr
	schema string // the constant holding the schema, if any
	syntax *fieldSyntax
	e      *entityInfo
}

// fieldSyntax is how a data-declared model spells its fields: the keys of
// a field's options object, the type a field's type value names, and the
// model a field refers to.
type fieldSyntax struct {
	typeKey, requiredKey, defaultKey, enumKey, uniqueKey, lowercaseKey string
	// typeOf is the Allium type the field's type value names, "" when none.
	typeOf func(typ *facts.Expr) string
	// ref reads a field's options: the model it refers to (target, as the
	// code spells it, and its entity name) when it is a reference, and
	// whether the field is stored on the other side (a to-many relation).
	ref func(opts *facts.Expr) (target, entity string, other bool)
}

// schemaSyntax is the field syntax of the catalog's schema_models
// (Mongoose): a type is a constructor (String, Date), ref names a model.
func (b *builder) schemaSyntax() *fieldSyntax {
	sm := b.lang.SchemaModels
	return &fieldSyntax{
		typeKey: sm.TypeKey, requiredKey: sm.RequiredKey, defaultKey: sm.DefaultKey, enumKey: sm.EnumKey, uniqueKey: sm.UniqueKey, lowercaseKey: sm.LowercaseKey,
		typeOf: func(typ *facts.Expr) string { return b.lang.TypeOf(typ.Raw()) },
		ref: func(opts *facts.Expr) (string, string, bool) {
			if ref := entryValue(opts, sm.RefKey); ref != nil && ref.Kind == facts.ExprString {
				return ref.Value(), pascal(ref.Value()), false
			}
			return "", "", false
		},
	}
}

// schemaModels adds the entities of schema-declared models, and of
// object-declared ones (object_models.go), and reads their fields. It
// runs after readFields, so that a ref can name any entity.
func (b *builder) schemaModels() {
	sm := b.lang.SchemaModels
	withSchemas := sm != nil && len(sm.Models) > 0
	withObjects := b.lang.ObjectModels != nil && b.lang.ObjectModels.FieldsKey != ""
	if !withSchemas && !withObjects {
		return
	}
	var models []*schemaModel
	objects := map[*schemaModel]*facts.Expr{}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		found := func(name string, call *facts.Expr) {
			if !withSchemas {
				return
			}
			if m := b.schemaModel(f, call); m != nil {
				models = append(models, m)
				b.indexSchemaModel(f, m, name)
			}
		}
		for i := range f.Constants {
			found(f.Constants[i].Name, f.Constants[i].Value)
		}
		for i := range f.Exports {
			if x := &f.Exports[i]; x.Name == "default" && x.Local == "" {
				found("", x.Value)
			}
		}
		if !withObjects {
			continue
		}
		if obj := moduleObject(f); obj != nil {
			if m := b.objectModel(f, obj); m != nil {
				models = append(models, m)
				objects[m] = obj
				b.indexSchemaModel(f, m, "")
			}
		}
	}
	for _, m := range models {
		b.readSchemaFields(m)
		if obj := objects[m]; obj != nil {
			b.objectTimestamps(m, obj)
			b.objectHashedFields(m)
			continue
		}
		b.schemaMethods(m)
		b.saveHooks(m)
		b.schemaTimestamps(m)
	}
}

// schemaTimestamps adds the stamps of a schema-declared model whose
// options turn timestamps on (catalog schema_models timestamps_key:
// new Schema({...}, {timestamps: true})). Options that rename the stamps
// ({timestamps: {createdAt: "created"}}) are left as they are.
func (b *builder) schemaTimestamps(m *schemaModel) {
	sm := b.lang.SchemaModels
	if m.e == nil || m.build == nil || sm.TimestampsKey == "" {
		return
	}
	on := m.build.Keyword(sm.TimestampsKey)
	if on == nil && len(m.build.Args()) > 1 {
		on = dictEntry(&m.build.Args()[1], sm.TimestampsKey)
	}
	m.addTimestamps(on, sm.TimestampFields)
}

// saveHooks reads the hooks a schema runs before a row is saved
// (userSchema.pre("save", fn), catalog save_hooks and save_events): a
// field the hook sets to a hash of itself, directly or through a local
// (const h = bcrypt.hash(user.password, salt); user.password = h), is
// stored hashed, so a rule writing it states its hash.
func (b *builder) saveHooks(m *schemaModel) {
	sm := b.lang.SchemaModels
	if m.e == nil || m.schema == "" || len(sm.SaveHooks) == 0 {
		return
	}
	for i := range m.file.Statements {
		call := m.file.Statements[i].Value
		if m.file.Statements[i].Kind != facts.StmtExpr || call == nil || call.Kind != facts.ExprCall || !slices.Contains(sm.SaveHooks, call.Method()) ||
			call.X.X == nil || call.X.X.Kind != facts.ExprName || call.X.X.Name() != m.schema || len(call.Args()) != 2 ||
			call.Args()[0].Kind != facts.ExprString || !slices.Contains(sm.SaveEvents, call.Args()[0].Value()) || call.Args()[1].Func() == nil {
			continue
		}
		for _, field := range b.selfHashed(call.Args()[1].Func().Body()) {
			if m.e.hashedOnSave == nil {
				m.e.hashedOnSave = map[string]bool{}
			}
			m.e.hashedOnSave[field] = true
		}
	}
}

// selfHashed lists the attributes a hook's body sets to a hash of
// themselves, directly or through a local (const h = bcrypt.hash(
// user.password, salt); user.password = h; this.password = await
// argon2.hash(this.password)).
func (b *builder) selfHashed(body []facts.Stmt) []string {
	hashes := func(v *facts.Expr, field string) bool {
		return v != nil && v.Kind == facts.ExprCall && catalog.MatchAny(b.lang.HashCalls, v.Resolved(), v.Raw()) &&
			len(v.Args()) > 0 && v.Args()[0].Kind == facts.ExprAttr && v.Args()[0].Name() == field
	}
	var out []string
	locals := map[string]*facts.Expr{}
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
			return true
		}
		t := &s.Targets[0]
		switch {
		case t.Kind == facts.ExprName:
			locals[t.Name()] = s.Value
		case t.Kind == facts.ExprAttr && (hashes(s.Value, t.Name()) || s.Value.Kind == facts.ExprName && hashes(locals[s.Value.Name()], t.Name())):
			out = append(out, t.Name())
		}
		return true
	})
	return out
}

// hashedOnInsert reports a column a method under one of the catalog's
// insert_hooks (TypeORM's @BeforeInsert()) sets to a hash of itself: a
// row created with it stores it hashed. Not an update: the hook does not
// run for one.
func (b *builder) hashedOnInsert(e *entityInfo, column string) bool {
	if e == nil || e.ref == nil || len(b.lang.InsertHooks) == 0 {
		return false
	}
	return b.classMethod(e.ref, func(m *facts.Function) bool {
		for j := range m.Decorators {
			if name, _ := decoratorName(&m.Decorators[j]); catalog.MatchAny(b.lang.InsertHooks, m.Decorators[j].Resolved(), name) {
				return slices.Contains(b.selfHashed(m.Body()), column)
			}
		}
		return false
	}) != nil
}

// schemaMethods makes the functions assigned to a schema's method tables
// (userSchema.methods.isLocked = function () {...}, the catalog's
// method_tables) methods of its model: a condition over the row's own
// fields becomes a derived value, and calls on a row or on the model
// (User.isEmailTaken(email)) are inlined with `this` bound to it.
func (b *builder) schemaMethods(m *schemaModel) {
	sm := b.lang.SchemaModels
	if m.e == nil || m.schema == "" || m.e.ref.file != m.file {
		return
	}
	c := m.e.ref.class
	first := len(c.Methods)
	for i := range m.file.Statements {
		s := &m.file.Statements[i]
		if name, fn := b.schemaVirtual(s, m.schema); fn != nil {
			// A virtual's getter: a property, read as account.isVerified.
			getter := *fn
			getter.Name, getter.QualName = name, qual(c.QualName, name)
			getter.Decorators = append(slices.Clip(getter.Decorators), facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "property", Raw: "property", Line: s.Line()}))
			c.Methods = append(c.Methods, getter)
			continue
		}
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil || s.Value.Kind != facts.ExprFunction || s.Value.Func() == nil {
			continue
		}
		t := &s.Targets[0]
		if t.Kind != facts.ExprAttr || t.X == nil || t.X.Kind != facts.ExprAttr || !slices.Contains(sm.MethodTables, t.X.Name()) ||
			t.X.X == nil || t.X.X.Kind != facts.ExprName || t.X.X.Name() != m.schema {
			continue
		}
		fn := *s.Value.Func()
		fn.Name, fn.QualName = t.Name(), qual(c.QualName, t.Name())
		c.Methods = append(c.Methods, fn)
	}
	for i := first; i < len(c.Methods); i++ {
		b.ix.setFunc(c.Methods[i].QualName, &funcRef{file: m.file, fn: &c.Methods[i], class: c})
	}
}

// schemaVirtual reads schema.virtual("name").get(fn) (the catalog's
// virtuals and virtual_getters) on the schema constant: the property's
// name and its getter, nil for any other statement.
func (b *builder) schemaVirtual(s *facts.Stmt, schema string) (string, *facts.Function) {
	sm := b.lang.SchemaModels
	if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || len(s.Value.Args()) != 1 {
		return "", nil
	}
	get, fn := s.Value.X, &s.Value.Args()[0]
	if get == nil || get.Kind != facts.ExprAttr || !slices.Contains(sm.VirtualGetters, get.Name()) || fn.Kind != facts.ExprFunction || fn.Func() == nil {
		return "", nil
	}
	def := get.X
	if def == nil || def.Kind != facts.ExprCall || len(def.Args()) != 1 || def.Args()[0].Kind != facts.ExprString ||
		def.X == nil || def.X.Kind != facts.ExprAttr || !slices.Contains(sm.Virtuals, def.X.Name()) ||
		def.X.X == nil || def.X.X.Kind != facts.ExprName || def.X.X.Name() != schema {
		return "", nil
	}
	return def.Args()[0].Value(), fn.Func()
}

// schemaModel reads model("Name", schema), or nil.
func (b *builder) schemaModel(f *facts.File, call *facts.Expr) *schemaModel {
	sm := b.lang.SchemaModels
	if call != nil && call.Kind == facts.ExprBoolOp && call.Op() == "or" && call.Y != nil {
		// mongoose.models.User || mongoose.model("User", userSchema): the
		// model made unless one of that name is registered already.
		call = call.Y
	}
	if call == nil || call.Kind != facts.ExprCall || len(call.Args()) < 2 || call.Args()[0].Kind != facts.ExprString ||
		!catalog.MatchAny(sm.Models, call.Resolved(), call.Raw()) {
		return nil
	}
	name := pascal(call.Args()[0].Value())
	if name == "" {
		return nil
	}
	schema, schemaName := &call.Args()[1], ""
	if schema.Kind == facts.ExprName {
		if cr := b.ix.constant(f, schema); cr != nil && cr.file == f {
			schema, schemaName = cr.as.Value, cr.as.Name
		}
	}
	if schema == nil || schema.Kind != facts.ExprCall || !catalog.MatchAny(sm.Schemas, schema.Resolved(), schema.Raw()) {
		return nil
	}
	switch {
	case len(schema.Args()) > 0 && schema.Args()[0].Kind == facts.ExprDict:
		return &schemaModel{file: f, name: name, line: call.Line(), fields: &schema.Args()[0], build: schema, schema: schemaName, syntax: b.schemaSyntax()}
	case len(schema.Args()) == 0 && len(schema.Keywords()) > 0:
		// The field map read as keyword arguments (keyword_objects).
		fields := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: schema.Line()})
		entries := make([]facts.DictEntry, 0, len(schema.Keywords()))
		for _, kw := range schema.Keywords() {
			entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: kw.Name, Line: kw.Value.Line()}), Value: kw.Value})
		}
		fields.SetEntries(entries)
		return &schemaModel{file: f, name: name, line: call.Line(), fields: fields, schema: schemaName, syntax: b.schemaSyntax()}
	}
	return nil
}

// schemaEntity makes the model an entity under its own name, declared in
// f, and gives its class (nil when it cannot be one). It does not make
// the entity the module's value: a file that merely names the model (a
// class store's first call) may export something else.
func (b *builder) schemaEntity(f *facts.File, m *schemaModel) *classRef {
	c := &facts.Class{Name: m.name, QualName: qual(f.Module, m.name), Line: m.line}
	cr := &classRef{file: f, class: c}
	if e := b.entByName[m.name]; e != nil {
		// The model another file declares (in another language, or a
		// second schema of one name): the same entity.
		m.e, cr = e, e.ref
	} else if m.e = b.addEntityClass(cr); m.e == nil {
		return nil
	}
	b.ix.setClass(c.QualName, cr)
	return cr
}

// indexSchemaModel makes the model an entity the code can name: as the
// constant it is assigned to, and as its module when the module exports
// it as its default (`const User = require("./models/user")`).
func (b *builder) indexSchemaModel(f *facts.File, m *schemaModel, constant string) {
	cr := b.schemaEntity(f, m)
	if cr == nil {
		return
	}
	if constant != "" {
		b.ix.setClass(qual(f.Module, constant), cr)
	}
	for _, x := range f.Exports {
		if x.Name == "default" && (constant == "" || x.Local == constant) {
			b.ix.setClass(f.Module, cr)
		}
	}
}

// readSchemaFields reads the field map of a schema-declared model.
func (b *builder) readSchemaFields(m *schemaModel) {
	if m.e == nil {
		return
	}
	b.readSchemaEntries(m, m.fields, "", "")
}

// readSchemaEntries reads the fields of one level of a schema's field
// map. A nested plain object (Mongoose's failedLogin: {times: Number,
// lastFailedAttempt: Date}: no type key, so a path of the document and
// not a field's options) gives its fields flattened under its name:
// failed_login_times, read by the code's dotted path failedLogin.times.
// parentAttr and parentName are the enclosing object's path and name,
// empty at the top.
func (b *builder) readSchemaEntries(m *schemaModel, fields *facts.Expr, parentAttr, parentName string) {
	sx := m.syntax
	e := m.e
	for _, entry := range fields.Entries() {
		if entry.Key == nil || (entry.Key.Kind != facts.ExprString && entry.Key.Kind != facts.ExprName) {
			continue
		}
		attr := entry.Key.Value()
		if entry.Key.Kind == facts.ExprName {
			attr = entry.Key.Name()
		}
		name := bindingName(attr)
		if parentAttr != "" {
			attr, name = parentAttr+"."+attr, parentName+"_"+name
		}
		fi := &fieldInfo{name: name, attr: attr, line: entry.Value.Line()}
		if !isSnake(fi.name) {
			continue
		}
		v := &entry.Value
		typ, opts := v, (*facts.Expr)(nil)
		if v.Kind == facts.ExprDict {
			opts, typ = v, entryValue(v, sx.typeKey)
			if typ == nil && nestedSchemaObject(v) {
				b.readSchemaEntries(m, v, attr, name)
				continue
			}
		}
		optional := true
		if typ != nil {
			if t := sx.typeOf(typ); t != "" {
				fi.typ = &allium.Type{Name: t}
			}
		}
		if opts != nil {
			if r := entryValue(opts, sx.requiredKey); r != nil {
				if r.Kind == facts.ExprList && len(r.Args()) > 0 {
					// required: [true, "Please enter a full name"]: the flag
					// and the message the refusal carries.
					r = &r.Args()[0]
				}
				if r.Kind == facts.ExprBool {
					optional = r.Value() != "true"
				}
			}
			target, ref, other := sx.ref(opts)
			if other {
				continue
			}
			if ref != "" {
				if b.entByName[ref] == nil {
					b.note("%s.%s: reference to %q, which is not a model of this service, left out", e.name, attr, target)
					continue
				}
				fi.fkTable, fi.fkEntity = target, ref
				fi.typ = &allium.Type{Name: fi.fkEntity}
				// The other side (user.tokens), declared when a rule uses it.
				b.pendingReverse = append(b.pendingReverse, reverseRel{from: e, field: fi, name: snake(plural(e.name)), line: fi.line, implicit: true})
			}
			dflt := entryValue(opts, sx.defaultKey)
			if dflt != nil {
				optional = false
				if dflt.Kind == facts.ExprBool {
					fi.dflt = &allium.Lit{Kind: allium.LitBool, Text: dflt.Value()}
				} else if b.isClockRef(dflt) {
					fi.dflt = &allium.Ident{Name: "now"}
				}
			}
			if u := entryValue(opts, sx.uniqueKey); u != nil && u.Kind == facts.ExprBool && u.Value() == "true" {
				fi.unique = true
			}
			if lc := entryValue(opts, sx.lowercaseKey); lc != nil && lc.Kind == facts.ExprBool && lc.Value() == "true" {
				fi.lowercased = true
			}
			if en := entryValue(opts, sx.enumKey); en != nil && fi.typ != nil && fi.typ.Name == "String" {
				if values, ok := b.columnEnumValues(m.file, en); ok {
					b.enumColumn(fi, values, m.file, dflt)
				}
			}
		}
		if fi.typ == nil {
			continue
		}
		if statusName(fi.name) && fi.typ.Name == "String" {
			// A string path named as a state (role: {type: String}, its
			// values set and compared elsewhere, express-signup-
			// verification's accounts/account.model.js:11) takes the
			// values the service gives it, as a class's column does.
			fi.isStatus = true
		}
		e.addDataField(fi, optional)
	}
}

// nestedSchemaObject reports whether a schema entry's object value is a
// nested path of the document rather than a field's options: every entry
// is keyed by a name and none of its values is a literal (options carry
// literals: default: 0, required: true, enum: [...]).
func nestedSchemaObject(v *facts.Expr) bool {
	if len(v.Entries()) == 0 {
		return false
	}
	for _, en := range v.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString && en.Key.Kind != facts.ExprName {
			return false
		}
		if en.Value.IsLiteral() || en.Value.Kind == facts.ExprList {
			return false
		}
	}
	return true
}

// addDataField adds a field read from a data-declared model (a schema's
// field map, a builder's column, an object model's stamps) unless the
// entity has it already under either name; the code's name for it then
// reads the field declared first.
func (e *entityInfo) addDataField(fi *fieldInfo, optional bool) {
	if old := e.attrs[fi.name]; old != nil {
		if e.attrs[fi.attr] == nil {
			e.attrs[fi.attr] = old
		}
		return
	}
	if e.attrs[fi.attr] != nil {
		return
	}
	fi.typ.Optional = optional
	fi.plumbing = plumbingField(fi.name) && fi.fkEntity == ""
	e.fields = append(e.fields, fi)
	e.attrs[fi.name] = fi
	e.attrs[fi.attr] = fi
}

// entryValue returns the value of a dict literal's entry with a string (or
// bare name) key, or nil.
func entryValue(d *facts.Expr, key string) *facts.Expr {
	if d == nil || key == "" {
		return nil
	}
	for i := range d.Entries() {
		k := d.Entries()[i].Key
		if k != nil && ((k.Kind == facts.ExprString && k.Value() == key) || (k.Kind == facts.ExprName && k.Name() == key)) {
			return &d.Entries()[i].Value
		}
	}
	return nil
}
