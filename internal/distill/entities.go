package distill

import (
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// entityInfo is a model class on its way to an entity.
type entityInfo struct {
	name string
	ref  *classRef
	// own is the model's own class while ref stands for an abstract
	// ancestor whose fields are being read (readAncestorFields): a
	// relation "self" there names the concrete model, as in Django.
	own   *classRef
	table string
	// hashedOnSave: code attributes a save hook stores hashed
	// (schema_models.go).
	hashedOnSave map[string]bool
	// uniqueAttrs: code attributes the framework keeps unique
	// (repositories.class_unique).
	uniqueAttrs map[string]bool
	// absentUndefined: the store answers rows without the columns they
	// have no value for (repositories.class_absent_undefined).
	absentUndefined bool
	// fields in declaration order; attrs maps a code attribute name to the
	// spec field it became (user_id -> user).
	fields []*fieldInfo
	attrs  map[string]*fieldInfo
	rels   []*allium.Relationship
	derive []*allium.Derived
	isBase bool // an abstract base of other models, not an entity itself
	weak   bool // a dataclass: emitted only when something uses it
	// pk is the attribute of a primary key not named id (user_id):
	// reading it stands for the instance, as obj.id does.
	pk string
	// discriminator: the column single-table inheritance tells the
	// classes' rows apart by (sti.go).
	discriminator *fieldInfo
	// plainAttrs are attributes the class declares that are no columns
	// (token: str = '' on a declarative model): writing one changes
	// nothing the store keeps.
	plainAttrs map[string]bool
}

type fieldInfo struct {
	name     string
	attr     string // the attribute in code
	typ      *allium.Type
	line     int
	fkTable  string // foreign key target table ("users") or model name
	fkEntity string // resolved target entity
	// cascade: the row goes when the row the key refers to is deleted
	// (catalog cascade_deletes; cascades.go).
	cascade  bool
	plumbing bool // dropped unless a rule uses it
	drop     bool
	used     bool
	isStatus bool // a string column whose literals become an inline enum
	// choices: the values a table of (value, label) pairs the column's
	// declaration names allows (choices=STATUSES), all the states it can
	// hold, whatever literals the code compares it with.
	choices []string
	// unique: the model's declaration makes the store keep the field
	// unique (Mongoose's unique: true, declared_unique.go).
	unique bool
	// lowercased: the store keeps the value lower-cased (Mongoose's
	// lowercase: true), so a creation given x holds lowercase(x).
	lowercased bool
	// inherited: given by a framework base class (catalog), not declared.
	inherited bool
	// parentRow: declared by a concrete parent model whose row the
	// model's row extends (multi-table inheritance, django_models.go);
	// the parent's entity states it, the model's only where a rule uses
	// it through the model.
	parentRow bool
	// ownRelation: the key is a relation field of its own (Django's
	// ForeignKey, TypeORM's @ManyToOne, Prisma's @relation(fields: ...)),
	// named as that relation; no other relationship attribute renames it.
	ownRelation bool
	// uneditable: no model form or serializer writes it (Django's
	// editable=False, auto_now; read_only_fields.go).
	uneditable bool
	// file: the file of the abstract ancestor that declares the field;
	// nil when the entity's own class does.
	file *facts.File
	// dflt: the value a new row gets when its creation does not give one
	// (column_defaults.go).
	dflt allium.Expr
	// declaresDefault: the column declares a default of any kind (a
	// text, a function, the database's), read or not as dflt: a new row
	// a rule does not give the field holds that default, not nothing
	// (cond_fields.go).
	declaresDefault bool
	// dfltFn: a default given as a function of the service the ORM calls
	// for a new row (default=get_expires_at); read when a rule creates
	// the row, in dfltFile.
	dfltFn   *facts.Expr
	dfltFile *facts.File
	// jsonCol, jsonKey: the JSON column and key that hold the field
	// (catalog json_key_columns), "" when it has a column of its own.
	jsonCol, jsonKey string
	// updateStamp: the ORM sets the column to the clock each time it
	// writes a change to the row (update_stamps.go).
	updateStamp bool
}

// enumInfo is an Enum class or a Django choices class.
type enumInfo struct {
	name    string
	ref     *classRef
	members map[string]string // member name -> literal
	order   []string          // literals in order
	// stored: the one-character codes the store keeps, with the literal
	// each stands for (its member's name): "m" -> manager.
	stored map[string]string
}

func (e *entityInfo) field(name string) *fieldInfo {
	for _, f := range e.fields {
		if f.name == name && !f.drop {
			return f
		}
	}
	return nil
}

// attrField is the field a code attribute reads, the relationship beside
// its foreign key included (org for org_id); nil for none.
func (e *entityInfo) attrField(attr string) *fieldInfo {
	if f := e.attrs[attr]; f != nil {
		return f
	}
	if fk := e.attrs[attr+"_id"]; fk != nil && fk.fkEntity != "" {
		return fk
	}
	return nil
}

// frameworkModels declares the framework's own models that the service
// imports and uses as they are (Django's auth User): a class of the given
// base, so that it becomes an entity with that base's fields and foreign
// keys to it resolve.
func (b *builder) frameworkModels() {
	for _, target := range slices.Sorted(maps.Keys(b.lang.FrameworkModels)) {
		base := b.lang.FrameworkModels[target]
		// An installed app's user model is not the service's: that one
		// is the model the settings pick (Django's auth.User is swappable).
		installed := !catalog.Match(b.lang.UserBases, base) && b.installs(target)
		if b.ix.classes[target] != nil || !b.imports(target) && !installed {
			continue
		}
		i := strings.LastIndexByte(target, '.')
		f := &facts.File{Path: frameworkPath + target, Module: target[:i], Language: "python"}
		f.Classes = []facts.Class{{Name: target[i+1:], QualName: target,
			Bases:   []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: base, Raw: base}).WithResolved(base)},
			Methods: b.frameworkMethods(target, base)}}
		if mgr := b.frameworkManager(target, base); mgr != nil {
			f.Classes[0].Fields = append(f.Classes[0].Fields, mgr.field)
			f.Classes = append(f.Classes, mgr.class)
		}
		for k := range f.Classes {
			cr := &classRef{file: f, class: &f.Classes[k]}
			b.ix.setClass(cr.class.QualName, cr)
			for j := range cr.class.Methods {
				fn := &cr.class.Methods[j]
				b.ix.setFunc(fn.QualName, &funcRef{file: f, fn: fn, class: cr.class})
			}
		}
		b.ix.files = append(b.ix.files, f)
	}
}

// frameworkMethods are the methods the catalog gives a framework model's
// base, as code: def revoke(self): self.revoked = <the clock>(), so that a
// call of one is inlined as a method of the service's models is.
func (b *builder) frameworkMethods(target, base string) []facts.Function {
	methods := b.lang.FrameworkMethods[base]
	var out []facts.Function
	for _, name := range slices.Sorted(maps.Keys(methods)) {
		fn := facts.Function{Name: name, QualName: target + "." + name,
			Params: []facts.Param{{Name: b.selfName(), Kind: facts.ParamPositional}}}
		sets := methods[name]
		for _, field := range slices.Sorted(maps.Keys(sets)) {
			var v facts.Expr
			switch val := sets[field]; {
			case val == "now" && len(b.lang.ClockCalls) > 0:
				c := b.lang.ClockCalls[0]
				v = facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, Raw: c}).WithResolved(c)), Raw: c}).WithResolved(c)
			case val == "true" || val == "false":
				v = facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: val, Raw: val})
			default:
				continue
			}
			self := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: b.selfName(), Raw: b.selfName()})
			fn.SetBody(append(fn.Body(), facts.Stmt{Kind: facts.StmtAssign, Value: &v,
				Targets: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: self, Name: field, Raw: self.Raw() + "." + field})}}))
		}
		out = append(out, fn)
	}
	return append(out, b.mailMethods(target, base, out)...)
}

// frameworkPath prefixes the path of the file a framework model is given.
const frameworkPath = "(framework) "

// imports reports whether some file of the service imports target.
func (b *builder) imports(target string) bool {
	for _, f := range b.ix.files {
		for _, im := range f.Imports {
			if im.Target == target {
				return true
			}
		}
	}
	return false
}

// installs reports whether a module-level setting the catalog names
// (INSTALLED_APPS) lists the app whose models module defines target: an
// entry that is the app's module, or its configuration class in the
// app's config module ("graphql_jwt.refresh_token.apps.RefreshTokenConfig").
func (b *builder) installs(target string) bool {
	ia := b.lang.InstalledApps
	i := strings.LastIndexByte(target, '.')
	if i < 0 || ia.ModelsModule == "" {
		return false
	}
	owner, ok := strings.CutSuffix(target[:i], "."+ia.ModelsModule)
	if !ok {
		return false
	}
	for _, f := range b.ix.files {
		for _, c := range f.Constants {
			if c.Value == nil || c.Value.Kind != facts.ExprList && c.Value.Kind != facts.ExprTuple || !slices.Contains(ia.Settings, c.Name) {
				continue
			}
			for _, el := range c.Value.Args() {
				if el.Kind != facts.ExprString {
					continue
				}
				app := el.Value()
				if i := strings.Index(app, "."+ia.ConfigModule+"."); ia.ConfigModule != "" && i >= 0 {
					app = app[:i]
				}
				if app == owner {
					return true
				}
			}
		}
	}
	return false
}

// classify walks every class of the service and records entities, enums,
// settings classes and request shapes.
func (b *builder) classify() {
	b.classLoaderAliases()
	b.memoizedMethodAliases()
	b.frameworkModels()
	b.swappableUserModel()
	b.registryModelClasses()
	var all []*classRef
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			// A test's models and dataclasses (paperless-ngx's
			// PaperlessDirs in documents/tests/conftest.py) are none of
			// the service's.
			continue
		}
		var walk func(c *facts.Class, outer *facts.Class)
		walk = func(c *facts.Class, outer *facts.Class) {
			all = append(all, b.ix.classes[c.QualName])
			for i := range c.Classes {
				walk(&c.Classes[i], c)
			}
		}
		for i := range f.Classes {
			walk(&f.Classes[i], nil)
		}
	}
	memo := map[string]int{}
	for _, cr := range all {
		if cr == nil {
			continue
		}
		switch {
		case b.isEnumClass(cr):
			b.addEnum(cr)
		case b.isModel(cr, memo, 0) == 1:
			b.addEntityClass(cr)
		case b.matchBases(cr, b.lang.SettingsBases):
			b.settings = append(b.settings, cr)
		case b.matchBases(cr, b.lang.RequestBases), b.isFieldForm(cr, 0):
			b.shapes[cr.qual()] = cr
		case b.isDataclass(cr):
			if e := b.addEntityClass(cr); e != nil {
				e.weak = true
			}
		case b.isConstantsClass(cr):
			b.addEnum(cr)
		}
	}
	// A model class that other models subclass and that declares no
	// fields is a declarative base, not an entity.
	for _, e := range b.entList {
		for _, other := range b.entList {
			if other == e {
				continue
			}
			for i := range other.ref.class.Bases {
				if br := b.ix.class(other.ref.file, &other.ref.class.Bases[i]); br != nil && br == e.ref && len(e.fields) == 0 && !declaresAttributes(e.ref.class) {
					e.isBase = true
				}
			}
		}
	}
	b.entList = slices.DeleteFunc(b.entList, func(e *entityInfo) bool {
		if e.isBase || abstractClass(e.ref.class) {
			delete(b.entByQual, e.ref.qual())
			delete(b.entByName, e.name)
			return true
		}
		return false
	})
	b.foldSubclassModels()
	b.renameEnumsNamedAsEntities()
}

// renameEnumsNamedAsEntities gives an enum that has an entity's name one
// of its own, before any field is typed by either: allauth's headless
// Client { app | browser } (headless/constants.py) beside its OIDC Client
// model (idp/oidc/models.py) made one name of two types, the checker
// dropped the entity (E020), and Token.client, a key of the model, read
// as the enum. The enum takes its package's name before its own
// (HeadlessClient), or Kind after it where that is taken too.
func (b *builder) renameEnumsNamedAsEntities() {
	taken := map[string]bool{}
	for _, en := range b.enumList {
		taken[en.name] = true
	}
	for _, en := range b.enumList {
		if b.entByName[en.name] == nil {
			continue
		}
		name := pascal(path.Base(path.Dir(en.ref.file.Path))) + en.name
		if dir := path.Dir(en.ref.file.Path); dir == "." || dir == "/" || taken[name] || b.entByName[name] != nil {
			name = en.name + "Kind"
		}
		if taken[name] || b.entByName[name] != nil {
			continue // left as it is; the checker reports the clash
		}
		b.note("%s:%d: enum %s is named %s: an entity has its name", en.ref.file.Path, en.ref.class.Line, en.name, name)
		taken[name] = true
		en.name = name
	}
}

// declaresAttributes reports whether a class body declares a column-like
// attribute: annotated, or assigned a call (`db.Column(...)`,
// `mapped_column(...)`), dunder settings (__tablename__, __mapper_args__…)
// aside. The fields are not read yet when declarative bases are told apart,
// so a polymorphic base such as `class Users(db.Model)` with columns, which
// `class Admins(Users)` extends, must not be taken for an empty base, while
// `class Base(DeclarativeBase): metadata = SQLModel.metadata` still is one.
func declaresAttributes(c *facts.Class) bool {
	for _, f := range c.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		if f.Annotation != nil || (f.Value != nil && f.Value.Kind == facts.ExprCall) {
			return true
		}
	}
	return false
}

func abstractClass(c *facts.Class) bool {
	for _, kw := range c.Keywords {
		if kw.Name == "abstract" && kw.Value.Kind == facts.ExprBool && kw.Value.Value() == "true" {
			return true // TypeScript's `abstract class`
		}
	}
	for _, f := range c.Fields {
		if f.Name == "__abstract__" && f.Value != nil && f.Value.Kind == facts.ExprBool && f.Value.Value() == "true" {
			return true
		}
	}
	for _, m := range c.Classes {
		if m.Name == "Meta" {
			for _, f := range m.Fields {
				if f.Name == "abstract" && f.Value != nil && f.Value.Value() == "true" {
					return true
				}
			}
		}
	}
	return false
}

func (b *builder) matchBases(cr *classRef, patterns []string) bool {
	for i := range cr.class.Bases {
		base := &cr.class.Bases[i]
		if base.Kind == facts.ExprSubscript && base.X != nil {
			// ModelViewSet[Tag]: a generic base given its type
			// parameter (paperless-ngx's documents/views.py:578).
			base = base.X
		}
		if catalog.MatchAny(patterns, base.Resolved(), base.Raw()) {
			return true
		}
		if parent := b.ix.class(cr.file, base); parent != nil && parent != cr && b.matchBases(parent, patterns) {
			return true
		}
	}
	return false
}

// isEnumClass says whether the class is an enumeration: a subclass of an
// enum base, or a language's own enum declaration (TypeScript's enum).
func (b *builder) isEnumClass(cr *classRef) bool {
	return cr.class.Kind == facts.ClassEnum || b.matchBases(cr, b.lang.EnumBases)
}

func (b *builder) isDataclass(cr *classRef) bool {
	return decoratedBy(cr.class.Decorators, b.lang.DataclassDecorators)
}

// decoratedBy says whether one of the decorators, called or not, is one of
// names.
func decoratedBy(decorators []facts.Expr, names []string) bool {
	for i := range decorators {
		if decoratorCall(&decorators[i], names) != nil || catalog.MatchAny(names, decorators[i].Resolved(), decorators[i].Raw()) {
			return true
		}
	}
	return false
}

// decoratedTable is the table a model decorator names
// (@Entity('users'), @Entity({name: 'users'}), the catalog's
// model_table_options), "" when none does. The table tells which entity
// holds the service's users (usersTableEntity) when its class is named
// otherwise (nestjs-microservice-boilerplate's UserSchema,
// infra/database/postgres/schemas/user.ts:22).
func (b *builder) decoratedTable(decorators []facts.Expr) string {
	for i := range decorators {
		d := decoratorCall(&decorators[i], b.lang.ModelDecorators)
		if d == nil {
			continue
		}
		if args := d.Args(); len(args) > 0 && args[0].Kind == facts.ExprString {
			return args[0].Value()
		}
		// An options object written in place arrives as keywords.
		for _, kw := range d.Keywords() {
			if slices.Contains(b.lang.ModelTableOptions, kw.Name) && kw.Value.Kind == facts.ExprString {
				return kw.Value.Value()
			}
		}
	}
	return ""
}

// decoratorCall returns the decorator when it is a call of one of names.
func decoratorCall(d *facts.Expr, names []string) *facts.Expr {
	if d.Kind == facts.ExprCall && d.X != nil && catalog.MatchAny(names, d.X.Resolved(), d.X.Raw()) {
		return d
	}
	return nil
}

// decoratedColumns gives each field of a decorated model that has no value
// the column or relation decorator it carries as its value (TypeORM's
// `@Column({nullable: true}) email: string` reads as `email: string =
// Column(nullable=true)`), so that a decorated column and a column
// assigned by a call are read by the same code.
func (b *builder) decoratedColumns(c *facts.Class) {
	kinds := [][]string{b.lang.RelationshipCalls, b.lang.ManyToManyCalls, b.lang.ForeignKeyCalls, b.lang.ColumnCalls}
	for i := range c.Fields {
		a := &c.Fields[i]
		if a.Value != nil {
			continue
		}
	kinds:
		for _, names := range kinds {
			for j := range a.Decorators {
				if d := decoratorCall(&a.Decorators[j], names); d != nil {
					a.Value = d
					if m, ok := b.lang.KeySideMarkers[facts.LastSegment(d.X.Raw())]; ok && !decoratedBy(a.Decorators, []string{m}) {
						b.inverseSides[a] = true // @OneToOne with no @JoinColumn
					}
					break kinds
				}
			}
		}
	}
}

// isModel returns 1 when the class is a persisted model, 0 otherwise.
func (b *builder) isModel(cr *classRef, memo map[string]int, depth int) int {
	if v, ok := memo[cr.qual()]; ok {
		return v
	}
	memo[cr.qual()] = 0
	if depth > 8 {
		return 0
	}
	res := 0
	if decoratedBy(cr.class.Decorators, b.lang.ModelDecorators) || b.isTableClass(cr) {
		res = 1
	}
	for i := range cr.class.Bases {
		base := &cr.class.Bases[i]
		// A base the code calls (extends BaseEntity<User>()) is a class a
		// function makes, a domain-class factory of the service, never the
		// ORM's base class, which is extended as it is.
		if base.Kind != facts.ExprCall && catalog.MatchAny(b.lang.ModelBases, base.Resolved(), base.Raw()) && !catalog.MatchAny(b.lang.RequestBases, base.Resolved(), base.Raw()) {
			res = 1
		}
		if parent := b.ix.class(cr.file, base); parent != nil && parent != cr {
			if b.isModel(parent, memo, depth+1) == 1 || decoratedBy(parent.class.Decorators, b.lang.DeclarativeBaseDecorators) {
				res = 1
			}
		} else if c := b.ix.constant(cr.file, base); c != nil && c.as.Value != nil {
			switch v := c.as.Value; v.Kind {
			case facts.ExprCall:
				if catalog.MatchAny(b.lang.DeclarativeBaseCalls, v.Resolved(), v.Raw()) {
					res = 1
				}
			case facts.ExprName, facts.ExprAttr:
				// BaseModel: DefaultMeta = db.Model (lemur's database.py:22):
				// another name for a model base.
				if catalog.MatchAny(b.lang.ModelBases, v.Resolved(), v.Raw()) {
					res = 1
				}
			}
		}
	}
	memo[cr.qual()] = res
	return res
}

// isTableClass reports a SQLModel table: a class given the table keyword
// (`table=True`) that descends from a table base, directly or through a
// plain base of the service that declares the shared columns
// (`class User(UserBase, table=True)` with `class UserBase(SQLModel)`).
func (b *builder) isTableClass(cr *classRef) bool {
	if b.lang.TableKeyword == "" {
		return false
	}
	for _, kw := range cr.class.Keywords {
		if kw.Name == b.lang.TableKeyword && kw.Value.Kind == facts.ExprBool && kw.Value.Value() == "true" {
			return b.matchBases(cr, b.lang.TableBases)
		}
	}
	return false
}

// tableFieldBase reports a plain base of a SQLModel table (a subclass of a
// table base without the table keyword, UserBase): it is no table, and the
// tables that extend it have its fields.
func (b *builder) tableFieldBase(cr *classRef) bool {
	return len(b.lang.TableBases) > 0 && !b.isTableClass(cr) && b.matchBases(cr, b.lang.TableBases)
}

func (b *builder) enumName(cr *classRef) string {
	if cr.outer != nil && !strings.HasPrefix(cr.class.Name, cr.outer.Name) {
		return cr.outer.Name + cr.class.Name
	}
	return cr.class.Name
}

func (b *builder) addEnum(cr *classRef) {
	en := &enumInfo{name: pascal(b.enumName(cr)), ref: cr, members: map[string]string{}}
	for _, f := range cr.class.Fields {
		if strings.HasPrefix(f.Name, "_") || f.Value == nil {
			continue
		}
		if memberTable(f.Value, func(n string) bool { _, ok := en.members[n]; return ok }) {
			continue // CHOICES = [(A, "label"), ...]: a table of the members
		}
		lit := ""
		v := f.Value
		if v.Kind == facts.ExprTuple && len(v.Args()) > 0 {
			v = &v.Args()[0]
		}
		code := v.Kind == facts.ExprString && len([]rune(v.Value())) == 1
		if v.Kind == facts.ExprString && !code && isSnake(snake(v.Value())) && snake(v.Value()) == strings.ToLower(v.Value()) {
			lit = snake(v.Value()) // owner = "Owner": owner
		} else {
			// A one-character code (healthchecks' Member.Role, MANAGER =
			// "m", hc/accounts/models.py:602-605) names nothing a reader
			// knows; the member's name says what it is: manager.
			lit = snake(f.Name)
		}
		if !isSnake(lit) || slices.Contains(en.order, lit) {
			continue
		}
		if code {
			if en.stored == nil {
				en.stored = map[string]string{}
			}
			en.stored[v.Value()] = lit
		}
		en.members[f.Name] = lit
		en.order = append(en.order, lit)
	}
	if len(en.order) == 0 {
		return
	}
	if prev := b.sameNamedEnum(en); prev != nil {
		// polar declares `class Processor(StrEnum): stripe = "stripe"` in
		// models/transaction.py:35 and again in
		// models/processor_transaction.py:16: one type, declared once.
		b.enums[cr.qual()] = prev
		return
	}
	b.enums[cr.qual()] = en
	b.enumList = append(b.enumList, en)
}

// sameNamedEnum is the enum already declared under en's name with the same
// members, which en is another copy of; nil when there is none. An enum of
// that name with other members keeps en apart under a name of its own (its
// module's before its own: TransactionProcessor), or under its own name
// where that is taken too, for the checker to report.
func (b *builder) sameNamedEnum(en *enumInfo) *enumInfo {
	for _, prev := range b.enumList {
		if prev.name != en.name {
			continue
		}
		if slices.Equal(prev.order, en.order) && maps.Equal(prev.members, en.members) && maps.Equal(prev.stored, en.stored) {
			return prev
		}
		name := pascal(strings.TrimSuffix(path.Base(en.ref.file.Path), path.Ext(en.ref.file.Path))) + en.name
		if !slices.ContainsFunc(b.enumList, func(e *enumInfo) bool { return e.name == name }) {
			b.note("%s:%d: enum %s is named %s: another enum has its name", en.ref.file.Path, en.ref.class.Line, en.name, name)
			en.name = name
		}
		return nil
	}
	return nil
}

func (b *builder) addEntityClass(cr *classRef) *entityInfo {
	e := &entityInfo{name: pascal(cr.class.Name), ref: cr, attrs: map[string]*fieldInfo{}}
	if b.entByName[e.name] != nil {
		b.note("entity %s: a second class of this name (%s:%d) was left out", e.name, cr.file.Path, cr.class.Line)
		b.stats.leaveOut(LeftOutDuplicate)
		return nil
	}
	b.entByQual[cr.qual()] = e
	b.entByName[e.name] = e
	b.entList = append(b.entList, e)
	for _, f := range cr.class.Fields {
		if f.Name == "__tablename__" && f.Value != nil && f.Value.Kind == facts.ExprString {
			e.table = f.Value.Value()
		}
	}
	if e.table == "" {
		e.table = b.decoratedTable(cr.class.Decorators)
	}
	if e.table == "" {
		e.table = snake(cr.class.Name) + "s"
	}
	b.singularName(e)
	b.inheritFields(e)
	return e
}

// inheritFields gives an entity the fields its framework base classes
// declare (the catalog's inherited_fields), in base then name order; they
// are kept only where a rule uses them, and a field the model declares
// itself replaces its inherited namesake (readField).
func (b *builder) inheritFields(e *entityInfo) {
	bases := slices.Sorted(maps.Keys(b.lang.InheritedFields))
	for _, base := range bases {
		if !b.matchBases(e.ref, []string{base}) {
			continue
		}
		fields := b.lang.InheritedFields[base]
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			if e.attrs[name] != nil {
				continue
			}
			typ := fields[name]
			t := &allium.Type{Name: strings.TrimSuffix(typ, "?"), Optional: strings.HasSuffix(typ, "?")}
			fi := &fieldInfo{name: name, attr: name, typ: t, line: e.ref.class.Line, plumbing: true, inherited: true}
			e.fields = append(e.fields, fi)
			e.attrs[name] = fi
		}
	}
	for _, base := range slices.Sorted(maps.Keys(b.lang.InheritedRelations)) {
		if !b.matchBases(e.ref, []string{base}) {
			continue
		}
		rels := b.lang.InheritedRelations[base]
		for _, name := range slices.Sorted(maps.Keys(rels)) {
			if e.attrs[name] != nil || e.attrs[name+"_id"] != nil {
				continue
			}
			r := rels[name]
			// Resolved to its entity with the model's declared foreign
			// keys (readFields); a base's subclass through entityForTable.
			fi := &fieldInfo{name: name, attr: name, typ: &allium.Type{Name: "?"}, line: e.ref.class.Line, fkTable: r.To, inherited: true}
			e.fields = append(e.fields, fi)
			e.attrs[name], e.attrs[name+"_id"] = fi, fi
			rev := reverseRel{from: e, field: fi, name: r.RelatedName, line: e.ref.class.Line, single: r.OneToOne}
			if rev.name == "" {
				rev.name, rev.implicit = djangoReverseName(e.ref.class.Name, r.OneToOne), true
			}
			b.pendingReverse = append(b.pendingReverse, rev)
		}
	}
}

// fields reads the columns of every entity. It runs after classify so
// that foreign keys and relationships can name any entity.
func (b *builder) readFields() {
	for _, e := range b.entList {
		if decoratedBy(e.ref.class.Decorators, b.lang.ModelDecorators) {
			b.decoratedColumns(e.ref.class)
		}
		for i := range e.ref.class.Fields {
			b.readField(e, &e.ref.class.Fields[i])
		}
		b.readAncestorFields(e)
	}
	// Resolve foreign keys to entities and name the fields after them.
	for _, e := range b.entList {
		for _, f := range e.fields {
			if f.fkTable == "" || f.fkEntity != "" {
				continue
			}
			f.fkEntity = b.entityForTable(f.fkTable)
			if f.fkEntity == "" {
				f.drop = true
				b.note("%s.%s: foreign key to %q, which is not a model of this service, left out", e.name, f.attr, f.fkTable)
				continue
			}
			f.typ = &allium.Type{Name: f.fkEntity, Optional: f.typ != nil && f.typ.Optional}
			if strings.HasSuffix(f.name, "_id") {
				f.name = strings.TrimSuffix(f.name, "_id")
			}
		}
	}
	// Relationships: forward ones name the FK field, backrefs and
	// back_populates declare the reverse side.
	for _, e := range b.entList {
		for i := range e.ref.class.Fields {
			b.readRelationship(e, &e.ref.class.Fields[i])
		}
	}
	for _, e := range b.entList {
		seen := map[string]bool{}
		for _, f := range e.fields {
			if f.drop {
				continue
			}
			if seen[f.name] {
				f.drop = true
				continue
			}
			seen[f.name] = true
		}
	}
}

func (b *builder) entityForTable(table string) string {
	if catalog.MatchAny(b.lang.UserModelRefs, table) {
		return b.userEntity()
	}
	t := table
	if i := strings.IndexByte(t, '.'); i >= 0 {
		// "users.id" (SQLAlchemy) or "accounts.User" (Django app label).
		if first, rest := t[:i], t[i+1:]; rest == "id" || strings.ToLower(rest) == rest {
			t = first
		} else {
			t = rest
		}
	}
	for _, e := range b.entList {
		if e.table == t || e.name == t || e.ref.class.Name == t {
			return e.name
		}
	}
	// Default table names: Flask-SQLAlchemy's snake_case class name,
	// Django's app_label + "_" + lower-case name.
	for _, e := range b.entList {
		sn := snake(e.ref.class.Name)
		if t == sn || t == sn+"s" || strings.HasSuffix(t, "_"+strings.ToLower(e.ref.class.Name)) {
			return e.name
		}
	}
	// A framework base class (an inherited relation's target): the one
	// model of the service that subclasses it.
	found := ""
	for _, e := range b.entList {
		if e.ref.class.Name != t && b.matchBases(e.ref, []string{t}) {
			if found != "" {
				return ""
			}
			found = e.name
		}
	}
	return found
}

// plumbingField says which fields are implementation unless a rule uses
// them: surrogate ids, secrets and tokens, bookkeeping timestamps.
func plumbingField(name string) bool {
	switch name {
	case "id", "pk", "uuid", "updated_at", "modified_at", "last_modified",
		"salt", "password_salt", "secret", "nonce", "token", "token_hash", "code",
		"is_superuser", "last_login", "user_permissions", "groups":
		return true
	}
	return strings.HasSuffix(name, "_token") || strings.HasSuffix(name, "_secret") || strings.HasSuffix(name, "_salt")
}

// secretField says which fields are secret identifiers: a lookup by one
// stands for the entity itself (the link in an email names the token).
func secretField(name string) bool {
	switch name {
	case "id", "pk", "uuid", "token", "code", "key", "token_hash":
		return true
	}
	return strings.HasSuffix(name, "_token") || strings.HasSuffix(name, "_id")
}

// declaresTokenColumn reports a column named for the purpose of the token
// it keeps (reset_password_token, confirmation_token) that the entity
// declares itself: the token is one attribute of the row (a user's), not
// a row of its own (spent_token_lookups.go). A column named token alone
// may be one too on a row that is not itself a token (taiga's User.token,
// set by the recovery mail and cleared by the reset); on a token's row
// (PasswordResetToken.token) it is the row's key.
func (e *entityInfo) declaresTokenColumn(name string) bool {
	if e == nil || !strings.HasSuffix(name, "_token") && (name != "token" || strings.HasSuffix(e.name, "Token")) {
		return false
	}
	for _, f := range e.fields {
		if f.name == name && !f.inherited {
			return true
		}
	}
	return false
}

func (b *builder) readField(e *entityInfo, a *facts.Assignment) {
	name := a.Name
	if col := b.privateColumnName(a); col != "" {
		// _password = mapped_column("password", ...): the column's name.
		name = col
	}
	if strings.HasPrefix(name, "_") || name == "objects" || name == "Meta" || name == "model_config" ||
		strings.ToUpper(name) == name {
		return
	}
	if a.Value == nil && a.Annotation != nil && b.matchBases(e.ref, b.lang.FieldInstanceBases) {
		// overall_status: str on a Django model: its columns are field
		// instances, so a bare annotation types an attribute the code
		// sets on loaded rows, not a column.
		return
	}
	if b.plainClassAttr(e, a) {
		if e.plainAttrs == nil {
			e.plainAttrs = map[string]bool{}
		}
		e.plainAttrs[a.Name] = true
		return
	}
	fi := &fieldInfo{name: bindingName(name), attr: a.Name, line: a.Line}
	if !isSnake(fi.name) {
		return
	}
	v := a.Value
	var call *facts.Expr
	if v != nil && v.Kind == facts.ExprCall {
		call = v
		if col := b.columnFactory(e.ref.file, call); col != nil {
			call = col
		}
	}
	if call != nil && catalog.MatchAny(b.lang.RelationshipCalls, call.Resolved(), call.Raw()) || b.inverseSides[a] {
		return // read by readRelationship
	}
	optional := false
	nullableKnown := false
	// Annotation: Mapped[T], Optional[T], T | None, list[T].
	lits := b.literalUnion(e.ref.file, a.Annotation)
	if len(lits) > 1 {
		// A union of string literals (status: 'pending' | 'accepted'):
		// the states of a status field.
		fi.typ, fi.isStatus, nullableKnown = &allium.Type{Name: "String"}, true, true
		for _, l := range lits {
			b.ownStatusLit(fi, l)
		}
	} else if a.Annotation != nil {
		t, opt, many := b.annotationType(e.ref.file, a.Annotation)
		if many {
			return // a relationship collection, declared by readRelationship
		}
		if t != nil {
			fi.typ = t
			optional = opt
			nullableKnown = true
		}
	}
	if call != nil {
		callee := call.Resolved()
		isColumn := catalog.MatchAny(b.lang.ColumnCalls, call.Resolved(), call.Raw())
		switch {
		case isColumn:
			for i := range call.Args() {
				arg := &call.Args()[i]
				if fk := b.foreignKey(arg); fk != "" {
					fi.fkTable = fk
					// sa.ForeignKey("auth_user.user_id", ondelete="CASCADE")
					fi.cascade = b.cascades(arg)
					continue
				}
				if t := b.columnType(e.ref.file, arg); t != nil && fi.typ == nil {
					fi.typ = t
				}
			}
			if kw := call.Keyword("nullable"); kw != nil {
				optional = kw.Value() == "true"
				nullableKnown = true
			}
			if kw := call.Keyword("foreign_key"); kw != nil && kw.Kind == facts.ExprString {
				fi.fkTable = kw.Value()
				// SQLModel's Field(foreign_key="user.id", ondelete="CASCADE")
				fi.cascade = b.cascades(call)
			}
			if !nullableKnown && a.Annotation == nil && !strings.Contains(callee, "Field") {
				// SQLAlchemy's Column is nullable unless said otherwise.
				optional = true
			}
		case catalog.MatchAny(b.lang.ForeignKeyCalls, call.Resolved(), call.Raw()):
			fi.fkTable = b.relationTarget(e, call)
			fi.ownRelation = true
			single := facts.LastSegment(call.Raw()) == "OneToOneField"
			fi.cascade = b.cascades(call)
			e.attrs[name+"_id"] = fi
			for _, k := range b.lang.KeyColumnArgs {
				if cols := call.Keyword(k); cols != nil && cols.Kind == facts.ExprList {
					for _, col := range cols.Args() {
						e.attrs[col.Raw()] = fi // userId of @relation(fields: [userId])
					}
				}
			}
			if rn := call.Keyword("related_name"); rn != nil && rn.Kind == facts.ExprString && rn.Value() != "+" {
				b.pendingReverse = append(b.pendingReverse, reverseRel{from: e, field: fi, name: rn.Value(), line: a.Line, single: single})
			} else if rn == nil {
				b.pendingReverse = append(b.pendingReverse, reverseRel{from: e, field: fi, name: djangoReverseName(e.ref.class.Name, single), line: a.Line, implicit: true, single: single})
			}
			fi.typ = &allium.Type{Name: "?"}
		case catalog.MatchAny(b.lang.ManyToManyCalls, call.Resolved(), call.Raw()):
			target := b.relationTarget(e, call)
			if t := b.entityForTable(target); t != "" {
				fi.typ = &allium.Type{Name: "Set", Args: []*allium.Type{{Name: t}}}
			} else {
				b.note("%s.%s: many-to-many to %q left out", e.name, name, target)
				return
			}
		default:
			if t := b.lang.TypeOf(callee); t != "" && strings.Contains(facts.LastSegment(callee), "Field") {
				fi.typ = &allium.Type{Name: t}
			} else if t := b.lang.TypeOf(callee); t != "" && fi.typ == nil {
				fi.typ = &allium.Type{Name: t}
			} else if fi.typ == nil {
				return
			}
		}
		fi.dflt = b.columnDefault(call)
		fi.declaresDefault = declaresDefault(call)
		fi.uneditable = b.uneditableColumn(call)
		if catalog.MatchAny(b.lang.JSONKeyColumns, call.Resolved(), call.Raw()) && len(call.Args()) >= 3 &&
			call.Args()[1].Kind == facts.ExprString && call.Args()[2].Kind == facts.ExprString {
			fi.jsonCol, fi.jsonKey = call.Args()[1].Value(), call.Args()[2].Value()
		}
		if d := call.Keyword("default"); fi.dflt == nil && len(lits) > 1 && d != nil && d.Kind == facts.ExprString && slices.Contains(lits, d.Value()) {
			// One of the states the type declares: the initial state.
			fi.dflt = &allium.Ident{Name: d.Value()}
		}
		if fi.dflt == nil {
			fi.dfltFn, fi.dfltFile = b.columnDefaultFunc(call), e.ref.file
		}
		// Django options.
		if kw := call.Keyword("null"); kw != nil {
			optional = kw.Value() == "true"
		}
		if kw := call.Keyword("primary_key"); kw != nil && kw.Value() == "true" {
			if fi.fkTable == "" || primaryKeys(e.ref.class) < 2 {
				e.pk = a.Name
				return
			}
			// One of the keys of a composite key: of an association row,
			// keyed by the rows it links (user_id and organization_id),
			// or beside a key of its own (mealie's shopping-list recipe
			// references: id and shopping_list_id). The reference is a
			// field. A foreign key that is the row's only key is its
			// identity (joined-table inheritance), dropped as ids are.
			optional = false
		}
		if kw := call.Keyword("choices"); kw != nil {
			if en := b.choicesEnum(e.ref, kw); en != nil {
				fi.typ = &allium.Type{Name: en.name}
			} else if vals := b.choicesTable(e.ref.file, kw, call.Keyword("default")); len(vals) > 1 && fi.typ != nil && fi.typ.Name == "String" {
				fi.isStatus, fi.choices = true, vals
			}
		}
		if kw := call.Keyword("default"); kw != nil && kw.Kind == facts.ExprString && fi.typ != nil && fi.typ.Name == "String" {
			fi.isStatus = true
		}
		if kw := call.Keyword("default"); kw != nil && kw.Kind == facts.ExprAttr && fi.typ != nil && fi.typ.Name == "String" {
			// @Column({ default: AuthProvidersEnum.email }) provider:
			// string (held-out brocoders/nestjs-boilerplate's
			// user.entity.ts:35-36): a string column whose default is a
			// member of an enumeration holds that enumeration's values.
			if en := b.enumArg(e.ref.file, kw.X); en != nil {
				fi.typ = &allium.Type{Name: en.name}
			}
		}
		// An Enum(SomeEnum) column type.
		for i := range call.Args() {
			if en := b.enumArg(e.ref.file, &call.Args()[i]); en != nil {
				fi.typ = &allium.Type{Name: en.name}
			}
		}
	} else if v != nil && fi.typ == nil {
		return // a class attribute that is not a column
	}
	if call == nil && v != nil && v.Kind == facts.ExprBool && a.Annotation != nil {
		// is_active: bool = True on an annotated model (SQLModel,
		// fastapi-full-stack's UserBase, backend/app/models.py:16-17): the
		// flag's default, as Field(default=True) gives it.
		fi.dflt = &allium.Lit{Kind: allium.LitBool, Text: v.Value()}
	}
	fi.updateStamp = b.isUpdateStamp(a, call)
	if fi.typ == nil && fi.fkTable != "" {
		fi.typ = &allium.Type{Name: "?"} // a key of a custom type: the reference is what matters
	}
	if fi.typ == nil {
		return
	}
	if fi.fkTable != "" && fi.typ.Name != "?" {
		fi.typ = &allium.Type{Name: "?"}
	}
	fi.typ.Optional = optional
	if statusName(fi.name) {
		if fi.typ.Name == "String" {
			fi.isStatus = true
		}
	}
	// A Boolean is a flag, never a secret: one named after a token
	// (password_based_token) records how the token was obtained, and a
	// model's own is_superuser column is a role its creation defaults.
	// A column the schema declares as a stamp by its kind (@updatedAt,
	// @UpdateDateColumn()) is what the schema says of every row, not
	// plumbing the code happens to carry; a column stamped through an
	// option (onupdate=func.now()) stays plumbing unless a rule states it.
	fi.plumbing = plumbingField(fi.name) && fi.typ.Name != "Boolean" && !b.stampMarked(a)
	if fi.fkTable != "" {
		fi.plumbing = false
	}
	if old := e.attrs[name]; old != nil && old.inherited {
		e.fields = slices.DeleteFunc(e.fields, func(f *fieldInfo) bool { return f == old })
	}
	e.fields = append(e.fields, fi)
	e.attrs[name] = fi
	e.attrs[a.Name] = fi // _password, the attribute of the column password
}

// literalUnion returns the string literals of a type that is a union of
// them, spelt out or through a type alias; nil for any other type.
func (b *builder) literalUnion(f *facts.File, t *facts.Expr) []string {
	for range 4 {
		if t == nil || t.Kind != facts.ExprName && t.Kind != facts.ExprAttr {
			break
		}
		alias := b.ix.typeAlias(f, t)
		if alias == nil {
			return nil
		}
		f, t = alias.file, alias.as.Value
	}
	var lits []string
	var walk func(x *facts.Expr) bool
	walk = func(x *facts.Expr) bool {
		switch {
		case x == nil:
			return false
		case x.Kind == facts.ExprBinary && x.Op() == "|":
			return walk(x.X) && walk(x.Y)
		case x.Kind == facts.ExprString && isSnake(x.Value()):
			lits = append(lits, x.Value())
			return true
		}
		return false
	}
	if !walk(t) {
		return nil
	}
	return lits
}

type reverseRel struct {
	from     *entityInfo
	field    *fieldInfo
	name     string
	line     int
	implicit bool // Django's default <model>_set: declared only if a rule uses it
	single   bool // a one-to-one: the reverse side is one instance
}

// annotationType maps a type annotation to a domain type. many reports a
// collection (a relationship's list side).
func (b *builder) annotationType(f *facts.File, a *facts.Expr) (t *allium.Type, optional, many bool) {
	return b.annotationTypeThrough(f, a, 0)
}

// annotationTypeThrough is annotationType, following module-level aliases
// of an Annotated type (warehouse's bool_false = Annotated[bool,
// mapped_column(server_default=sql.false())], used as Mapped[bool_false])
// up to depth 4.
func (b *builder) annotationTypeThrough(f *facts.File, a *facts.Expr, depth int) (t *allium.Type, optional, many bool) {
	if a == nil {
		return nil, false, false
	}
	switch a.Kind {
	case facts.ExprSubscript:
		head := facts.LastSegment(a.X.Raw())
		switch head {
		case "Mapped", "Annotated", "ClassVar", "Final":
			inner := a.Y
			if inner != nil && inner.Kind == facts.ExprTuple && len(inner.Args()) > 0 {
				inner = &inner.Args()[0]
			}
			if head == "ClassVar" {
				return nil, false, false
			}
			return b.annotationTypeThrough(f, inner, depth)
		case "Optional":
			t, _, many := b.annotationTypeThrough(f, a.Y, depth)
			return t, true, many
		case "list", "List", "set", "Set", "Sequence", "tuple", "Tuple", "Iterable", "Array":
			return nil, false, true
		}
		return nil, false, false
	case facts.ExprBinary:
		if a.Op() == "|" {
			if a.Y != nil && a.Y.Kind == facts.ExprNone {
				t, _, many := b.annotationTypeThrough(f, a.X, depth)
				return t, true, many
			}
			if a.X != nil && a.X.Kind == facts.ExprNone {
				t, _, many := b.annotationTypeThrough(f, a.Y, depth)
				return t, true, many
			}
		}
		return nil, false, false
	case facts.ExprString:
		// A forward reference "User".
		return b.annotationTypeThrough(f, new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: a.Value(), Raw: a.Value()}).WithResolved(a.Value())), depth)
	case facts.ExprName, facts.ExprAttr:
		if en := b.enumArg(f, a); en != nil {
			return &allium.Type{Name: en.name}, false, false
		}
		if cr := b.ix.class(f, a); cr != nil {
			if ent := b.entByQual[cr.qual()]; ent != nil {
				return &allium.Type{Name: "?", Args: []*allium.Type{{Name: ent.name}}}, false, false
			}
		}
		if t := b.lang.TypeOf(a.Raw()); t != "" {
			return &allium.Type{Name: t}, false, false
		}
		if c := b.ix.constant(f, a); c != nil && depth < 4 {
			if v := c.as.Value; v != nil && v.Kind == facts.ExprSubscript && v.X != nil && facts.LastSegment(v.X.Raw()) == "Annotated" {
				return b.annotationTypeThrough(c.file, v, depth+1)
			}
		}
	case facts.ExprNone:
		return nil, true, false
	}
	return nil, false, false
}

func (b *builder) enumArg(f *facts.File, a *facts.Expr) *enumInfo {
	if a == nil {
		return nil
	}
	if a.Kind == facts.ExprCall && len(a.Args()) > 0 {
		return b.enumArg(f, &a.Args()[0])
	}
	if cr := b.ix.class(f, a); cr != nil {
		return b.enums[cr.qual()]
	}
	return nil
}

// choicesEnum resolves `choices=Status.choices` (a nested or imported
// choices class) or a literal list of pairs.
func (b *builder) choicesEnum(owner *classRef, kw *facts.Expr) *enumInfo {
	if elt, _, iter, conds, ok := kw.Comprehension(); ok && len(conds) == 0 && elt.Kind == facts.ExprTuple && len(elt.Args()) == 2 {
		// choices=[(name.upper(), name) for name, _ in Events.CHOICES]
		// (saleor CustomerEvent.type, account/models.py:396-401): one
		// (value, label) pair per member of the enumeration the table
		// iterated belongs to, the field's values are its members. A
		// filtered comprehension keeps only some, so it gives no type.
		return b.choicesEnum(owner, iter)
	}
	if kw.Kind == facts.ExprAttr && kw.Name() == "choices" && kw.X != nil {
		x := kw.X
		for _, c := range owner.class.Classes {
			if c.Name == x.Raw() {
				return b.enums[c.QualName]
			}
		}
		return b.enumArg(owner.file, x)
	}
	if kw.Kind == facts.ExprAttr && kw.X != nil {
		// choices=VoucherType.CHOICES: a constants class's table of
		// its own members.
		if en := b.enumArg(owner.file, kw.X); en != nil {
			for _, f := range en.ref.class.Fields {
				if f.Name == kw.Name() && f.Value != nil && memberTable(f.Value, func(n string) bool { _, ok := en.members[n]; return ok }) {
					return en
				}
			}
		}
	}
	return nil
}

// choicesTable is the values of `choices=STATUSES`, a module constant
// holding a tuple or list of (value, label) pairs of strings
// (healthchecks' STATUSES, hc/api/models.py:37, which Check.status and
// Flip.old_status and new_status name), each as the spec spells a state,
// the default first; nil for any other table, or one with a value the
// spec cannot spell.
func (b *builder) choicesTable(f *facts.File, kw, dflt *facts.Expr) []string {
	if kw.Kind != facts.ExprName {
		return nil
	}
	c := b.ix.constant(f, kw)
	if c == nil || c.as.Value == nil || c.as.Value.Kind != facts.ExprTuple && c.as.Value.Kind != facts.ExprList {
		return nil
	}
	var vals []string
	for _, pair := range c.as.Value.Args() {
		if pair.Kind != facts.ExprTuple || len(pair.Args()) != 2 || pair.Args()[0].Kind != facts.ExprString {
			return nil
		}
		v := pair.Args()[0].Value()
		if !isSnake(v) || slices.Contains(vals, v) {
			return nil
		}
		vals = append(vals, v)
	}
	if dflt != nil && dflt.Kind == facts.ExprString {
		if i := slices.Index(vals, dflt.Value()); i > 0 {
			first := vals[i]
			copy(vals[1:i+1], vals[:i])
			vals[0] = first
		}
	}
	return slices.Clip(vals)
}

func (b *builder) foreignKey(arg *facts.Expr) string {
	if arg.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.ForeignKeyCalls, arg.Resolved(), arg.Raw()) || len(arg.Args()) == 0 {
		return ""
	}
	a := &arg.Args()[0]
	if a.Kind == facts.ExprString {
		return a.Value()
	}
	if a.Kind == facts.ExprAttr && a.Name() == "id" && a.X != nil {
		return a.X.Raw()
	}
	return a.Raw()
}

// primaryKeys counts the columns of a class that are primary keys.
func primaryKeys(c *facts.Class) int {
	n := 0
	for i := range c.Fields {
		call := c.Fields[i].Value
		if call == nil || call.Kind != facts.ExprCall {
			continue
		}
		if kw := call.Keyword("primary_key"); kw != nil && kw.Value() == "true" {
			n++
		}
	}
	return n
}

// relationTarget names the model a relation field of e points to, given
// first or as to= (ForeignKey(to="dcim.Region")); "" when neither is
// there. A self reference (ForeignKey("self"), a tree of rows) names e's
// own class, also when an abstract base declares it.
func (b *builder) relationTarget(e *entityInfo, call *facts.Expr) string {
	var a *facts.Expr
	if len(call.Args()) > 0 {
		a = &call.Args()[0]
	} else if a = call.Keyword("to"); a == nil {
		return ""
	}
	name := b.modelRefName(e.ref.file, a)
	if slices.Contains(b.lang.SelfModelRefs, name) {
		if e.own != nil {
			return e.own.class.Name
		}
		return e.ref.class.Name
	}
	return name
}

// modelRefName names the target of a Django relation: a class, "self" or
// "app_label.Model".

func (b *builder) modelRefName(f *facts.File, a *facts.Expr) string {
	switch a.Kind {
	case facts.ExprString:
		return a.Value()
	case facts.ExprName, facts.ExprAttr:
		if cr := b.ix.class(f, a); cr != nil {
			return cr.class.Name
		}
		if catalog.MatchAny(b.lang.UserModelRefs, a.Raw()) {
			return a.Raw() // settings.AUTH_USER_MODEL: resolved to the user model
		}
		return facts.LastSegment(a.Raw())
	case facts.ExprCall:
		if catalog.MatchAny(b.lang.UserModelRefs, a.Raw()) {
			return a.Raw()
		}
	case facts.ExprFunction:
		// A function that gives the model (TypeORM's lazy () => User).
		if fn := a.Func(); fn != nil && len(fn.Params) == 0 && len(fn.Body()) == 1 && fn.Body()[0].Kind == facts.StmtReturn && fn.Body()[0].Value != nil {
			return b.modelRefName(f, fn.Body()[0].Value)
		}
	}
	return ""
}

func (b *builder) columnType(f *facts.File, arg *facts.Expr) *allium.Type {
	switch arg.Kind {
	case facts.ExprName, facts.ExprAttr:
		if en := b.enumArg(f, arg); en != nil {
			return &allium.Type{Name: en.name}
		}
		if t := b.lang.TypeOf(arg.Raw()); t != "" {
			return &allium.Type{Name: t}
		}
	case facts.ExprCall:
		if en := b.enumArg(f, arg); en != nil {
			return &allium.Type{Name: en.name}
		}
		if t := b.lang.TypeOf(arg.Raw()); t != "" {
			return &allium.Type{Name: t}
		}
		if arg.X != nil && len(arg.Args()) > 0 && catalog.MatchAny(b.lang.ArrayTypes, facts.LastSegment(arg.X.Raw())) {
			// ARRAY(String): many values of the element type.
			if elem := b.columnType(f, &arg.Args()[0]); elem != nil && elem.Name != "Set" {
				return &allium.Type{Name: "Set", Args: []*allium.Type{elem}}
			}
		}
	}
	return nil
}

// readRelationship handles `x = relationship("User", backref=...)` and
// `xs: Mapped[list[X]] = relationship(back_populates="y")`.
func (b *builder) readRelationship(e *entityInfo, a *facts.Assignment) {
	v := a.Value
	if v == nil || v.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.RelationshipCalls, v.Resolved(), v.Raw()) && !b.inverseSides[a] {
		return
	}
	target := ""
	if len(v.Args()) > 0 {
		target = b.modelRefName(e.ref.file, &v.Args()[0])
	}
	many := false
	if a.Annotation != nil {
		if t, _, m := b.annotationType(e.ref.file, a.Annotation); m {
			many = true
			target = b.collectionTarget(e.ref.file, a.Annotation)
		} else if t != nil && t.Name == "?" && len(t.Args) == 1 {
			target = t.Args[0].Name
		}
	}
	tgt := b.entByName[pascal(target)]
	if tgt == nil {
		if t := b.entityForTable(target); t != "" {
			tgt = b.entByName[t]
		}
	}
	if tgt == nil {
		return
	}
	if v.Keyword("secondary") != nil {
		// follows = relationship("UserProfile", secondary=followers_assoc):
		// the rows linked through an association table, a set of them, or
		// at most one with uselist=False or a single Mapped[X]. Neither
		// side holds a key, so back_populates names the other side's set,
		// not a field this side could be found by.
		typ := &allium.Type{Name: "Set", Args: []*allium.Type{{Name: tgt.name}}}
		if u := v.Keyword("uselist"); u != nil && u.Kind == facts.ExprBool && u.Value() == "false" || a.Annotation != nil && !many {
			typ = &allium.Type{Name: tgt.name, Optional: true}
		}
		fi := &fieldInfo{name: snake(a.Name), attr: a.Name, line: a.Line, typ: typ}
		e.fields = append(e.fields, fi)
		e.attrs[a.Name] = fi
		return
	}
	// Forward side: this entity has a foreign key to the target.
	var fk *fieldInfo
	for _, f := range e.fields {
		// A key that is a relation of its own belongs to that relation:
		// linkwarden's User has parentSubscription (the key) and
		// subscriptions Subscription? (the other side of Subscription's
		// user), which is no name for it (packages/prisma/schema.prisma).
		if !f.drop && f.fkEntity == tgt.name && !f.ownRelation {
			fk = f
			break
		}
	}
	if fk != nil {
		if col, own, ok := namedKey(e, v.Keyword("foreign_keys")); ok {
			// foreign_keys names the key the relationship runs over: a
			// column of this class (captain = relationship("Users",
			// foreign_keys=[captain_id])) makes it the forward side over
			// that key, and a column of the target ("Users.team_id")
			// the reverse side, whatever key to the target this class
			// also has. CTFd's Teams.members (models/__init__.py:638-640)
			// had been read as its captain_id (:653), so len(team.members)
			// said length(team.captain).
			fk = nil
			if own {
				for _, f := range e.fields {
					if !f.drop && f.fkEntity == tgt.name && !f.ownRelation && (f.attr == col || f.name == col) {
						fk = f
						break
					}
				}
				if fk == nil {
					return
				}
			}
		}
	}
	backref, backSingle := "", false
	if kw := v.Keyword("backref"); kw != nil {
		if kw.Kind == facts.ExprString {
			backref = kw.Value()
		} else if kw.Kind == facts.ExprCall && len(kw.Args()) > 0 && kw.Args()[0].Kind == facts.ExprString {
			// backref("profile", uselist=False): the other side is one row.
			backref = kw.Args()[0].Value()
			u := kw.Keyword("uselist")
			backSingle = u != nil && u.Kind == facts.ExprBool && u.Value() == "false"
		}
	}
	backPop := ""
	if kw := v.Keyword("back_populates"); kw != nil && kw.Kind == facts.ExprString {
		backPop = kw.Value()
	}
	if fk != nil && !many {
		// Rename the FK field after the relationship attribute.
		delete(e.attrs, a.Name)
		fk.name = snake(a.Name)
		e.attrs[a.Name] = fk
		if backref != "" {
			tgt.rels = append(tgt.rels, &allium.Relationship{Meta: b.meta(e.ref.file, a.Line), Name: snake(backref), Entity: e.name,
				With: &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: fk.name}, Y: &allium.Ident{Name: "this"}}})
			if backSingle {
				b.singleRels[tgt.name+"."+snake(backref)] = true
			}
		}
		return
	}
	if fk == nil && !many && a.Annotation == nil && (backref != "" || backPop != "") {
		// users = db.relationship("User", backref="role") with no key
		// here: the one side of a one-to-many (unless uselist=False),
		// whose other side the backref names.
		if kw := v.Keyword("uselist"); kw == nil || kw.Value() != "false" {
			many = true
		}
	}
	single := false
	if fk == nil && !many && a.Annotation != nil {
		if t, _, _ := b.annotationType(e.ref.file, a.Annotation); t != nil && t.Name == "?" {
			// profile: Profile? with the key on the other side: the
			// other side of a one-to-one, as TypeORM's without @JoinColumn.
			b.inverseSides[a] = true
		}
	}
	if fk == nil && !many && b.inverseSides[a] {
		many, single = true, true // the other side of a one-to-one holds the key
	}
	if many {
		// Reverse side: the target holds the foreign key.
		field := backPop
		if field == "" {
			field = reverseKey(e, tgt, v.Keyword("foreign_keys"))
		}
		if field == "" {
			return
		}
		e.rels = append(e.rels, &allium.Relationship{Meta: b.meta(e.ref.file, a.Line), Name: snake(a.Name), Entity: tgt.name,
			With: &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: snake(field)}, Y: &allium.Ident{Name: "this"}}})
		if single {
			b.singleRels[e.name+"."+snake(a.Name)] = true
		}
	}
}

// namedKey reads a relationship's foreign_keys: the column it names, and
// whether that column is e's own (a bare name, or one qualified by e's
// class) rather than the target's ("Users.team_id"). ok is false when it
// names none, or more than one.
func namedKey(e *entityInfo, named *facts.Expr) (col string, own, ok bool) {
	if named == nil {
		return "", false, false
	}
	if named.Kind == facts.ExprList {
		if len(named.Args()) != 1 {
			return "", false, false
		}
		named = &named.Args()[0]
	}
	raw := named.Raw()
	if named.Kind == facts.ExprString {
		raw = strings.Trim(named.Value(), "[] ")
		if strings.Contains(raw, ",") {
			return "", false, false
		}
	}
	col = facts.LastSegment(raw)
	if col == "" {
		return "", false, false
	}
	owner := strings.TrimSuffix(strings.TrimSuffix(raw, col), ".")
	own = owner == "" || e.ref != nil && facts.LastSegment(owner) == e.ref.class.Name
	return col, own, true
}

// reverseKey names the key of tgt that a one-to-many from e runs over: the
// one foreign_keys=[T.col] names, else the only key tgt has to e. Two keys
// to e and nothing naming one (a follow table's follower and followed)
// leave it unknown: either pick could state the wrong side.
func reverseKey(e, tgt *entityInfo, named *facts.Expr) string {
	var keys []*fieldInfo
	for _, f := range tgt.fields {
		if f.fkEntity == e.name && !f.drop {
			keys = append(keys, f)
		}
	}
	if named != nil {
		if named.Kind == facts.ExprList && len(named.Args()) == 1 {
			named = &named.Args()[0]
		}
		col := facts.LastSegment(named.Raw())
		if named.Kind == facts.ExprString {
			// foreign_keys="[Follow.follower_id]": the same, as text.
			col = facts.LastSegment(strings.Trim(named.Value(), "[] "))
		}
		for _, f := range keys {
			if f.attr == col || f.name == col {
				return f.name
			}
		}
		return ""
	}
	if len(keys) == 1 {
		return keys[0].name
	}
	return ""
}

func (b *builder) collectionTarget(f *facts.File, a *facts.Expr) string {
	for a != nil && a.Kind == facts.ExprSubscript {
		head := facts.LastSegment(a.X.Raw())
		a = a.Y
		if head == "list" || head == "List" || head == "set" || head == "Set" || head == "Sequence" {
			break
		}
	}
	if a == nil {
		return ""
	}
	if a.Kind == facts.ExprString {
		return a.Value()
	}
	if cr := b.ix.class(f, a); cr != nil {
		return cr.class.Name
	}
	return facts.LastSegment(a.Raw())
}

// resolveReverse declares the Django related_name sides once foreign keys
// know their targets.
func (b *builder) resolveReverse() {
	for _, r := range b.pendingReverse {
		if r.field.drop || r.field.fkEntity == "" {
			continue
		}
		tgt := b.entByName[r.field.fkEntity]
		if tgt == nil || !isSnake(r.name) {
			continue
		}
		rel := &allium.Relationship{Meta: b.meta(r.from.ref.file, r.line), Name: r.name, Entity: r.from.name,
			With: &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: r.field.name}, Y: &allium.Ident{Name: "this"}}}
		if r.single {
			b.singleRels[tgt.name+"."+r.name] = true
		}
		if r.implicit {
			b.implicitRels[tgt.name+"."+r.name] = rel
			continue
		}
		tgt.rels = append(tgt.rels, rel)
	}
}

// relationshipFor finds the relationship of owner that lists entity
// through fkField (user.sessions for Session.user). An implicit Django
// reverse relationship (user.session_set) is found too, but joins owner's
// declared relationships only when the caller uses it (adopt).
func (b *builder) relationshipFor(owner, entity, fkField string) (r *allium.Relationship, adopt func()) {
	e := b.entByName[owner]
	if e == nil {
		return nil, nil
	}
	for _, r := range e.rels {
		if r.Entity != entity {
			continue
		}
		if bin, ok := r.With.(*allium.Binary); ok {
			if id, ok := bin.X.(*allium.Ident); ok && id.Name == fkField {
				return r, func() {}
			}
		}
	}
	for _, name := range []string{djangoReverseName(entity, false), djangoReverseName(entity, true), snake(plural(entity))} {
		key := owner + "." + name
		if r := b.implicitRels[key]; r != nil {
			return r, func() {
				if b.implicitRels[key] == r {
					e.rels = append(e.rels, r)
					delete(b.implicitRels, key)
				}
			}
		}
	}
	return nil, nil
}

// djangoReverseName is the name Django gives the reverse side of a foreign
// key declared without related_name: the model's name in lower case, with
// "_set" for a many-to-one (user.session_set), without for a one-to-one
// (user.profile).
func djangoReverseName(model string, single bool) string {
	if single {
		return strings.ToLower(model)
	}
	return strings.ToLower(model) + "_set"
}

func litInt(e *facts.Expr) (int64, bool) {
	if e == nil || e.Kind != facts.ExprInt {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.ReplaceAll(e.Value(), "_", ""), 0, 64)
	return v, err == nil
}

// statusName reports a column name that says the column holds a state
// (status, state, role, *_status): a string column so named takes as
// its values the literals the service compares with it and gives it.
func statusName(n string) bool {
	return n == "status" || n == "state" || n == "role" || strings.HasSuffix(n, "_status")
}
