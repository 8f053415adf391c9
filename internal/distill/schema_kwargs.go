package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// schemaKwargs is what a view's **kwargs holds when a catalogued decorator
// (schema_kwargs_decorators) hands it the fields of a request schema:
// flask-apispec's and webargs' @use_kwargs(user_schema) load the body with
// UserSchema and pass each field as a keyword argument. The keys are the
// fields the schema loads (not dump_only; a field with attribute="x" under
// x), but those the view takes as named parameters. nil when no such
// decorator names a schema the build knows.
func (b *builder) schemaKwargs(h *handler) map[string]bool {
	for i := range h.fn.Decorators {
		d := &h.fn.Decorators[i]
		if d.Kind != facts.ExprCall || len(d.Args()) == 0 || !catalog.MatchAny(b.lang.SchemaKwargsDecorators, d.Resolved(), d.Raw()) {
			continue
		}
		shape := b.schemaOf(h.file, &d.Args()[0])
		if shape == nil {
			continue
		}
		named := map[string]bool{}
		for _, p := range h.fn.Params {
			named[p.Name] = true
		}
		keys := map[string]bool{}
		for _, f := range b.shapeFieldsWithBases(shape) {
			call := f.Value
			if call == nil || call.Kind != facts.ExprCall {
				continue
			}
			if keywordTrue(call, "dump_only") {
				continue
			}
			key := f.Name
			if attr := call.Keyword("attribute"); attr != nil && attr.Kind == facts.ExprString {
				key = attr.Value()
			}
			if !named[key] {
				keys[key] = true
			}
		}
		return keys
	}
	return nil
}

// schemaOf is the request schema class an expression names: the class, or
// a module constant made by calling it (user_schema = UserSchema()).
func (b *builder) schemaOf(f *facts.File, e *facts.Expr) *classRef {
	cr := b.ix.class(f, e)
	if cr == nil {
		if c := b.ix.constant(f, e); c != nil && c.as.Value != nil && c.as.Value.Kind == facts.ExprCall {
			cr = b.ix.class(c.file, c.as.Value)
		}
	}
	if cr == nil || b.shapes[cr.qual()] == nil {
		return nil
	}
	return cr
}
