package distill

import (
	"strings"

	"github.com/distill/distill/internal/facts"
)

// keywordObjects reads, in a file of a language that passes named
// arguments as an object literal (the catalog's keyword_objects), each
// call whose last argument is an object literal with plain keys as a call
// with those keyword arguments: User.create({email, status: "active"}) is
// User.create(email=email, status="active") to the rest of the distiller.
// A spread of a variable ({where, ...opts}) is a "**" keyword, as Python's
// f(where=w, **opts). A call that already has keywords, and an object with
// a computed key or a spread of an object literal, are left as they are.
func keywordObjects(f *facts.File) {
	visitFile(f, func(x *facts.Expr) {
		if x.Kind == facts.ExprCall && len(x.Keywords()) == 0 && len(x.Args()) > 0 {
			if kws, ok := objectKeywords(&x.Args()[len(x.Args())-1]); ok {
				x.SetKeywords(kws)
				x.SetArgs(x.Args()[:len(x.Args())-1])
			}
		}
	}, nil)
}

// visitFile calls call for every expression of the file, a call before its
// arguments and keywords (so that what call moves there is visited too),
// and function for every function, a function written in place included,
// before its body is visited. Either may be nil.
func visitFile(f *facts.File, call func(*facts.Expr), function func(*facts.Function)) {
	var fn func(x *facts.Function)
	var body func(list []facts.Stmt)
	expr := func(e *facts.Expr) {
		e.Any(func(x *facts.Expr) bool {
			if call != nil {
				call(x)
			}
			fn(x.Func()) // a function written in place: statements of its own
			return false
		})
	}
	fn = func(x *facts.Function) {
		if x == nil {
			return
		}
		if function != nil {
			function(x)
		}
		for i := range x.Params {
			expr(x.Params[i].Default)
		}
		body(x.Body())
	}
	class := func(c *facts.Class) {
		for i := range c.Decorators {
			expr(&c.Decorators[i])
		}
		for i := range c.Fields {
			expr(c.Fields[i].Value)
			for j := range c.Fields[i].Decorators {
				expr(&c.Fields[i].Decorators[j])
			}
		}
		for i := range c.Methods {
			fn(&c.Methods[i])
		}
		body(c.Statements)
	}
	body = func(list []facts.Stmt) {
		facts.Walk(list, func(s *facts.Stmt) bool {
			for _, x := range []*facts.Expr{s.Value, s.Cause(), s.Cond, s.Iter()} {
				expr(x)
			}
			for i := range s.Items() {
				expr(&s.Items()[i].Value)
			}
			fn(s.Func())
			if c := s.Class(); c != nil {
				// The class itself, then its nested classes, as
				// EachClass visits a list (without copying it into one).
				class(c)
				facts.EachClass(c.Classes, class)
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
	facts.EachClass(f.Classes, class)
	for i := range f.Exports {
		expr(f.Exports[i].Value)
	}
	body(f.Statements)
}

// objectKeywords reads an object literal whose keys are all plain names
// as keyword arguments.
func objectKeywords(e *facts.Expr) ([]facts.Keyword, bool) {
	if e.Kind != facts.ExprDict || len(e.Entries()) == 0 {
		return nil, false
	}
	kws := make([]facts.Keyword, 0, len(e.Entries()))
	for _, en := range e.Entries() {
		if en.Key == nil && en.Value.Kind != facts.ExprDict {
			// {where, ...opts}: the spread object's entries come as
			// Python's f(**opts) brings them.
			kws = append(kws, facts.Keyword{Name: "**", Value: en.Value})
			continue
		}
		if en.Key == nil || en.Key.Kind != facts.ExprString || !isIdentifierPath(en.Key.Value()) {
			return nil, false
		}
		kws = append(kws, facts.Keyword{Name: en.Key.Value(), Value: en.Value})
	}
	return kws, true
}

// isIdentifierPath reports a name or a dotted path of names: a Mongo
// document's nested field ({'resetToken.token': token}), keyed by that
// path as the entity declares it.
func isIdentifierPath(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if !isIdentifier(part) {
			return false
		}
	}
	return true
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// keywordsDict is the object literal a call's keywords were read from
// (E.right({access_token: ...}) reads as E.right(access_token=...)),
// the inverse of objectKeywords: a ** keyword is a spread entry.
func keywordsDict(call *facts.Expr) *facts.Expr {
	d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: call.Line()})
	entries := make([]facts.DictEntry, 0, len(call.Keywords()))
	for _, kw := range call.Keywords() {
		if kw.Name == "**" {
			entries = append(entries, facts.DictEntry{Value: kw.Value})
			continue
		}
		entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: kw.Name, Line: kw.Value.Line()}), Value: kw.Value})
	}
	d.SetEntries(entries)
	return d
}
