package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// plainClassAttr reports an attribute of a declarative model (SQLAlchemy,
// Flask-SQLAlchemy) that is annotated but no column: its annotation is no
// Mapped[...] and its value no call (flask-realworld's token, annotated
// str and set to the empty string at conduit/user/models.py:19, which the
// views set on the user they answer with). Such a model maps only column
// calls and Mapped annotations, so the attribute is a plain class
// attribute; a SQLAlchemy 2.0 column written as
// a bare Mapped annotation (warehouse's is_active: Mapped[bool_false]) keeps
// its column, and a model whose annotations are its fields (SQLModel,
// dataclasses) is not declarative.
func (b *builder) plainClassAttr(e *entityInfo, a *facts.Assignment) bool {
	if a.Annotation == nil || len(b.lang.MappedAnnotations) == 0 {
		return false
	}
	if a.Value != nil && a.Value.Kind == facts.ExprCall {
		return false // a column call, or one the reading below decides
	}
	if b.mappedAnnotation(a.Annotation) || e.weak || b.isTableClass(e.ref) || b.tableFieldBase(e.ref) {
		return false
	}
	return b.declarativeModel(e.ref, 0)
}

// mappedAnnotation reports an annotation wrapped in one of the catalog's
// mapped_annotations (Mapped[str | None]), as written or quoted.
func (b *builder) mappedAnnotation(a *facts.Expr) bool {
	if a.Kind == facts.ExprSubscript && a.X != nil {
		return catalog.MatchAny(b.lang.MappedAnnotations, a.X.Resolved(), a.X.Raw())
	}
	return false
}

// declarativeModel reports a class that derives from one of the catalog's
// declarative_model_bases, from a declarative_base() result, from a class
// an @as_declarative decorator makes a base, or from another name given to
// one of those (Model = db.Model, flask-realworld's database.py:11), up to
// a depth of 8 classes.
func (b *builder) declarativeModel(cr *classRef, depth int) bool {
	if cr == nil || depth > 8 {
		return false
	}
	if decoratedBy(cr.class.Decorators, b.lang.DeclarativeBaseDecorators) {
		return true
	}
	for i := range cr.class.Bases {
		base := &cr.class.Bases[i]
		if base.Kind != facts.ExprCall && catalog.MatchAny(b.lang.DeclarativeModelBases, base.Resolved(), base.Raw()) {
			return true
		}
		if parent := b.ix.class(cr.file, base); parent != nil && parent != cr {
			if b.declarativeModel(parent, depth+1) {
				return true
			}
			continue
		}
		c := b.ix.constant(cr.file, base)
		if c == nil || c.as.Value == nil {
			continue
		}
		switch v := c.as.Value; v.Kind {
		case facts.ExprCall:
			if catalog.MatchAny(b.lang.DeclarativeBaseCalls, v.Resolved(), v.Raw()) {
				return true
			}
		case facts.ExprName, facts.ExprAttr:
			if catalog.MatchAny(b.lang.DeclarativeModelBases, v.Resolved(), v.Raw()) {
				return true
			}
		}
	}
	return false
}
