package allium

import (
	"fmt"
	"strings"
)

// inferredType is what the checker knows about an expression's type: a declared
// struct type name ("" when unknown) and whether it is known to be a
// collection.
type inferredType struct {
	name string
	coll bool
}

// nameScope holds the names visible at a point of a walk.
type nameScope struct {
	parent *nameScope
	vars   map[string]inferredType
	// implicit lists struct types whose members resolve as bare names:
	// the enclosing entity, or the element type inside a where predicate.
	implicit []string
	// permissive accepts any bare lower-case name: a where predicate over
	// a collection of unknown element type, or per-action surface inputs.
	permissive  bool
	allowThis   bool
	thisType    string
	allowWithin bool
	withinType  string
}

func (s *nameScope) child() *nameScope { return &nameScope{parent: s} }

func (s *nameScope) bind(name string, t inferredType) {
	if name == "" || name == "_" {
		return
	}
	if s.vars == nil {
		s.vars = map[string]inferredType{}
	}
	s.vars[name] = t
}

// hasVar reports whether name is an explicit binding (not an implicit
// field) somewhere up the chain.
func (s *nameScope) hasVar(name string) bool {
	for ; s != nil; s = s.parent {
		if _, ok := s.vars[name]; ok {
			return true
		}
	}
	return false
}

func (s *nameScope) thisAllowed() (bool, string) {
	for ; s != nil; s = s.parent {
		if s.allowThis {
			return true, s.thisType
		}
	}
	return false, ""
}

func (s *nameScope) withinAllowed() (bool, string) {
	for ; s != nil; s = s.parent {
		if s.allowWithin {
			return true, s.withinType
		}
	}
	return false, ""
}

// rootScope is the module scope: given bindings and default instances are
// resolved through the checker's tables, so it holds nothing itself.
func (c *checker) rootScope() *nameScope { return &nameScope{} }

// lookup resolves a bare lower-case name. found is the scope that binds it
// (nil for given/default/implicit/permissive resolutions).
func (c *checker) lookup(name string, sc *nameScope) (t inferredType, found *nameScope, ok bool) {
	for s := sc; s != nil; s = s.parent {
		if v, ok := s.vars[name]; ok {
			return v, s, true
		}
		for _, typ := range s.implicit {
			if mem, owner := c.member(typ, name); mem != nil {
				return c.typeOfMember(owner, mem), nil, true
			}
		}
		if s.permissive {
			return inferredType{}, nil, true
		}
	}
	if g := c.given[name]; g != nil {
		if g.Type != nil && c.isStruct(g.Type.Name) {
			return inferredType{name: g.Type.Name}, nil, true
		}
		return inferredType{}, nil, true
	}
	if d := c.defaults[name]; d != nil {
		if c.isStruct(d.Type) {
			return inferredType{name: d.Type}, nil, true
		}
		return inferredType{}, nil, true
	}
	return inferredType{}, nil, false
}

// implicitOwner returns the struct type whose member a bare name resolves
// to, when it is not shadowed by a binding.
func (c *checker) implicitOwner(name string, sc *nameScope) string {
	for s := sc; s != nil; s = s.parent {
		if _, ok := s.vars[name]; ok {
			return ""
		}
		for _, typ := range s.implicit {
			if mem, _ := c.member(typ, name); mem != nil {
				return typ
			}
		}
		if s.permissive {
			return ""
		}
	}
	return ""
}

var reservedValueNames = map[string]bool{
	"now": true, "this": true, "within": true, "config": true,
	"null": true, "true": true, "false": true, "_": true,
}

// isBoundName reports whether a bare lower-case name is a variable (not an
// enum literal) where it stands.
func (c *checker) isBoundName(name string, sc *nameScope) bool {
	if reservedValueNames[name] {
		return true
	}
	_, _, ok := c.lookup(name, sc)
	return ok
}

// literalLike returns the literal an expression spells when it can only
// be an enum literal: a backtick literal, or a bare lower-case name that
// is not bound where it stands.
func (c *checker) literalLike(e Expr, sc *nameScope) (name string, quoted, ok bool) {
	switch e := e.(type) {
	case *Lit:
		if e.Kind == LitBacktick {
			return e.Text, true, true
		}
	case *Ident:
		if e.Name == "" || startsUpper(e.Name) || strings.Contains(e.Name, "/") || c.isBoundName(e.Name, sc) {
			return "", false, false
		}
		return e.Name, false, true
	}
	return "", false, false
}

// acceptLiteral resolves a literal-like name where the enum is unknown: a
// literal of some enum of this module (or of an import) is fine, anything
// else is an unbound name.
func (c *checker) acceptLiteral(e Expr, name string, quoted bool) {
	if quoted || c.literals[name] || c.importLits[name] || (len(c.aliases) > 0 && c.opt.Imports == nil) {
		c.looseUsed[name] = true
		return
	}
	if c.opt.StrictNames || c.opt.Variables[name] || c.ruleLets[name] {
		c.reportAt("E009", e, "%s is not bound (no let, parameter, given, default or enum literal of that name)", name)
		return
	}
	// A value slot (a field's value, one side of an equality with a field):
	// the language reads an unbound bare name there as an enum literal of
	// an enum it need not declare (`template: welcome`).
	c.looseUsed[name] = true
}

// unboundBare reports a bare lower-case name that nothing binds, standing
// where it can only be a value. Strict checking calls it unbound (E009);
// otherwise it reads as an enum literal whose type cannot be known, which
// is only worth a warning (W009): it is as often a typo of a binding.
func (c *checker) unboundBare(e Expr, name, what string) {
	if c.ruleLets[name] {
		c.reportAt("E009", e, "%s%s is used before the let that binds it", what, name)
		return
	}
	if c.opt.StrictNames || c.opt.Variables[name] {
		c.reportAt("E009", e, "%s%s is not bound (no let, parameter, given, default, field in scope or enum literal of that name)", what, name)
		return
	}
	c.looseUsed[name] = true
	c.reportAt("W009", e, "%s%s is not bound here; read as an enum literal of an undeclared enum", what, name)
}

// memberRoot walks the receiver of a member access or method call. In a
// rule, a bare name there must be a binding: an enum literal has no
// fields, so an unbound root is an error in every mode (as in the
// reference checker). In a declaration it may be a field the spec leaves
// undeclared, which the walk of the name weighs like any other.
func (c *checker) memberRoot(x Expr, sc *nameScope) {
	if id, ok := x.(*Ident); ok && c.ruleLets != nil && isPlainBareName(id.Name) && !c.isBoundName(id.Name, sc) {
		c.reportAt("E009", id, "%s is not bound (no let, parameter, given, default or field in scope of that name), so %s.… has nothing to read", id.Name, id.Name)
		return
	}
	c.expr(x, sc)
}

// isPlainBareName reports whether name is a lower-case, unqualified name
// that is not one of the language's reserved value words.
func isPlainBareName(name string) bool {
	return name != "" && !startsUpper(name) && !strings.Contains(name, "/") && !reservedValueNames[name]
}

// valueAgainstEnum checks a value written where en is expected (E008);
// other expressions are walked normally.
func (c *checker) valueAgainstEnum(v Expr, en fieldEnum, sc *nameScope, field string) {
	if name, quoted, ok := c.literalLike(v, sc); ok {
		c.checkEnumLiteral(v, name, quoted, en, field)
		return
	}
	if ie, ok := v.(*IfExpr); ok {
		for _, b := range ie.Branches {
			c.expr(b.Cond, sc)
			c.valueAgainstEnum(b.Then, en, sc, field)
		}
		if ie.Else != nil {
			c.valueAgainstEnum(ie.Else, en, sc, field)
		}
		return
	}
	c.expr(v, sc)
}

func (c *checker) checkEnumLiteral(e Expr, name string, quoted bool, en fieldEnum, field string) {
	if en.has(name, quoted) {
		c.markEnumUse(en.key, name, quoted)
		return
	}
	c.reportAt("E008", e, "%s value %q is not a value of %s (%s)", field, name, en.desc, enumLitsText(en.values))
}

func (c *checker) markEnumUse(key, name string, quoted bool) {
	if c.enumUsed[key] == nil {
		c.enumUsed[key] = map[string]bool{}
	}
	c.enumUsed[key][enumLitText(EnumValue{Name: name, Quoted: quoted})] = true
}

// enumOf returns the enum an expression is typed with, when the
// expression is navigation to an enum field the checker can resolve.
func (c *checker) enumOf(e Expr, sc *nameScope) (fieldEnum, string, bool) {
	switch e := e.(type) {
	case *Member:
		t := c.typeOf(e.X, sc)
		if t.name == "" {
			return fieldEnum{}, "", false
		}
		en, ok := c.enumField(t.name, e.Name)
		return en, e.Name, ok
	case *Ident:
		if owner := c.implicitOwner(e.Name, sc); owner != "" {
			en, ok := c.enumField(owner, e.Name)
			return en, e.Name, ok
		}
	}
	return fieldEnum{}, "", false
}

// typeOf infers what it can of an expression's type.
func (c *checker) typeOf(e Expr, sc *nameScope) inferredType {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 32 {
		return inferredType{}
	}
	switch e := e.(type) {
	case *Ident:
		switch {
		case e.Name == "this":
			_, t := sc.thisAllowed()
			return inferredType{name: t}
		case e.Name == "within":
			_, t := sc.withinAllowed()
			return inferredType{name: t}
		case startsUpper(e.Name):
			if c.isStruct(e.Name) {
				return inferredType{name: e.Name}
			}
			if t := c.collectionOf(e.Name); t != "" {
				return inferredType{name: t, coll: true}
			}
			return inferredType{}
		}
		t, _, _ := c.lookup(e.Name, sc)
		return t
	case *Member:
		x := c.typeOf(e.X, sc)
		if x.name == "" {
			return inferredType{}
		}
		switch e.Name {
		case "count":
			if x.coll {
				return inferredType{}
			}
		case "first", "last":
			if x.coll {
				return inferredType{name: x.name}
			}
		case "unique":
			if x.coll {
				return x
			}
		}
		mem, owner := c.member(x.name, e.Name)
		if mem == nil {
			return inferredType{}
		}
		t := c.typeOfMember(owner, mem)
		if x.coll {
			t.coll = true // navigation over a collection yields a collection
		}
		return t
	case *Where:
		x := c.typeOf(e.X, sc)
		return inferredType{name: x.name, coll: true}
	case *Call:
		if f, ok := e.Fun.(*Member); ok && f.Name == "created" {
			if id, ok := f.X.(*Ident); ok && c.isStruct(id.Name) {
				return inferredType{name: id.Name}
			}
		}
	case *Join:
		if c.isStruct(e.Entity) {
			return inferredType{name: e.Entity}
		}
	case *Binary:
		if e.Op == OpCoalesce {
			return c.typeOf(e.X, sc)
		}
	}
	return inferredType{}
}

// typeOfMember infers the type of a member of owner. Results are memoised:
// projections over projections would otherwise be re-inferred at every
// use, and a cycle among them (a spec error) ends as unknown.
func (c *checker) typeOfMember(owner string, mem EntityMember) inferredType {
	if t, done := c.memberTypes[mem]; done {
		return t
	}
	c.memberTypes[mem] = inferredType{} // in progress: a cycle reads unknown
	t := c.inferMemberType(owner, mem)
	c.memberTypes[mem] = t
	return t
}

func (c *checker) inferMemberType(owner string, mem EntityMember) inferredType {
	switch m := mem.(type) {
	case *Field:
		return c.vtypeOfType(m.Type)
	case *Relationship:
		if c.isStruct(m.Entity) {
			return inferredType{name: m.Entity}
		}
	case *Projection:
		c.depth++
		defer func() { c.depth-- }()
		if c.depth > 32 {
			return inferredType{}
		}
		sc := &nameScope{implicit: []string{owner}, allowThis: true, thisType: owner}
		src := c.typeOf(m.Source, sc)
		if m.Map != "" && src.name != "" {
			if mm, o := c.member(src.name, m.Map); mm != nil {
				t := c.typeOfMember(o, mm)
				return inferredType{name: t.name, coll: true}
			}
			return inferredType{coll: true}
		}
		return inferredType{name: src.name, coll: true}
	}
	return inferredType{}
}

func (c *checker) vtypeOfType(t *Type) inferredType {
	if t == nil || t.Name == "" {
		return inferredType{}
	}
	switch t.Name {
	case "Set", "List", "Sequence":
		if len(t.Args) == 1 {
			return inferredType{name: c.vtypeOfType(t.Args[0]).name, coll: true}
		}
		return inferredType{coll: true}
	}
	if c.isStruct(t.Name) {
		return inferredType{name: t.Name}
	}
	return inferredType{}
}

// mentionsThis reports whether an expression mentions `this`.
func mentionsThis(e Expr) bool {
	found := false
	Inspect(e, func(x Expr) bool {
		if id, ok := x.(*Ident); ok && id.Name == "this" {
			found = true
		}
		return !found
	})
	return found
}

var builtinCollectionMethods = map[string]bool{
	"count": true, "any": true, "all": true, "first": true, "last": true,
	"unique": true, "add": true, "remove": true,
}

// expr walks an expression: names resolve (E009, E001), config references
// exist (E014), enum literals belong (E008), and invariants stay pure (E026).
func (c *checker) expr(e Expr, sc *nameScope) {
	switch e := e.(type) {
	case nil:
	case *Ident:
		c.ident(e, sc)
	case *Member:
		if id, ok := e.X.(*Ident); ok {
			if id.Name == "config" {
				c.configRef(e)
				return
			}
			if alias, ok := strings.CutSuffix(id.Name, "/config"); ok {
				if !c.aliases[alias] {
					c.reportAt("E001", e, "%s/config.%s uses import alias %q, which no `use` declares", alias, e.Name, alias)
				}
				return
			}
		}
		c.memberRoot(e.X, sc)
	case *Call:
		c.call(e, sc)
	case *Lambda:
		c.lambda(e, sc, inferredType{})
	case *Join:
		c.join(e, sc)
	case *Binary:
		c.binary(e, sc)
	case *Unary:
		c.expr(e.X, sc)
	case *Where:
		c.whereExpr(e, sc)
	case *SetLit:
		for _, x := range e.Elems {
			c.expr(x, sc)
		}
	case *ListLit:
		for _, x := range e.Elems {
			c.expr(x, sc)
		}
	case *ObjectLit:
		for _, f := range e.Fields {
			c.expr(f.Value, sc)
		}
	case *IfExpr:
		for _, b := range e.Branches {
			c.expr(b.Cond, sc)
			c.expr(b.Then, sc)
		}
		c.expr(e.Else, sc)
	}
}

func (c *checker) ident(e *Ident, sc *nameScope) {
	name := e.Name
	switch name {
	case "", "_", "null", "true", "false", "config":
		return
	case "now":
		if c.inInv {
			c.reportAt("E026", e, "invariant must not use `now` (it is volatile)")
		}
		return
	case "this":
		if ok, _ := sc.thisAllowed(); !ok {
			c.reportAt("E009", e, "`this` is only valid in entity declarations and actor identified_by")
		}
		return
	case "within":
		if ok, _ := sc.withinAllowed(); !ok {
			c.reportAt("E009", e, "`within` is only valid in the identified_by of an actor with a within clause")
		}
		return
	}
	if alias, rest, ok := cutQualified(name); ok {
		if !c.qualifiedOK(alias, rest) {
			c.reportQualified(e.Position(), alias, rest, "name")
		}
		return
	}
	if startsUpper(name) {
		if !sc.hasVar(name) {
			c.capitalIdent(e)
		}
		return
	}
	if _, _, ok := c.lookup(name, sc); ok {
		return
	}
	if c.literals[name] || c.importLits[name] {
		c.looseUsed[name] = true
		return
	}
	c.unboundBare(e, name, "")
}

// capitalIdent resolves a capitalised name used as a value: a type (also a
// variant in a type guard), an entity collection, or another declaration.
func (c *checker) capitalIdent(e *Ident) {
	name := e.Name
	if c.types[name] != nil {
		c.markUsed(name)
		return
	}
	if t := c.collectionOf(name); t != "" {
		c.markUsed(t)
		return
	}
	if c.actors[name] != nil || c.rules[name] != nil || c.surfaces[name] != nil ||
		c.contracts[name] != nil || c.triggers[name] != nil || c.deferred[name] || checkBuiltinTypes[name] ||
		c.literals[name] {
		return
	}
	c.reportAt("E001", e, "%s is not a declared entity, value, enum, variant or entity collection", name)
}

// configRef checks config.name (E014) and records the use.
func (c *checker) configRef(e *Member) {
	if c.config[e.Name] == nil {
		c.reportAt("E014", e, "config.%s is not declared in the config block", e.Name)
		return
	}
	c.configUsed[e.Name] = true
}

func (c *checker) lambda(l *Lambda, sc *nameScope, param inferredType) {
	ls := sc.child()
	ls.bind(l.Param, param)
	c.expr(l.Body, ls)
}

func (c *checker) call(e *Call, sc *nameScope) {
	switch f := e.Fun.(type) {
	case *Ident:
		name := f.Name
		if alias, rest, ok := cutQualified(name); ok {
			if !c.aliases[alias] {
				c.reportQualified(f.Position(), alias, rest, "call")
			}
			c.emissionArgs(e, sc)
			return
		}
		if !startsUpper(name) {
			// A black-box function: its name is not a binding.
			c.args(e.Args, sc, inferredType{})
			return
		}
		if c.inInv {
			c.reportAt("E026", e, "invariant must not emit trigger %s", name)
		}
		c.checkEmissionArity(e, name)
		c.emissionArgs(e, sc)
		return
	case *Member:
		switch f.Name {
		case "created":
			c.created(e, f, sc)
			return
		case "add", "remove":
			if c.inInv {
				c.reportAt("E026", e, "invariant must not call .%s()", f.Name)
			}
		}
		if id, ok := f.X.(*Ident); ok && startsUpper(id.Name) && c.types[id.Name] == nil && c.collectionOf(id.Name) == "" {
			// A deferred specification (InterviewerMatching.suggest) or a
			// qualified one: the root is not a value.
			if alias, rest, q := cutQualified(id.Name); q && !c.aliases[alias] {
				c.reportQualified(id.Position(), alias, rest, "call")
			}
			c.args(e.Args, sc, inferredType{})
			return
		}
		c.memberRoot(f.X, sc)
		recv := c.typeOf(f.X, sc)
		if recv.coll && !builtinCollectionMethods[f.Name] {
			c.reportAt("E025", e, ".%s() is not a built-in collection operation (count, any, all, first, last, unique, add, remove); use a black-box function %s(collection, ...)", f.Name, f.Name)
		}
		c.args(e.Args, sc, inferredType{name: recv.name})
		return
	default:
		c.expr(e.Fun, sc)
	}
	c.args(e.Args, sc, inferredType{})
}

// args walks call arguments; lambdas get elem as their parameter's type.
func (c *checker) args(args []Arg, sc *nameScope, elem inferredType) {
	for _, a := range args {
		if l, ok := a.Value.(*Lambda); ok {
			c.lambda(l, sc, elem)
			continue
		}
		c.expr(a.Value, sc)
	}
}

// emissionArgs walks the arguments of a trigger emission. A bare name that
// is neither bound nor an enum literal is, per the reference, only a
// warning there, so it is not reported as unbound.
func (c *checker) emissionArgs(e *Call, sc *nameScope) {
	for _, a := range e.Args {
		if name, _, ok := c.literalLike(a.Value, sc); ok {
			c.looseUsed[name] = true
			continue
		}
		if l, ok := a.Value.(*Lambda); ok {
			c.lambda(l, sc, inferredType{})
			continue
		}
		c.expr(a.Value, sc)
	}
}

// checkEmissionArity reports an emission whose argument count no rule
// receiving the trigger accepts (E007).
func (c *checker) checkEmissionArity(e *Call, name string) {
	c.emitted[name] = true
	info := c.triggers[name]
	if info == nil {
		return
	}
	n := len(e.Args)
	if n < info.required || n > info.total {
		c.reportAt("E007", e, "emission of %s passes %d argument(s); rule %s takes %d required and %d in all", name, n, info.rule.Name, info.required, info.total)
	}
}

// created checks X.created(field: value, ...).
func (c *checker) created(e *Call, f *Member, sc *nameScope) {
	if c.inInv {
		c.reportAt("E026", e, "invariant must not create entities (.created)")
	}
	id, ok := f.X.(*Ident)
	if !ok {
		c.expr(f.X, sc)
		c.args(e.Args, sc, inferredType{})
		return
	}
	typ := id.Name
	known := false
	if alias, rest, q := cutQualified(typ); q {
		if !c.qualifiedOK(alias, rest) {
			c.reportQualified(id.Position(), alias, rest, "created type")
		}
	} else if !c.isStruct(typ) {
		c.reportAt("E001", id, "%s.created: %s is not a declared entity", typ, typ)
	} else {
		known = true
		c.markUsed(typ)
		if c.hasDiscriminator(typ) {
			c.reportAt("E022", id, "%s is a sum type; create one of its variants, not the base", typ)
		}
	}
	for _, a := range e.Args {
		if known && a.Name != "" {
			if en, ok := c.enumField(typ, a.Name); ok {
				if id, bare := a.Value.(*Ident); bare && a.Name == "status" && en.inline() {
					// The reference reads a bare name given for an inline
					// status as one of its values, bound or not: a
					// creation starts in a declared state.
					c.checkEnumLiteral(a.Value, id.Name, false, en, a.Name)
					continue
				}
				c.valueAgainstEnum(a.Value, en, sc, a.Name)
				continue
			}
		}
		if name, quoted, ok := c.literalLike(a.Value, sc); ok {
			c.acceptLiteral(a.Value, name, quoted)
			continue
		}
		if l, ok := a.Value.(*Lambda); ok {
			c.lambda(l, sc, inferredType{})
			continue
		}
		c.expr(a.Value, sc)
	}
}

func (c *checker) join(e *Join, sc *nameScope) {
	known := false
	if alias, rest, q := cutQualified(e.Entity); q {
		if !c.qualifiedOK(alias, rest) {
			c.reportQualified(e.Position(), alias, rest, "join lookup")
		}
	} else if !c.isStruct(e.Entity) {
		c.reportAt("E001", e, "join lookup %s{...}: %s is not a declared entity", e.Entity, e.Entity)
	} else {
		known = true
		c.markUsed(e.Entity)
	}
	for _, jf := range e.Fields {
		if jf.Value == nil {
			if !c.isBoundName(jf.Name, sc) {
				c.unboundBare(e, jf.Name, fmt.Sprintf("join lookup %s{%s}: ", e.Entity, jf.Name))
			}
			continue
		}
		if known {
			if en, ok := c.enumField(e.Entity, jf.Name); ok {
				c.valueAgainstEnum(jf.Value, en, sc, jf.Name)
				continue
			}
		}
		c.expr(jf.Value, sc)
	}
}

func (c *checker) binary(e *Binary, sc *nameScope) {
	switch e.Op {
	case OpEq, OpNe, OpTransitionsTo, OpBecomes:
		x := c.comparand(e.X, e.Y, sc, e.Op)
		y := c.comparand(e.Y, e.X, sc, e.Op)
		if !x {
			c.expr(e.X, sc)
		}
		if !y {
			c.expr(e.Y, sc)
		}
		return
	case OpIn, OpNotIn:
		c.expr(e.X, sc)
		set, ok := e.Y.(*SetLit)
		if !ok {
			c.expr(e.Y, sc)
			return
		}
		en, field, known := c.enumOf(e.X, sc)
		for _, el := range set.Elems {
			name, quoted, lit := c.literalLike(el, sc)
			switch {
			case lit && known:
				c.checkEnumLiteral(el, name, quoted, en, field)
			case lit && isFieldRead(e.X):
				c.acceptLiteral(el, name, quoted)
			default:
				c.expr(el, sc)
			}
		}
		return
	}
	c.expr(e.X, sc)
	c.expr(e.Y, sc)
}

// comparand handles side v of a comparison against other: when v can only
// be an enum literal, it is checked against other's enum (E008) or, when
// that enum is unknown, accepted if it is some known literal. It reports
// whether it consumed v.
func (c *checker) comparand(v, other Expr, sc *nameScope, op string) bool {
	name, quoted, ok := c.literalLike(v, sc)
	if !ok {
		return false
	}
	if en, field, known := c.enumOf(other, sc); known {
		c.checkEnumLiteral(v, name, quoted, en, field)
		return true
	}
	if _, _, otherLit := c.literalLike(other, sc); otherLit && !quoted {
		return false // two bare names: let the walk report what is unbound
	}
	if op == OpTransitionsTo || op == OpBecomes || isFieldRead(other) {
		c.acceptLiteral(v, name, quoted)
		return true
	}
	return false
}

// isFieldRead reports whether e reads a field (x.f, or a bare field name).
func isFieldRead(e Expr) bool {
	switch e := e.(type) {
	case *Member:
		return true
	case *Ident:
		return !startsUpper(e.Name)
	}
	return false
}

// whereExpr walks coll where cond: names in cond resolve against the element
// type; `this` is not allowed there (E004).
func (c *checker) whereExpr(e *Where, sc *nameScope) {
	c.expr(e.X, sc)
	t := c.typeOf(e.X, sc)
	ws := sc.child()
	if te := c.types[t.name]; t.name != "" && (te == nil || te.kind != typeEntryExternal) {
		ws.implicit = []string{t.name}
	} else {
		// An element type of unknown fields (none given, or an external
		// entity another spec governs): any bare name may be one of them.
		ws.permissive = true
	}
	if !c.inActor && mentionsThis(e.Cond) {
		c.reportAt("E004", e, "`where` predicate must not reference `this`")
		ws.allowThis = true // reported once, as E004
	}
	c.expr(e.Cond, ws)
}
