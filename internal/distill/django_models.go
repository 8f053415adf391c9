package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Model inheritance through abstract bases of the service (Django's
// `class Meta: abstract = True`, SQLAlchemy's `__abstract__ = True`, or a
// model base that classify drops because it is no entity of its own):
// the concrete model has the fields its abstract ancestors declare, as if
// it had declared them itself. A field the model declares wins over its
// ancestors', and an earlier base wins over a later one (Python's method
// resolution order, depth first for the simple hierarchies models use).

// abstractAncestors lists, in resolution order, the model classes of the
// service that cr inherits from and that are no entity themselves.
func (b *builder) abstractAncestors(cr *classRef) []*classRef {
	var out []*classRef
	seen := map[string]bool{cr.qual(): true}
	memo := map[string]int{}
	var visit func(c *classRef, depth int)
	visit = func(c *classRef, depth int) {
		if depth > 8 {
			return
		}
		for i := range c.class.Bases {
			parent := b.ix.class(c.file, &c.class.Bases[i])
			if parent == nil || seen[parent.qual()] {
				continue
			}
			seen[parent.qual()] = true
			if b.entByQual[parent.qual()] != nil {
				// A concrete model of its own (multi-table inheritance):
				// its fields are its entity's.
				continue
			}
			if (!abstractClass(parent.class) || b.isModel(parent, memo, 0) != 1 && !b.declaresColumns(parent.class)) && !b.columnMixin(parent) && !b.tableFieldBase(parent) {
				// Only a base marked abstract (or one that declares
				// columns: TypeORM's abstract entity bases), or a plain
				// mixin of columns: a concrete parent that classify left
				// out is a polymorphic table, not fields to copy.
				continue
			}
			out = append(out, parent)
			visit(parent, depth+1)
		}
	}
	visit(cr, 0)
	return out
}

// columnMixin reports a plain class of columns that models mix in
// (SQLAlchemy's declarative mixins: redash's TimestampMixin with
// created_at = Column(...)): it has no base of its own and declares a
// column (the catalog's column_calls); each model that mixes it in has
// its columns. `object`, the root every Python class has, is no base:
// dispatch's TimeStampMixin(object) (src/dispatch/models.py:37) is such a
// mixin.
func (b *builder) columnMixin(c *classRef) bool {
	for i := range c.class.Bases {
		if base := &c.class.Bases[i]; base.Kind != facts.ExprName || base.Name() != "object" {
			return false
		}
	}
	for i := range c.class.Fields {
		if v := c.class.Fields[i].Value; v != nil && v.Kind == facts.ExprCall && catalog.MatchAny(b.lang.ColumnCalls, v.Resolved(), v.Callee()) {
			return true
		}
	}
	return false
}

// declaresColumns reports a class whose fields carry a catalogued column
// decorator: an abstract base of TypeORM entities (@CreateDateColumn()
// created_at) is a model base whether or not it extends one.
func (b *builder) declaresColumns(c *facts.Class) bool {
	for i := range c.Fields {
		if decoratedBy(c.Fields[i].Decorators, b.lang.ColumnCalls) {
			return true
		}
	}
	return false
}

// readAncestorFields reads into e the fields of its abstract ancestors
// that e does not declare itself. The ancestor's file resolves the names
// its declarations use; a reverse relationship Django names by default
// (<model>_set) takes the concrete model's name.
func (b *builder) readAncestorFields(e *entityInfo) {
	own := e.ref
	for _, anc := range b.abstractAncestors(own) {
		from := len(b.pendingReverse)
		e.ref, e.own = anc, own
		for i := range anc.class.Fields {
			a := &anc.class.Fields[i]
			if old := e.attrs[a.Name]; old != nil && !old.inherited {
				continue
			}
			if old := e.attrs[a.Name+"_id"]; old != nil && !old.inherited {
				continue
			}
			b.readField(e, a)
			if fi := e.attrs[a.Name]; fi != nil && fi.line == a.Line && fi.file == nil {
				fi.file = anc.file
			}
			if fi := e.attrs[a.Name+"_id"]; fi != nil && fi.line == a.Line && fi.file == nil {
				fi.file = anc.file
			}
		}
		e.ref, e.own = own, nil
		for i := from; i < len(b.pendingReverse); i++ {
			if r := &b.pendingReverse[i]; r.implicit {
				r.name = djangoReverseName(own.class.Name, r.single)
			}
		}
	}
}

// declaredIn is the file that declares f, a field of e.
func (f *fieldInfo) declaredIn(e *entityInfo) *facts.File {
	if f.file != nil {
		return f.file
	}
	return e.ref.file
}

// isToday reports date(now), the calendar day of now.
func isToday(c *allium.Call) bool {
	f, ok := c.Fun.(*allium.Ident)
	if !ok || f.Name != "date" || len(c.Args) != 1 {
		return false
	}
	a, ok := c.Args[0].Value.(*allium.Ident)
	return ok && a.Name == "now"
}

func oneDay() allium.Expr {
	return &allium.Duration{Value: "1", Unit: "day"}
}

// settingDefault is the default of a setting read with a default
// (getattr(settings, "KEY", default)); nil for any other call.
func (b *builder) settingDefault(v *facts.Expr) *facts.Expr {
	if len(v.Args()) != 3 || !catalog.MatchAny(b.lang.SettingsGetters, v.Resolved(), v.Raw()) {
		return nil
	}
	if s := &v.Args()[0]; s.Kind != facts.ExprName && s.Kind != facts.ExprAttr || !strings.Contains(strings.ToLower(s.Raw()), "settings") {
		return nil
	}
	if v.Args()[1].Kind != facts.ExprString {
		return nil
	}
	return &v.Args()[2]
}

// hiddenField reports a field a creation leaves out: plumbing by its name
// (tokens, bookkeeping timestamps). A field a framework base gives is
// hidden from the entity until a rule uses it, but a creation that sets it
// uses it (User(email=e) of Django's user).
func hiddenField(f *fieldInfo) bool {
	if f.inherited {
		return plumbingField(f.name)
	}
	return f.plumbing
}

// uniqueChecks states what validating a new row against its unique fields
// requires (user.full_clean()): no row has the value it is created with.
func (rc *ruleCtx) uniqueChecks(v *value, sc *scope, line int) {
	if !sc.top {
		return
	}
	for _, cond := range rc.b.uniqueAbsences(v) {
		rc.b.stats.GuardsSeen++
		rc.requires(cond, sc, line)
	}
}

// uniqueAbsences are the preconditions of creating v that no row holds
// the value it gives a unique field: not exists User{email}.
func (b *builder) uniqueAbsences(v *value) []allium.Expr {
	ent := b.entByName[v.ent]
	if ent == nil {
		return nil
	}
	var conds []allium.Expr
	for _, a := range v.args {
		f := ent.field(a.Name)
		if f == nil || !b.uniqueField(ent, f.attr) && !b.inheritedUnique(ent, f) {
			continue
		}
		j := &allium.Join{Entity: ent.name, Fields: []allium.JoinField{{Name: f.name, Value: a.Value}}}
		if id, ok := a.Value.(*allium.Ident); ok && id.Name == f.name {
			j.Fields[0].Value = nil
		}
		conds = append(conds, &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: j}})
	}
	return conds
}

// inheritedUnique reports whether f is a field the model does not declare
// but inherits, unique, from a framework base (the catalog's
// inherited_unique: AbstractUser.username). Only model validation reads
// it: lookups keep treating such a field as the model's own declarations
// say.
func (b *builder) inheritedUnique(ent *entityInfo, f *fieldInfo) bool {
	if !f.inherited {
		return false
	}
	for _, base := range slices.Sorted(maps.Keys(b.lang.InheritedUnique)) {
		if slices.Contains(b.lang.InheritedUnique[base], f.attr) && b.matchBases(ent.ref, []string{base}) {
			return true
		}
	}
	return false
}

// uniqueField reports whether the model (or an abstract ancestor)
// declares attr with unique=True, or a data-declared model's options do
// (declared_unique.go).
func (b *builder) uniqueField(ent *entityInfo, attr string) bool {
	if f := ent.attrs[attr]; f != nil && f.unique {
		return true
	}
	for _, cr := range append([]*classRef{ent.ref}, b.abstractAncestors(ent.ref)...) {
		for i := range cr.class.Fields {
			a := &cr.class.Fields[i]
			if a.Name != attr || a.Value == nil || a.Value.Kind != facts.ExprCall {
				continue
			}
			return keywordTrue(a.Value, "unique")
		}
	}
	return false
}

// settingRead reads getattr(settings, "KEY", default) where a rule reads
// it (if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):) as
// config.key: the service's own declaration of KEY when it has one (the
// app's defaults module, oscar/defaults.py:78), else a parameter typed and
// defaulted by the literal default. nil for any other call, and for a
// default that is no literal (a setting of unknown type is left out).
func (rc *ruleCtx) settingRead(e *facts.Expr, sc *scope) allium.Expr {
	def := rc.b.settingDefault(e)
	if def == nil {
		return nil
	}
	key := e.Args()[1].Value()
	if ci := rc.b.configByKey[key]; ci != nil {
		return rc.b.useConfig(ci)
	}
	name := snake(key)
	if !isSnake(name) {
		return nil
	}
	typ, lit := literalDefault(def)
	if lit == nil {
		return nil
	}
	return rc.b.literalConfig(name, typ, lit, sc.file, e.Line())
}
