package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
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
	if len(mods)+len(b.lang.RequestFieldModuleTails) == 0 || cr == nil || depth > 4 {
		return false
	}
	for _, f := range cr.class.Fields {
		if f.Value == nil || strings.HasPrefix(f.Name, "__") {
			continue
		}
		if f.Value.Kind == facts.ExprCall && (inModules(mods, f.Value.Resolved()) || b.inForeignFieldModule(f.Value.Resolved())) {
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

// inForeignFieldModule reports a resolved callee in a module that is not
// the service's and whose last name is a catalogued field module's
// (taiga.base.api.serializers.CharField, the module not in the source
// set).
func (b *builder) inForeignFieldModule(resolved string) bool {
	i := strings.LastIndexByte(resolved, '.')
	if i <= 0 {
		return false
	}
	mod := resolved[:i]
	tail := mod
	if j := strings.LastIndexByte(mod, '.'); j >= 0 {
		tail = mod[j+1:]
	}
	if !slices.Contains(b.lang.RequestFieldModuleTails, tail) || b.ix.modules[mod] != nil || b.ix.defines(resolved) {
		return false
	}
	_, rooted := b.ix.reroot(mod)
	return !rooted
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

// requiredChecks requires each check box of the form that its validation
// accepts only when checked (accept_tos = BooleanField(validators=
// [DataRequired()]), catalog required_checks): the input is true.
func (rc *ruleCtx) requiredChecks(form *value) {
	rq := rc.b.lang.RequiredChecks
	if len(rq.Fields) == 0 || len(rq.Validators) == 0 {
		return
	}
	seen := map[string]bool{}
	for _, cr := range rc.b.ix.lineage(form.shape) {
		for i := range cr.class.Fields {
			a := &cr.class.Fields[i]
			v := a.Value
			if seen[a.Name] || v == nil || v.Kind != facts.ExprCall || !catalog.MatchAny(rq.Fields, v.Resolved(), v.Raw()) {
				continue
			}
			seen[a.Name] = true
			list := v.Keyword("validators")
			if list == nil || list.Kind != facts.ExprList && list.Kind != facts.ExprTuple {
				continue
			}
			required := slices.ContainsFunc(list.Args(), func(x facts.Expr) bool {
				if x.Kind == facts.ExprCall && x.X != nil {
					return catalog.MatchAny(rq.Validators, x.Resolved(), x.X.Resolved())
				}
				return catalog.MatchAny(rq.Validators, x.Resolved())
			})
			if !required {
				continue
			}
			rc.b.stats.GuardsSeen++
			rc.useParam(a.Name)
			rc.body = append(rc.body, &allium.Requires{Meta: rc.b.meta(cr.file, a.Line), Cond: &allium.Ident{Name: a.Name}})
		}
	}
}
