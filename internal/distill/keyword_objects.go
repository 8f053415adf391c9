package distill

import "github.com/distill/distill/internal/facts"

// keywordObjects reads, in a file of a language that passes named
// arguments as an object literal (the catalog's keyword_objects), each
// call whose last argument is an object literal with plain keys as a call
// with those keyword arguments: User.create({email, status: "active"}) is
// User.create(email=email, status="active") to the rest of the distiller.
// A call that already has keywords, and an object with a spread or a
// computed key, are left as they are.
func keywordObjects(f *facts.File) {
	var expr func(e *facts.Expr)
	var fn func(x *facts.Function)
	var body func(list []facts.Stmt)
	expr = func(e *facts.Expr) {
		if e == nil {
			return
		}
		expr(e.X)
		expr(e.Y)
		expr(e.Test)
		for i := range e.Args {
			expr(&e.Args[i])
		}
		for i := range e.Keywords {
			expr(&e.Keywords[i].Value)
		}
		for i := range e.Entries {
			expr(e.Entries[i].Key)
			expr(&e.Entries[i].Value)
		}
		fn(e.Func)
		if e.Kind == facts.ExprCall && len(e.Keywords) == 0 && len(e.Args) > 0 {
			last := &e.Args[len(e.Args)-1]
			if kws, ok := objectKeywords(last); ok {
				e.Keywords = kws
				e.Args = e.Args[:len(e.Args)-1]
			}
		}
	}
	fn = func(x *facts.Function) {
		if x == nil {
			return
		}
		for i := range x.Decorators {
			expr(&x.Decorators[i])
		}
		for i := range x.Params {
			expr(x.Params[i].Default)
		}
		body(x.Body)
	}
	var class func(c *facts.Class)
	class = func(c *facts.Class) {
		for i := range c.Decorators {
			expr(&c.Decorators[i])
		}
		for i := range c.Fields {
			expr(c.Fields[i].Value)
		}
		for i := range c.Methods {
			fn(&c.Methods[i])
		}
		for i := range c.Classes {
			class(&c.Classes[i])
		}
		body(c.Statements)
	}
	body = func(list []facts.Stmt) {
		facts.Walk(list, func(s *facts.Stmt) bool {
			for i := range s.Targets {
				expr(&s.Targets[i])
			}
			expr(s.Value)
			expr(s.Cause)
			expr(s.Cond)
			expr(s.Iter)
			for i := range s.Items {
				expr(&s.Items[i].Value)
			}
			fn(s.Func)
			if s.Class != nil {
				class(s.Class)
			}
			return true
		})
	}
	for i := range f.Constants {
		expr(f.Constants[i].Value)
	}
	for i := range f.Functions {
		fn(&f.Functions[i])
	}
	for i := range f.Classes {
		class(&f.Classes[i])
	}
	for i := range f.Exports {
		expr(f.Exports[i].Value)
	}
	body(f.Statements)
}

// objectKeywords reads an object literal whose keys are all plain names
// as keyword arguments.
func objectKeywords(e *facts.Expr) ([]facts.Keyword, bool) {
	if e.Kind != facts.ExprDict || len(e.Entries) == 0 {
		return nil, false
	}
	kws := make([]facts.Keyword, 0, len(e.Entries))
	for _, en := range e.Entries {
		if en.Key == nil || en.Key.Kind != facts.ExprString || !isIdentifier(en.Key.Value) {
			return nil, false
		}
		kws = append(kws, facts.Keyword{Name: en.Key.Value, Value: en.Value})
	}
	return kws, true
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}
