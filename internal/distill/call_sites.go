package distill

import "github.com/distill/distill/internal/facts"

// The build reads the service's call expressions again and again, each
// time walking every statement and expression of every file: the views
// a decorator wraps (readWrappedViews), the framework views a route
// builds (routedResetViewHandlers), the functions the service invokes
// (invokedFunctions), the route-table, decoration and verifier calls.
// callSites finds a file's calls by one walk, the first time they are
// asked for once the facts are settled, and every one of those passes
// reads the list.
//
// The list stays true only while no pass adds, removes or replaces a
// call or a statement of the file's facts. The passes that do run before
// the rules are built: prepare rewrites calls' keywords and resolved
// names, classify gives a field decorated as a column its decorator's
// call as its value (decoratedColumns) and adds the framework's files,
// schemaModels adds a schema's methods to its model's class. build sets
// callsSettled after them; before it, callSites walks the file afresh
// each time and keeps nothing. What the rules' stages rewrite they
// rewrite in copies (x := *e, c := *s, noneFails, a getter's fn := *fr.fn),
// and Expr's setters copy its shared parts before writing them, so the
// file's own calls stay as listed.

// fileCalls are a file's call expressions, in visitFile's order (a call
// before the calls of its arguments). direct marks the calls invokedFunctions
// reads: those in a statement's value, condition or iterable, in the body
// of a function of the module or a method of a class of the module (not
// of a nested class, a nested function or a function written in place).
type fileCalls struct {
	calls  []*facts.Expr
	direct []bool
}

// callSites returns f's calls, listed once when the facts are settled.
func (b *builder) callSites(f *facts.File) *fileCalls {
	if !b.callsSettled {
		return listCalls(f)
	}
	if c, ok := b.calls[f]; ok {
		return c
	}
	if b.calls == nil {
		b.calls = map[*facts.File]*fileCalls{}
	}
	c := listCalls(f)
	b.calls[f] = c
	return c
}

// listAllCalls lists every file's calls at once, once the facts are
// settled, on the builder's workers: listCalls reads only its file's
// facts and writes only its own list, and the passes that read the lists
// ask for nearly every file's (every file of the large services
// measured), so listing them all up front costs no more than asking one
// by one and runs on every core. A file a cancelled build did not list is
// listed by callSites when asked for.
func (b *builder) listAllCalls() {
	files := b.ix.files
	lists := make([]*fileCalls, len(files))
	b.runParallel(len(files), func(i int, _ *index) { lists[i] = listCalls(files[i]) })
	if b.calls == nil {
		b.calls = make(map[*facts.File]*fileCalls, len(files))
	}
	for i, c := range lists {
		if c != nil {
			b.calls[files[i]] = c
		}
	}
}

// listCalls walks f as visitFile does, noting each call and whether
// invokedFunctions' walk (module functions' and module classes' methods'
// bodies, a statement's value, condition and iterable) reaches it.
func listCalls(f *facts.File) *fileCalls {
	out := &fileCalls{}
	var fn func(x *facts.Function, top bool)
	var body func(list []facts.Stmt, top bool)
	expr := func(e *facts.Expr, direct bool) {
		e.Any(func(x *facts.Expr) bool {
			if x.Kind == facts.ExprCall {
				out.calls = append(out.calls, x)
				out.direct = append(out.direct, direct)
			}
			fn(x.Func(), false)
			return false
		})
	}
	fn = func(x *facts.Function, top bool) {
		if x == nil {
			return
		}
		for i := range x.Params {
			expr(x.Params[i].Default, false)
		}
		body(x.Body(), top)
	}
	var class func(c *facts.Class, top bool)
	class = func(c *facts.Class, top bool) {
		for i := range c.Decorators {
			expr(&c.Decorators[i], false)
		}
		for i := range c.Fields {
			expr(c.Fields[i].Value, false)
			for j := range c.Fields[i].Decorators {
				expr(&c.Fields[i].Decorators[j], false)
			}
		}
		for i := range c.Methods {
			fn(&c.Methods[i], top)
		}
		body(c.Statements, false)
	}
	nested := func(c *facts.Class) { class(c, false) }
	body = func(list []facts.Stmt, top bool) {
		facts.Walk(list, func(s *facts.Stmt) bool {
			expr(s.Value, top)
			expr(s.Cause(), false)
			expr(s.Cond, top)
			expr(s.Iter(), top)
			for i := range s.Items() {
				expr(&s.Items()[i].Value, false)
			}
			fn(s.Func(), false)
			if c := s.Class(); c != nil {
				class(c, false)
				facts.EachClass(c.Classes, nested)
			}
			return true
		})
	}
	for i := range f.Constants {
		expr(f.Constants[i].Value, false)
	}
	for i := range f.Functions {
		fn(&f.Functions[i], true)
	}
	// facts.EachClass's order: each module class, then the classes
	// nested in it, depth first.
	for i := range f.Classes {
		class(&f.Classes[i], true)
		facts.EachClass(f.Classes[i].Classes, nested)
	}
	for i := range f.Exports {
		expr(f.Exports[i].Value, false)
	}
	body(f.Statements, false)
	return out
}

// eachCall calls fn for each call expression of f, in visitFile's order.
func (b *builder) eachCall(f *facts.File, fn func(x *facts.Expr)) {
	for _, x := range b.callSites(f).calls {
		fn(x)
	}
}
