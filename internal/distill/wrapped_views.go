package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A URL conf often guards a class-based view by wrapping the view function
// the class makes, not by decorating the class (django-oscar's app config):
//
//	def ready(self):
//	    self.profile_update_view = get_class("customer.views", "ProfileUpdateView")
//	def get_urls(self):
//	    return [path("profile/edit/", login_required(self.profile_update_view.as_view()))]
//
// The handlers of ProfileUpdateView then serve signed-in users only, as if
// @login_required decorated the class. The methods that make the view
// function are the catalog's class_view_entries; the class is named
// directly, through a class loader, or through an attribute of the
// instance set to either in one of its class's methods.

// wrappedViewAuth is the level of the auth decorators that wrap the view
// function of the class qual anywhere in the service (authNone when none
// does), read once for the whole service.
func (b *builder) wrappedViewAuth(qual string) authLevel {
	if b.wrappedViews == nil {
		b.wrappedViews = map[string]authLevel{}
		if len(b.lang.ClassViewEntries) > 0 {
			for _, f := range b.ix.files {
				b.readWrappedViews(f)
			}
		}
	}
	return b.wrappedViews[qual]
}

// readWrappedViews records the classes whose view function f wraps in an
// auth decorator: decorator(View.as_view(...)).
func (b *builder) readWrappedViews(f *facts.File) {
	// The instance's class attributes are read only for a file that
	// wraps a view (few do): reading them walks every method of its
	// classes.
	var attrs map[string]string
	b.eachCall(f, func(x *facts.Expr) {
		if x.Kind != facts.ExprCall || x.X == nil || len(x.Args()) != 1 {
			return
		}
		// The shape of the argument is tested first: matching the
		// callee against the auth decorators costs more, and almost
		// every call of one argument fails the shape.
		view := &x.Args()[0]
		if view.Kind != facts.ExprCall || view.X == nil || view.X.Kind != facts.ExprAttr ||
			view.X.X == nil || !catalog.MatchAny(b.lang.ClassViewEntries, view.X.Name()) {
			return
		}
		level := b.decoratorAuth(x.X.Raw())
		if level == authNone {
			return
		}
		if attrs == nil {
			attrs = b.instanceClassAttrs(f)
		}
		if qual := b.viewClass(f, view.X.X, attrs); qual != "" {
			b.wrappedViews[qual] = max(b.wrappedViews[qual], level)
		}
	})
}

// viewClass is the qualified name of the class e names: a class of the
// service (or a loader's alias of one), or an attribute of the instance
// that attrs binds to one; "" otherwise.
func (b *builder) viewClass(f *facts.File, e *facts.Expr, attrs map[string]string) string {
	if e.Kind == facts.ExprAttr && b.isSelf(e.X) {
		return attrs[e.Name()]
	}
	if cr := b.ix.class(f, e); cr != nil {
		return cr.qual()
	}
	return ""
}

// instanceClassAttrs binds each attribute of the instance that the
// methods of f's classes set to a class (self.view = get_class(...), or
// self.view = View) to that class's qualified name. An attribute set to
// two different classes, or to anything else as well, binds nothing.
func (b *builder) instanceClassAttrs(f *facts.File) map[string]string {
	out := map[string]string{}
	b.eachInstanceAssignment(f, func(_ *facts.Class, attr string, value *facts.Expr) {
		qual := b.loadedClass(value, 0)
		if qual == "" {
			if cr := b.ix.class(f, value); cr != nil {
				qual = cr.qual()
			}
		}
		if prev, seen := out[attr]; seen && prev != qual {
			qual = ""
		}
		out[attr] = qual
	})
	return out
}

// eachInstanceAssignment calls fn for every `self.attr = value` in the
// methods of f's classes, with the class whose method it is.
func (b *builder) eachInstanceAssignment(f *facts.File, fn func(c *facts.Class, attr string, value *facts.Expr)) {
	facts.EachClass(f.Classes, func(c *facts.Class) {
		b.eachSelfAssignment(c, func(attr string, value *facts.Expr) { fn(c, attr, value) })
	})
}

// eachSelfAssignment calls fn with each self.attr = value that a method
// of class c writes.
func (b *builder) eachSelfAssignment(c *facts.Class, fn func(attr string, value *facts.Expr)) {
	for i := range c.Methods {
		facts.Walk(c.Methods[i].Body(), func(s *facts.Stmt) bool {
			if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Value != nil &&
				s.Targets[0].Kind == facts.ExprAttr && b.isSelf(s.Targets[0].X) {
				fn(s.Targets[0].Name(), s.Value)
			}
			return true
		})
	}
}
