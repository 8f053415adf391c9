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

// Multi-table inheritance (Django's `class Builder(Application)` where
// Application is a concrete model of its own, baserow's
// contrib/builder/models.py:27 and core/models.py:403; SQLAlchemy's
// joined-table subclasses): a row of the child is a row of the parent
// joined by a one-to-one parent link, so the child's instances read and
// write the parent's fields as their own (builder.workspace,
// Builder.objects.create(workspace=w, name=n)). Allium has no entity that
// extends another (a variant is one of an exhaustive, exclusive sum with
// a discriminator, which a concrete parent that has rows of its own is
// not), so the child states the parent's fields (and those of the
// parent's abstract ancestors) beside its own, as for an abstract base.
// The parent stays an entity with those fields, and the reverse side of a
// relation the parent declares (workspace.applications) stays the
// parent's: Django gives the child none.

// modelAncestor is a class whose declared fields a model has besides its
// own.
type modelAncestor struct {
	ref *classRef
	// owner is the model that a relation "self" in ref names and whose
	// name a default reverse name (<model>_set) is made of: the model
	// itself for its abstract ancestors, a concrete parent for the parent
	// and the parent's abstract ancestors.
	owner *classRef
	// parentRow: the fields are stored in a concrete parent's row; the
	// parent's entity states their reverse sides.
	parentRow bool
}

// modelAncestors lists, in resolution order, the abstract ancestors of cr
// (abstractAncestors) and its concrete parent models of the service with
// their own abstract ancestors, each at most once.
func (b *builder) modelAncestors(cr *classRef) []modelAncestor {
	var out []modelAncestor
	seen := map[string]bool{cr.qual(): true}
	var visit func(c, owner *classRef, parentRow bool, depth int)
	visit = func(c, owner *classRef, parentRow bool, depth int) {
		if depth > 8 {
			return
		}
		for _, anc := range b.abstractAncestors(c) {
			if !seen[anc.qual()] {
				seen[anc.qual()] = true
				out = append(out, modelAncestor{ref: anc, owner: owner, parentRow: parentRow})
			}
		}
		for _, p := range append([]*classRef{c}, b.abstractAncestors(c)...) {
			for i := range p.class.Bases {
				parent := b.ix.class(p.file, &p.class.Bases[i])
				if parent == nil || seen[parent.qual()] || b.entByQual[parent.qual()] == nil {
					continue
				}
				seen[parent.qual()] = true
				out = append(out, modelAncestor{ref: parent, owner: parent, parentRow: true})
				visit(parent, parent, true, depth+1)
			}
		}
	}
	visit(cr, cr, false, 0)
	return out
}

// readAncestorFields reads into e the fields of its abstract ancestors
// and concrete parent models that e does not declare itself. The
// ancestor's file resolves the names its declarations use; a reverse
// relationship Django names by default (<model>_set) takes the name of
// the model that declares or inherits the field abstractly, and a parent
// row's fields add no reverse side to the child.
func (b *builder) readAncestorFields(e *entityInfo) {
	own := e.ref
	for _, anc := range b.modelAncestors(own) {
		from := len(b.pendingReverse)
		e.ref, e.own = anc.ref, anc.owner
		for i := range anc.ref.class.Fields {
			a := &anc.ref.class.Fields[i]
			if old := e.attrs[a.Name]; old != nil && !old.inherited {
				continue
			}
			if old := e.attrs[a.Name+"_id"]; old != nil && !old.inherited {
				continue
			}
			b.readField(e, a)
			for _, name := range []string{a.Name, a.Name + "_id"} {
				if fi := e.attrs[name]; fi != nil && fi.line == a.Line && fi.file == nil {
					fi.file, fi.parentRow = anc.ref.file, anc.parentRow
				}
			}
		}
		e.ref, e.own = own, nil
		if anc.parentRow {
			b.pendingReverse = b.pendingReverse[:from]
			continue
		}
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
		if rc.absenceRequired(cond) {
			// The code looked the row up and refused it first: polar's
			// OrganizationService.create tests slug_exists before it
			// catches the IntegrityError (organization/service.py:372,
			// 404-415).
			continue
		}
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
