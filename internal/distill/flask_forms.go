package distill

import (
	"strings"

	"github.com/distill/distill/internal/facts"
)

// isFieldForm reports a request shape known by its fields rather than its
// base: a class whose attributes are built by calls into a catalogued
// form module (`email = StringField(...)` from wtforms), or a subclass of
// one in the service (LoginRecaptchaForm(LoginForm)). Services often
// derive their forms from a base of their own (FlaskBBForm) that the
// source set does not hold, so the base alone cannot tell.
func (b *builder) isFieldForm(cr *classRef, depth int) bool {
	mods := b.lang.RequestFieldModules
	if len(mods) == 0 || cr == nil || depth > 4 {
		return false
	}
	for _, f := range cr.class.Fields {
		if f.Value == nil || strings.HasPrefix(f.Name, "__") {
			continue
		}
		if f.Value.Kind == facts.ExprCall && inModules(mods, f.Value.Resolved()) {
			return true
		}
	}
	for _, f := range cr.class.Fields {
		// A field under a validation decorator (class-validator's
		// @IsEmail() email: string) is a field of a request shape.
		for i := range f.Decorators {
			if d := &f.Decorators[i]; f.Value == nil && d.Kind == facts.ExprCall && inModules(mods, d.Resolved()) {
				return true
			}
		}
	}
	for i := range cr.class.Bases {
		if parent := b.ix.class(cr.file, &cr.class.Bases[i]); parent != nil && parent != cr && b.isFieldForm(parent, depth+1) {
			return true
		}
	}
	return false
}

// inModules reports whether a resolved name lies in one of the modules
// (wtforms.StringField, wtforms.fields.EmailField).
func inModules(mods []string, resolved string) bool {
	for _, m := range mods {
		if strings.HasPrefix(resolved, m+".") {
			return true
		}
	}
	return false
}
