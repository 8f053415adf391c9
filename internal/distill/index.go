package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// index links the facts of a service's files: it finds classes, functions
// and module constants by dotted name and follows re-exports
// (`from app.models.user import User` in app/models/__init__.py).
type index struct {
	files   []*facts.File
	modules map[string]*facts.File
	// rooted maps a module name without its leading non-package
	// directories (src/, server/) to the module: code imports
	// `dispatch.auth` where the file is src/dispatch/auth.py. An
	// ambiguous name maps to "".
	rooted map[string]string
	// moduleNames lists each file's module name and its rooted aliases.
	moduleNames map[*facts.File][]string
	// under lists, for each package name (under any of a file's module
	// names), the files below it: packageMember's candidates.
	under map[string][]*facts.File
	// classMemo and funcMemo cache packageMember's answers by dotted name:
	// build asks for the same names again and again.
	classMemo map[string]*classRef
	funcMemo  map[string]*funcRef
	// classes, funcs and consts are written after newIndex only through
	// setClass, setFunc and setConst, which count the writes in version:
	// canonical's and names' memos hold answers for one version.
	classes map[string]*classRef
	funcs   map[string]*funcRef
	consts  map[string]*constRef
	types   map[string]*constRef // type aliases (TypeScript's type X = ...)
	version uint64
	// canonMemo and namesMemo cache canonical's and names' answers, for
	// memoVersion: build asks the same of the same names again and again
	// (together they were 3% of a large service's CPU).
	canonMemo map[string]string
	namesMemo map[namesKey][]string
	// classOfMemo caches class's answers by what names reads, forgotten
	// with namesMemo: the handler walk asks it of every callee and
	// receiver, mostly the same few names.
	classOfMemo map[namesKey]*classRef
	memoVersion uint64
	// soleMemo caches soleClassNamed's answers and implCands lists the
	// classes implementersOf reads, for memoVersion: the walk asks them
	// for each injected field and service lookup, and each answer scans
	// every class of the service. A view has neither (nil: not cached).
	soleMemo  map[string]*classRef
	implCands []*classRef
	implFound bool
	// factoryBases maps a class's base written as a call of one of the
	// service's functions to the class of the service that function
	// returns (factory_bases.go); read only after newIndex.
	factoryBases map[*facts.Expr]*classRef
	// base is the index a view was made of (view): the view reads base's
	// memos, which nothing writes while views are in use, and keeps what
	// it finds besides in its own.
	base *index
}

// view returns an index that answers as ix does, for one worker of a
// parallel pass: it shares ix's definitions and reads ix's memos, but
// memoizes in maps of its own, so that views used at once by several
// goroutines write nothing they share. While any view is in use nothing
// may define a name in ix or use ix itself; absorb then keeps what each
// view's packageMember memos hold. A memo's answer depends only on the definitions (and,
// for packageMember's, on when it was first asked: those are never
// forgotten), so a view's answers are ix's.
func (ix *index) view() *index {
	ix.fresh()
	v := *ix
	v.base = ix
	v.classMemo = map[string]*classRef{}
	v.funcMemo = map[string]*funcRef{}
	v.canonMemo = map[string]string{}
	v.namesMemo = map[namesKey][]string{}
	v.classOfMemo = map[namesKey]*classRef{}
	v.soleMemo, v.implCands, v.implFound = nil, nil, false
	return &v
}

// absorb adds to ix's packageMember memos what the view v memoized (ix's
// answers: see view). They are kept whatever was defined since, as ix
// keeps its own: ix would have memoized them itself when the view did.
// canonical's and names' memos are not taken: what they hold is found
// again as cheaply as ix's large memos grow to take it in (that growth
// was a fifth of the build's allocation on a large service).
func (ix *index) absorb(v *index) {
	for k, c := range v.classMemo {
		if _, ok := ix.classMemo[k]; !ok {
			ix.classMemo[k] = c
		}
	}
	for k, fn := range v.funcMemo {
		if _, ok := ix.funcMemo[k]; !ok {
			ix.funcMemo[k] = fn
		}
	}
}

// namesKey is what names reads of a file and an expression.
type namesKey struct {
	inFile                bool
	module, raw, resolved string
}

// keyOfNames is the namesKey of e read in file f (nil: in no file).
func keyOfNames(f *facts.File, e *facts.Expr) namesKey {
	key := namesKey{inFile: f != nil, raw: e.Raw(), resolved: e.Resolved()}
	if f != nil {
		key.module = f.Module
	}
	return key
}

// setClass, setFunc and setConst define a name in the index after
// newIndex; what was memoized is forgotten.
func (ix *index) setClass(name string, c *classRef) {
	ix.classes[name] = c
	ix.version++
}

func (ix *index) setFunc(name string, fn *funcRef) {
	ix.funcs[name] = fn
	ix.version++
}

func (ix *index) setConst(name string, c *constRef) {
	ix.consts[name] = c
	ix.version++
}

// fresh forgets the memos of canonical and names when a name was defined
// since they were filled.
func (ix *index) fresh() {
	if ix.memoVersion != ix.version {
		clear(ix.canonMemo)
		clear(ix.namesMemo)
		clear(ix.classOfMemo)
		clear(ix.soleMemo)
		ix.implCands, ix.implFound = nil, false
		ix.memoVersion = ix.version
	}
}

type classRef struct {
	file  *facts.File
	class *facts.Class
	outer *facts.Class // enclosing class of a nested class, or nil
}

type funcRef struct {
	file  *facts.File
	fn    *facts.Function
	class *facts.Class // the class of a method, or nil
	// closure: a lambda's enclosing variables, which its body reads
	// (items.go).
	closure map[string]*value
	// accessor: a getter read for the object it hands out (a repository
	// factory's property), which adds no inline depth: reading it is
	// reading an attribute (factory_getters.go).
	accessor bool
	// extends: a base class's version of the method running, called
	// through super() from its override (factory_getters.go's
	// superObjectCall): the rest of the same operation, which adds no
	// inline depth.
	extends bool
	// local: a function defined in the body that calls it (const
	// options = () => ({...}); options()), read as part of that body: it
	// adds no inline depth.
	local bool
}

type constRef struct {
	file *facts.File
	as   *facts.Assignment
}

func newIndex(files []*facts.File) *index {
	ix := &index{
		files:   files,
		modules: map[string]*facts.File{},
		classes: map[string]*classRef{},
		funcs:   map[string]*funcRef{},
		consts:  map[string]*constRef{},
		types:   map[string]*constRef{},
	}
	ix.rooted = map[string]string{}
	ix.moduleNames = map[*facts.File][]string{}
	for _, f := range files {
		ix.modules[f.Module] = f
	}
	ix.under = map[string][]*facts.File{}
	ix.classMemo = map[string]*classRef{}
	ix.funcMemo = map[string]*funcRef{}
	ix.canonMemo = map[string]string{}
	ix.namesMemo = map[namesKey][]string{}
	ix.classOfMemo = map[namesKey]*classRef{}
	ix.soleMemo = map[string]*classRef{}
	for _, f := range files {
		segs := strings.Split(f.Module, ".")
		// Strip directories that are no package of the service (no
		// __init__.py among the files); stop at the first that is.
		ix.moduleNames[f] = []string{f.Module}
		for k := 1; k < len(segs) && ix.modules[strings.Join(segs[:k], ".")] == nil; k++ {
			alias := strings.Join(segs[k:], ".")
			ix.moduleNames[f] = append(ix.moduleNames[f], alias)
			if prev, dup := ix.rooted[alias]; dup && prev != f.Module {
				ix.rooted[alias] = ""
			} else {
				ix.rooted[alias] = f.Module
			}
		}
		seen := map[string]bool{}
		for _, m := range ix.moduleNames[f] {
			for i := strings.IndexByte(m, '.'); i > 0; i = nextDot(m, i) {
				if pkg := m[:i]; !seen[pkg] {
					seen[pkg] = true
					ix.under[pkg] = append(ix.under[pkg], f)
				}
			}
		}
	}
	for _, f := range files {
		for i := range f.Constants {
			ix.consts[qual(f.Module, f.Constants[i].Name)] = &constRef{file: f, as: &f.Constants[i]}
		}
		for i := range f.Types {
			ix.types[qual(f.Module, f.Types[i].Name)] = &constRef{file: f, as: &f.Types[i]}
		}
		for i := range f.Functions {
			ix.funcs[qual(f.Module, f.Functions[i].Name)] = &funcRef{file: f, fn: &f.Functions[i]}
		}
		for i := range f.Classes {
			ix.addClass(f, &f.Classes[i], nil, f.Module)
		}
	}
	for _, f := range files {
		for i := range f.Constants {
			c := &f.Constants[i]
			if fn := wrappedDefinition(f.Module, c); fn != nil && ix.funcs[fn.QualName] == nil {
				ix.funcs[fn.QualName] = &funcRef{file: f, fn: fn}
			}
		}
	}
	ix.findFactoryBases()
	return ix
}

// wrappedDefinition is the function a module constant is bound to through
// calls given only it, named after the constant, the calls its decorators
// (outermost first): `const registerUser = asyncHandler(async (req, res)
// => {...})` defines registerUser as `@asyncHandler def registerUser(req,
// res)` would. nil when the constant holds no such call. The constant
// stays a constant too (a decorator factory is read through its value).
func wrappedDefinition(module string, c *facts.Assignment) *facts.Function {
	if c.Value == nil || c.Value.Kind != facts.ExprCall {
		return nil
	}
	var decorators []facts.Expr
	v := c.Value
	for len(decorators) < maxWrappers && v.Kind == facts.ExprCall && v.X != nil && len(v.Args()) == 1 && len(v.Keywords()) == 0 {
		decorators = append(decorators, *v.X)
		v = &v.Args()[0]
	}
	if v.Kind != facts.ExprFunction || v.Func() == nil {
		return nil
	}
	fn := *v.Func()
	fn.Name, fn.QualName = c.Name, qual(module, c.Name)
	fn.Decorators = append(decorators, fn.Decorators...)
	return &fn
}

// maxWrappers bounds the calls read around one function (a(b(fn)) is
// rare beyond two).
const maxWrappers = 3

func (ix *index) addClass(f *facts.File, c *facts.Class, outer *facts.Class, prefix string) {
	q := qual(prefix, c.Name)
	ix.classes[q] = &classRef{file: f, class: c, outer: outer}
	for i := range c.Methods {
		ix.funcs[qual(q, c.Methods[i].Name)] = &funcRef{file: f, fn: &c.Methods[i], class: c}
	}
	for i := range c.Classes {
		ix.addClass(f, &c.Classes[i], c, q)
	}
}

func qual(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

// canonical follows imports until dotted names a definition of the
// service (or nothing more resolves) and returns that name.
func (ix *index) canonical(dotted string) string {
	ix.fresh()
	if c, ok := ix.canonMemo[dotted]; ok {
		return c
	}
	if ix.base != nil {
		if c, ok := ix.base.canonMemo[dotted]; ok {
			return c
		}
	}
	c := ix.follow(dotted)
	ix.canonMemo[dotted] = c
	return c
}

// follow is canonical without the memo.
func (ix *index) follow(dotted string) string {
	for range 8 {
		if ix.classes[dotted] != nil || ix.funcs[dotted] != nil || ix.consts[dotted] != nil {
			return dotted
		}
		if local := defaultExport(ix.modules[dotted]); local != "" {
			// import InviteService from "./invite": the module stands
			// for what it exports by default.
			dotted += "." + local
			continue
		}
		next, ok := ix.reexport(dotted)
		if !ok {
			if next, ok = ix.reroot(dotted); !ok {
				return dotted
			}
		}
		dotted = next
	}
	return dotted
}

// defaultExport is the local name a module exports by default
// (`export default InviteService`), "" for none.
func defaultExport(f *facts.File) string {
	if f == nil {
		return ""
	}
	for i := range f.Exports {
		if ex := &f.Exports[i]; ex.Name == "default" && ex.Local != "" {
			return ex.Local
		}
	}
	return ""
}

// defines reports whether a dotted name is a class, function or constant
// of the service, or a module member of one through its own imports.
func (ix *index) defines(dotted string) bool {
	if ix.classes[dotted] != nil || ix.funcs[dotted] != nil || ix.consts[dotted] != nil {
		return true
	}
	i := strings.LastIndexByte(dotted, '.')
	if i <= 0 {
		return false
	}
	f := ix.modules[dotted[:i]]
	if f == nil {
		return false
	}
	for _, im := range f.Imports {
		if im.Bound == dotted[i+1:] && !im.Local {
			return true
		}
	}
	return false
}

// nextDot returns the index of the next '.' in s after i, or -1.
func nextDot(s string, i int) int {
	if j := strings.IndexByte(s[i+1:], '.'); j >= 0 {
		return i + 1 + j
	}
	return -1
}

// reroot rewrites a dotted name whose module is known only without its
// source-root directories (dispatch.auth.models.User for the file
// src/dispatch/auth/models.py).
func (ix *index) reroot(dotted string) (string, bool) {
	// The prefixes, longest first, are cut at the dots (no allocation:
	// build asks this of every name it meets).
	for end := len(dotted); end >= 0; end = strings.LastIndexByte(dotted[:end], '.') {
		prefix := dotted[:end]
		if ix.modules[prefix] != nil {
			return "", false // known as it is
		}
		if m := ix.rooted[prefix]; m != "" {
			return m + strings.TrimPrefix(dotted, prefix), true
		}
	}
	return ix.underRootPackage(dotted)
}

// underRootPackage rewrites a dotted name that starts with the name of the
// package the service's directory itself is (distill dir .../warehouse,
// whose __init__.py makes it the package warehouse, importing
// warehouse.accounts.views for the file accounts/views.py): the rest,
// when the directory is a package (its __init__.py is the module "") and
// the rest names a module of the service while the first segment names
// none.
func (ix *index) underRootPackage(dotted string) (string, bool) {
	first, rest, ok := strings.Cut(dotted, ".")
	if !ok || first == "" || ix.modules[""] == nil || ix.modules[first] != nil || ix.rooted[first] != "" {
		return "", false
	}
	for end := len(rest); end > 0; end = strings.LastIndexByte(rest[:end], '.') {
		if ix.modules[rest[:end]] != nil {
			return rest, true
		}
	}
	return "", false
}

// reexport rewrites mod.name.rest when mod's file binds name by an import.
func (ix *index) reexport(dotted string) (string, bool) {
	// Each dot, last first, splits dotted into a module and what follows
	// it: the name bound there and the rest (from its dot on).
	for dot := strings.LastIndexByte(dotted, '.'); dot >= 0; dot = strings.LastIndexByte(dotted[:dot], '.') {
		f := ix.modules[dotted[:dot]]
		if f == nil {
			continue
		}
		after := dotted[dot+1:]
		name, rest := after, ""
		if j := strings.IndexByte(after, '.'); j >= 0 {
			name, rest = after[:j], after[j:]
		}
		for _, im := range f.Imports {
			if im.Name == "*" && !im.Local && im.Module != "" {
				// from .user import *: the name is the star module's if
				// it defines it there.
				if cand := im.Module + "." + after; cand != dotted && ix.defines(cand) {
					return cand, true
				}
				continue
			}
			if im.Bound == name && im.Target != "" && !im.Local {
				if im.Target+rest == dotted {
					return "", false
				}
				return im.Target + rest, true
			}
		}
		if next, ok := ix.exportedFrom(f, dotted, after, name, rest); ok {
			return next, true
		}
		return "", false
	}
	return "", false
}

// exportedFrom rewrites a name of module f that f exports from another
// module (a barrel file, queries/index.ts): `export * from "./user"`
// stands for each name ./user defines, `export { getUser as fetchUser }
// from "./user"` for the one it names, and `export * as user from
// "./user"` (or CommonJS's `module.exports = {user: require("./user")}`)
// for the module itself.
func (ix *index) exportedFrom(f *facts.File, dotted, after, name, rest string) (string, bool) {
	for i := range f.Exports {
		ex := &f.Exports[i]
		if ex.Module == "" {
			// module.exports = { delete: _delete }: the name exported
			// stands for the module's own function of another name.
			if ex.Name == name && ex.Local != "" && ex.Local != name && ex.Name != "default" {
				if cand := dotted[:len(dotted)-len(after)] + ex.Local + rest; cand != dotted {
					return cand, true
				}
			}
			continue
		}
		if ex.Name == "*" {
			if cand := ex.Module + "." + after; cand != dotted && ix.defines(cand) {
				return cand, true
			}
			continue
		}
		if ex.Name != name {
			continue
		}
		if ex.Local != "" {
			if cand := ex.Module + "." + ex.Local + rest; cand != dotted {
				return cand, true
			}
			continue
		}
		if ex.Value == nil {
			// `export * as users from "./users"`, `{users:
			// require("./users")}`: the name is the module itself.
			if cand := ex.Module + rest; cand != dotted {
				return cand, true
			}
		}
	}
	return "", false
}

// soleImplementer is the one class of the service, other than except,
// that implements the interface t (read in file f), nil when none or
// several do. A class implements what its implements clause names
// (TypeScript) or what a decorator among implementers is given
// (zope.interface's @implementer(IUserService)).
func (ix *index) soleImplementer(f *facts.File, t *facts.Expr, except *classRef, implementers []string) *classRef {
	found := ix.implementersOf(f, t, except, implementers)
	if len(found) != 1 {
		return nil // several: which one is given is configuration
	}
	return found[0]
}

// implementersOf lists the classes of the service, other than except,
// that implement the interface t (read in file f): see soleImplementer.
func (ix *index) implementersOf(f *facts.File, t *facts.Expr, except *classRef, implementers []string) []*classRef {
	if t == nil || t.Raw() == "" {
		return nil
	}
	want := ix.names(f, t)
	names := func(cr *classRef, e *facts.Expr) bool {
		return slices.ContainsFunc(ix.names(cr.file, e), func(n string) bool { return slices.Contains(want, n) })
	}
	var found []*classRef
	for _, cr := range ix.implementerCandidates() {
		if cr == except || slices.Contains(found, cr) {
			continue
		}
		implements := false
		for _, kw := range cr.class.Keywords {
			implements = implements || kw.Name == "implements" && names(cr, &kw.Value)
		}
		for i := range cr.class.Decorators {
			d := &cr.class.Decorators[i]
			if d.Kind != facts.ExprCall || !catalog.MatchAny(implementers, d.Resolved(), d.Raw()) {
				continue
			}
			for j := range d.Args() {
				implements = implements || names(cr, &d.Args()[j])
			}
		}
		if implements {
			found = append(found, cr)
		}
	}
	return found
}

// implementerCandidates are the plain classes of the service that may
// implement an interface (implementersOf): those with an implements
// clause or a decorator call. A view finds them afresh at each call (it
// caches nothing of its own).
func (ix *index) implementerCandidates() []*classRef {
	ix.fresh()
	if ix.implFound {
		return ix.implCands
	}
	var out []*classRef
	for _, cr := range ix.classes {
		if cr.class.Kind != facts.ClassPlain {
			continue
		}
		may := false
		for _, kw := range cr.class.Keywords {
			may = may || kw.Name == "implements"
		}
		for i := range cr.class.Decorators {
			may = may || cr.class.Decorators[i].Kind == facts.ExprCall
		}
		if may {
			out = append(out, cr)
		}
	}
	if ix.base == nil {
		ix.implCands, ix.implFound = out, true
	}
	return out
}

// soleClassNamed is the one top-level class of the service called name,
// nil when none or several are.
func (ix *index) soleClassNamed(name string) *classRef {
	ix.fresh()
	if c, ok := ix.soleMemo[name]; ok {
		return c
	}
	c := ix.scanSoleClassNamed(name)
	if ix.soleMemo != nil {
		ix.soleMemo[name] = c
	}
	return c
}

// scanSoleClassNamed is soleClassNamed without the memo.
func (ix *index) scanSoleClassNamed(name string) *classRef {
	var found *classRef
	for _, cr := range ix.classes {
		if cr.outer != nil || cr.class.Name != name {
			continue
		}
		if found != nil && found != cr {
			return nil
		}
		found = cr
	}
	return found
}

// soleConstNamed is the one module-level constant of the service called
// name, nil when none or several are.
func (ix *index) soleConstNamed(name string) *constRef {
	var found *constRef
	for _, c := range ix.consts {
		if c.as == nil || c.as.Name != name {
			continue
		}
		if found != nil && found != c {
			return nil
		}
		found = c
	}
	return found
}

// names returns the dotted names an expression may stand for in file f:
// the name defined in f itself, then the import-resolved name.
// The slice is shared (memoized): read it, never write to it.
func (ix *index) names(f *facts.File, e *facts.Expr) []string {
	if e == nil || e.Raw() == "" {
		return nil
	}
	key := keyOfNames(f, e)
	ix.fresh()
	if out, ok := ix.namesMemo[key]; ok {
		return out
	}
	if ix.base != nil {
		if out, ok := ix.base.namesMemo[key]; ok {
			return out
		}
	}
	out := ix.spellings(f, e)
	out = out[:len(out):len(out)] // an append copies
	ix.namesMemo[key] = out
	return out
}

// spellings is names without the memo.
func (ix *index) spellings(f *facts.File, e *facts.Expr) []string {
	var out []string
	if f != nil {
		local := ix.canonical(qual(f.Module, e.Raw()))
		out = append(out, local)
	}
	if e.Resolved() != "" {
		out = append(out, ix.canonical(e.Resolved()))
		if strings.Contains(e.Resolved(), "/") {
			// import { throwErr } from "src/utils": a path the build
			// resolves from the source root, named as modules are.
			out = append(out, ix.canonical(strings.ReplaceAll(e.Resolved(), "/", ".")))
		}
	}
	out = append(out, e.Raw())
	return out
}

func (ix *index) class(f *facts.File, e *facts.Expr) *classRef {
	if e == nil || e.Raw() == "" || e.Kind == facts.ExprCall && ix.factoryBases[e] != nil {
		return ix.classThrough(f, e, 0)
	}
	key := keyOfNames(f, e)
	ix.fresh()
	if c, ok := ix.classOfMemo[key]; ok {
		return c
	}
	c := ix.classThrough(f, e, 0)
	ix.classOfMemo[key] = c
	return c
}

// classThrough is class, following module-level aliases of a class
// (`Model = db.Model`, `Column = db.Column`) up to depth 4.
func (ix *index) classThrough(f *facts.File, e *facts.Expr, depth int) *classRef {
	if e != nil && e.Kind == facts.ExprCall {
		if cr := ix.factoryBases[e]; cr != nil {
			return cr // class Form(base_form_class()): the class it returns
		}
	}
	names := ix.names(f, e)
	for _, n := range names {
		if c := ix.classes[n]; c != nil {
			return c
		}
	}
	if depth < 4 {
		for _, n := range names {
			c := ix.consts[n]
			if c == nil {
				continue
			}
			if v := c.as.Value; v != nil && v != e && (v.Kind == facts.ExprName || v.Kind == facts.ExprAttr) {
				if cr := ix.classThrough(c.file, v, depth+1); cr != nil {
					return cr
				}
			}
			break // the constant the name is, as ix.constant finds it
		}
	}
	for _, n := range names {
		if c := packageMember(ix, n, ix.classes, ix.classMemo, ix.baseClassMemo(), func(c *classRef) *facts.File {
			if c.outer != nil {
				return nil
			}
			return c.file
		}); c != nil {
			return c
		}
	}
	return nil
}

// packageMember resolves pkg.name when the package's __init__ that would
// re-export it is not among the files (a service read in part, or a star
// import): the one definition called name at the top of a module of pkg.
// file says which module a definition is at the top of (nil: not at top).
// baseMemo, read only, is the memo of the index a view was made of.
func packageMember[T comparable](ix *index, dotted string, defs map[string]T, memo, baseMemo map[string]T, file func(T) *facts.File) T {
	var none T
	i := strings.LastIndexByte(dotted, '.')
	if i <= 0 || i == len(dotted)-1 {
		return none
	}
	pkg, name := dotted[:i], dotted[i+1:]
	if ix.modules[pkg] != nil {
		return none
	}
	if v, ok := memo[dotted]; ok {
		return v
	}
	if v, ok := baseMemo[dotted]; ok {
		return v
	}
	found := none
	if memo != nil {
		defer func() { memo[dotted] = found }()
	}
	for _, f := range ix.under[pkg] {
		d, ok := defs[qual(f.Module, name)]
		if !ok || file(d) != f {
			continue
		}
		if found != none && found != d {
			found = none // ambiguous
			return none
		}
		found = d
	}
	return found
}

// baseClassMemo and baseFuncMemo are the packageMember memos of the index
// a view was made of, nil for an index that is no view.
func (ix *index) baseClassMemo() map[string]*classRef {
	if ix.base == nil {
		return nil
	}
	return ix.base.classMemo
}

func (ix *index) baseFuncMemo() map[string]*funcRef {
	if ix.base == nil {
		return nil
	}
	return ix.base.funcMemo
}

func (ix *index) function(f *facts.File, e *facts.Expr) *funcRef {
	names := ix.names(f, e)
	for _, n := range names {
		if fn := ix.funcs[n]; fn != nil && fn.class == nil {
			return fn
		}
	}
	for _, n := range names {
		if fn := packageMember(ix, n, ix.funcs, ix.funcMemo, ix.baseFuncMemo(), func(fr *funcRef) *facts.File {
			if fr.class != nil {
				return nil
			}
			return fr.file
		}); fn != nil {
			return fn
		}
	}
	return nil
}

func (ix *index) constant(f *facts.File, e *facts.Expr) *constRef {
	for _, n := range ix.names(f, e) {
		if c := ix.consts[n]; c != nil {
			return c
		}
	}
	return nil
}

// typeAlias finds the type alias a name refers to.
func (ix *index) typeAlias(f *facts.File, e *facts.Expr) *constRef {
	for _, n := range ix.names(f, e) {
		if c := ix.types[n]; c != nil {
			return c
		}
	}
	return nil
}

// method finds a method of a class or, breadth first, of the service's
// own base classes (mixins such as BelongsToOrgMixin.get_by_id_and_org).
func (ix *index) method(cr *classRef, name string) *funcRef {
	for _, c := range ix.lineage(cr) {
		if fr := ix.funcs[qual(c.qual(), name)]; fr != nil {
			return fr
		}
	}
	return nil
}

// lineage is cr and the service's classes it derives from, nearest
// first (breadth first, at most 16).
func (ix *index) lineage(cr *classRef) []*classRef {
	seen := map[*facts.Class]bool{}
	var out []*classRef
	queue := []*classRef{cr}
	for len(queue) > 0 && len(seen) < 16 {
		c := queue[0]
		queue = queue[1:]
		if c == nil || seen[c.class] {
			continue
		}
		seen[c.class] = true
		out = append(out, c)
		for i := range c.class.Bases {
			base := &c.class.Bases[i]
			if base.Kind == facts.ExprSubscript && base.X != nil {
				base = base.X // Generic[T], CRUDBase[User, ...]
			}
			queue = append(queue, ix.class(c.file, base))
		}
	}
	return out
}

// classQual returns the qualified name of a class reference.
func (c *classRef) qual() string { return c.class.QualName }
