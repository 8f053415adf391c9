package distill

// A class may derive from what a function of the service returns, so that
// a setting can put a class of the project's own beneath it
// (django-allauth's account/forms.py:266, `class BaseSignupForm(
// base_signup_form_class())`, where account/internal/flows/signup.py:28-65
// returns DummyCustomSignupForm, a forms.Form, unless a setting names
// another class by its dotted path). The base is then the one class of the
// service the function returns: the class the service ships, which a
// setting may replace as a configured instance may be (configured_instances.go).
// Without it the derived class has no known base: a form built on it is
// no form, and its view's form is an unread request input.

import "github.com/distill/distill/internal/facts"

// findFactoryBases records, for each base of each class of the service
// written as a call with no arguments of a module function of the
// service, the class that function returns (factoryClass). Bases of any
// other form are left to class as before.
func (ix *index) findFactoryBases() {
	for _, cr := range ix.classes {
		for i := range cr.class.Bases {
			base := &cr.class.Bases[i]
			if base.Kind != facts.ExprCall || len(base.Args()) != 0 || len(base.Keywords()) != 0 || base.X == nil {
				continue
			}
			fr := ix.function(cr.file, base.X)
			if fr == nil {
				continue
			}
			if got := ix.factoryClass(fr); got != nil && got != cr {
				if ix.factoryBases == nil {
					ix.factoryBases = map[*facts.Expr]*classRef{}
				}
				ix.factoryBases[base] = got
			}
		}
	}
}

// factoryClass is the one class of the service that fr returns by name,
// nil when it returns none or several. Its other returns (a class loaded
// by a dotted path a setting gives, an error raised) are what a setting
// may put in its place.
func (ix *index) factoryClass(fr *funcRef) *classRef {
	var found *classRef
	several := false
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtReturn || s.Value == nil {
			return true
		}
		if v := s.Value; v.Kind == facts.ExprName || v.Kind == facts.ExprAttr {
			if cr := ix.class(fr.file, v); cr != nil {
				if found != nil && found != cr {
					several = true
				}
				found = cr
			}
		}
		return true
	})
	if several {
		return nil
	}
	return found
}
