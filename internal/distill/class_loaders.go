package distill

// Some frameworks let a project override any class of an app, so their
// modules bind the classes they use through a loader rather than an
// import: Form = get_class("customer.forms", "Form"), or A, B =
// get_classes("customer.forms", ["A", "B"]) (django-oscar). The loader
// finds the class in the module whose dotted name ends with the label;
// read as an import, the view's form_class = Form then resolves to the
// service's class. The loaders are the catalog's (class_loaders).

import (
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// classLoaderAliases binds every module name assigned from a class loader
// to the class it loads, as a constant aliasing that class. A label no
// module of the service ends with, or several do, binds nothing.
func (b *builder) classLoaderAliases() {
	if len(b.lang.ClassLoaders) == 0 {
		return
	}
	for _, f := range b.ix.files {
		for i := range f.Constants {
			c := &f.Constants[i]
			if target := b.loadedClass(c.Value, 0); target != "" {
				b.bindLoadedClass(f, c.Name, target, c.Line)
			}
		}
		for i := range f.Statements {
			s := &f.Statements[i]
			if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
				continue
			}
			t := &s.Targets[0]
			if t.Kind != facts.ExprTuple && t.Kind != facts.ExprList {
				continue
			}
			names := t.Args()
			for k := range names {
				if names[k].Kind != facts.ExprName {
					continue
				}
				if target := b.loadedClass(s.Value, k); target != "" {
					b.bindLoadedClass(f, names[k].Name(), target, s.Line())
				}
			}
		}
	}
}

// loadedClass is the qualified name of the class a loader call gives as
// its k-th result: get_class("label", "Name") for k 0, or get_classes(
// "label", [...]) whose k-th listed name it is. "" when v is no such call
// or the name is no class of the service's.
func (b *builder) loadedClass(v *facts.Expr, k int) string {
	if v == nil || v.Kind != facts.ExprCall || v.X == nil || !catalog.MatchAny(b.lang.ClassLoaders, v.X.Resolved(), v.X.Raw()) {
		return ""
	}
	args := v.Args()
	if len(args) < 2 || args[0].Kind != facts.ExprString {
		return ""
	}
	var name string
	switch names := &args[1]; names.Kind {
	case facts.ExprString:
		if k == 0 {
			name = names.Value()
		}
	case facts.ExprList, facts.ExprTuple:
		if listed := names.Args(); k < len(listed) && listed[k].Kind == facts.ExprString {
			name = listed[k].Value()
		}
	}
	if name == "" {
		return ""
	}
	module := b.labelledModule(args[0].Value())
	if module == "" {
		return ""
	}
	// The module may bind the name to a class itself (ProfileForm =
	// UserForm): the class it stands for.
	ref := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: name, Raw: name, Line: v.Line()})
	if cr := b.ix.class(b.ix.modules[module], &ref); cr != nil {
		return cr.qual()
	}
	return ""
}

// labelledModule is the one module of the service whose dotted name is
// label or ends with "."+label; "" when none or several are.
func (b *builder) labelledModule(label string) string {
	if label == "" {
		return ""
	}
	found := ""
	for m := range b.ix.modules {
		if m != label && !strings.HasSuffix(m, "."+label) {
			continue
		}
		if found != "" {
			return ""
		}
		found = m
	}
	return found
}

// bindLoadedClass makes name in f a constant aliasing the class target,
// as `name = target` would: classes and their attributes resolve through
// it. f's own constants are left as the code wrote them.
func (b *builder) bindLoadedClass(f *facts.File, name, target string, line int) {
	value := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: target, Raw: target, Line: line}).WithResolved(target)
	alias := &facts.Assignment{Name: name, Line: line, Value: &value}
	b.ix.setConst(qual(f.Module, name), &constRef{file: f, as: alias})
}
