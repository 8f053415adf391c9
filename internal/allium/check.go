package allium

import (
	"fmt"
	"regexp"
	"strings"
)

// CheckOptions configures Check.
type CheckOptions struct {
	// File is the name diagnostics carry.
	File string
	// Imports maps a `use` alias to the parsed imported module, for resolving
	// qualified names (alias/Name). Nil means imported names are trusted:
	// only the alias itself must be declared.
	Imports map[string]*Module
	// StrictNames reports every bare name that no scope binds and no enum of
	// the module declares as unbound (E009). The language, and the
	// reference checker, read such a name as an enum literal of an
	// undeclared enum; a producer of specs (the distiller, the shared-spec
	// builder) sets StrictNames because there an unbound name is far more
	// likely a variable it failed to translate than a literal it meant.
	StrictNames bool
	// Variables names bare names known to be variables elsewhere (a
	// parameter or let of the spec this one was derived from): an unbound
	// use of one is E009 even where a bare name could be an enum literal.
	Variables map[string]bool
}

// Check validates a module against the language reference's structural
// rules and returns its diagnostics, sorted by position then code. The codes
// are documented in checkcodes.go (CheckCodes).
//
// The checker is conservative: where the model does not say enough to be
// sure (an untyped trigger parameter, a name from an imported module), it
// stays silent rather than risk an error on a valid spec.
func Check(m *Module, opt CheckOptions) Diagnostics {
	if m == nil {
		return nil
	}
	c := newChecker(m, opt)
	c.run()
	return c.finish()
}

// typeEntryKind classifies a declaration in the type namespace.
type typeEntryKind int

const (
	typeEntryEntity typeEntryKind = iota
	typeEntryExternal
	typeEntryValue
	typeEntryVariant
	typeEntryEnum
)

func (k typeEntryKind) String() string {
	switch k {
	case typeEntryEntity:
		return "entity"
	case typeEntryExternal:
		return "external entity"
	case typeEntryValue:
		return "value"
	case typeEntryVariant:
		return "variant"
	}
	return "enum"
}

// withArticle returns the kind with "a" or "an" before it.
func (k typeEntryKind) withArticle() string {
	s := k.String()
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// typeEntry is one entry of the type namespace.
type typeEntry struct {
	name    string
	kind    typeEntryKind
	pos     Pos
	members []EntityMember
	base    string // variants only
	enum    *Enum  // enums only
}

// triggerArity summarises how rules receive one external trigger.
type triggerArity struct {
	rule     *Rule
	required int // parameters without ?
	total    int
}

type checker struct {
	m     *Module
	opt   CheckOptions
	diags Diagnostics

	types       map[string]*typeEntry
	aliases     map[string]bool
	config      map[string]*ConfigParam
	given       map[string]*GivenBinding
	defaults    map[string]*Default
	rules       map[string]*Rule
	surfaces    map[string]*Surface
	actors      map[string]*Actor
	contracts   map[string]*Contract
	deferred    map[string]bool // first component of deferred names
	triggers    map[string]*triggerArity
	emitted     map[string]bool // names called like trigger emissions
	literals    map[string]bool // every enum literal of the module (unquoted and quoted)
	importLits  map[string]bool // enum literals of imported modules
	collections map[string]string

	// Usage, for warnings.
	used        map[string]bool // type names referenced outside their own declaration
	configUsed  map[string]bool
	enumUsed    map[string]map[string]bool // enum key -> literal -> used
	looseUsed   map[string]bool            // literals used where the enum was unknown
	transitions []*transitionUse           // rule transitions, for 7a
	memberTypes map[EntityMember]inferredType

	// Walking state.
	where      string          // "rule X", "entity Y": prefix of messages
	curType    string          // declaration being walked, excluded from usage
	inInv      bool            // inside an invariant body (E026)
	ruleLets   map[string]bool // names the lets of the rule being walked bind
	inActor    bool            // inside an actor identified_by, where `this` is the instance tested
	fallback   Pos             // position used when an expression has none
	depth      int             // recursion guard for type inference
	ruleScope  *nameScope      // top scope of the rule being walked (for 7a)
	ruleIfCond int             // >0 while inside an ensures if/for (7a is skipped)
}

func newChecker(m *Module, opt CheckOptions) *checker {
	c := &checker{
		m: m, opt: opt,
		types:       map[string]*typeEntry{},
		aliases:     map[string]bool{},
		config:      map[string]*ConfigParam{},
		given:       map[string]*GivenBinding{},
		defaults:    map[string]*Default{},
		rules:       map[string]*Rule{},
		surfaces:    map[string]*Surface{},
		actors:      map[string]*Actor{},
		contracts:   map[string]*Contract{},
		deferred:    map[string]bool{},
		triggers:    map[string]*triggerArity{},
		emitted:     map[string]bool{},
		literals:    map[string]bool{},
		importLits:  map[string]bool{},
		collections: map[string]string{},
		used:        map[string]bool{},
		configUsed:  map[string]bool{},
		enumUsed:    map[string]map[string]bool{},
		looseUsed:   map[string]bool{},
		memberTypes: map[EntityMember]inferredType{},
	}
	return c
}

func (c *checker) finish() Diagnostics {
	c.diags.Sort()
	// The same problem can be reached twice (a type named in two walks);
	// report it once.
	out := c.diags[:0]
	for i, d := range c.diags {
		if i > 0 && d == c.diags[i-1] {
			continue
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// report adds a diagnostic; the severity comes from the code table.
func (c *checker) report(code string, pos Pos, format string, args ...any) {
	sev := SeverityError
	if cc, ok := LookupCheckCode(code); ok {
		sev = cc.Severity
	}
	if !pos.IsValid() {
		pos = c.fallback
	}
	msg := fmt.Sprintf(format, args...)
	if c.where != "" {
		msg = c.where + ": " + msg
	}
	c.diags = append(c.diags, Diagnostic{Code: code, Severity: sev, File: c.opt.File, Line: pos.Line, Col: pos.Col, Msg: msg})
}

// reportAt is report with an expression position (falling back to the
// enclosing construct's when the expression was built in memory).
func (c *checker) reportAt(code string, e Expr, format string, args ...any) {
	var pos Pos
	if e != nil {
		pos = e.Position()
	}
	c.report(code, pos, format, args...)
}

var (
	pascalNameRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	snakeNameRE  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

func isPascalName(s string) bool { return pascalNameRE.MatchString(s) }
func isSnakeName(s string) bool  { return s == "_" || snakeNameRE.MatchString(s) }

// startsUpper reports whether a name starts with an upper-case ASCII
// letter: a type, collection, trigger or declaration name.
func startsUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// cutQualified splits "alias/Name" into its parts; ok is false for plain names.
func cutQualified(s string) (alias, name string, ok bool) {
	return strings.Cut(s, "/")
}

func (c *checker) checkPascal(pos Pos, what, name string) {
	if name != "" && !isPascalName(name) {
		c.report("E021", pos, "%s name %q must be PascalCase", what, name)
	}
}

func (c *checker) checkSnake(pos Pos, what, name string) {
	if name != "" && !isSnakeName(name) {
		c.report("E021", pos, "%s name %q must be snake_case", what, name)
	}
}

var checkBuiltinTypes = map[string]bool{
	"String": true, "Integer": true, "Decimal": true, "Boolean": true,
	"Timestamp": true, "Duration": true, "Set": true, "List": true,
	"Sequence": true, "Any": true,
}

// isStruct reports whether name is a declared type with fields: an entity,
// external entity, value or variant.
func (c *checker) isStruct(name string) bool {
	t := c.types[name]
	return t != nil && t.kind != typeEntryEnum
}

func (c *checker) isEntityLike(name string) bool {
	t := c.types[name]
	return t != nil && (t.kind == typeEntryEntity || t.kind == typeEntryExternal || t.kind == typeEntryVariant)
}

// markUsed records a reference to a type from outside its own declaration.
func (c *checker) markUsed(name string) {
	if name != c.curType {
		c.used[name] = true
	}
}

// qualifiedOK reports whether alias/name resolves: the alias is declared by
// a use and, when the imported module is known, declares name (for
// capitalised names; lower-case names such as config are not looked up).
func (c *checker) qualifiedOK(alias, name string) bool {
	if !c.aliases[alias] {
		return false
	}
	im := c.opt.Imports[alias]
	if im == nil || !startsUpper(name) {
		return true
	}
	return moduleDeclaresName(im, name)
}

func moduleDeclaresName(m *Module, name string) bool {
	for _, e := range m.Entities {
		if e.Name == name {
			return true
		}
	}
	for _, e := range m.Externals {
		if e.Name == name {
			return true
		}
	}
	for _, v := range m.Values {
		if v.Name == name {
			return true
		}
	}
	for _, v := range m.Variants {
		if v.Name == name {
			return true
		}
	}
	for _, e := range m.Enums {
		if e.Name == name {
			return true
		}
	}
	for _, a := range m.Actors {
		if a.Name == name {
			return true
		}
	}
	for _, ct := range m.Contracts {
		if ct.Name == name {
			return true
		}
	}
	for _, r := range m.Rules {
		if r.Trigger != nil && r.Trigger.Kind == TriggerExternal && r.Trigger.Name == name {
			return true
		}
	}
	return false
}

// checkTypeName reports E001 when a named type (not builtin) does not
// resolve; it marks the type used. Used for every type position.
func (c *checker) checkTypeName(pos Pos, name, what string) {
	if name == "" || checkBuiltinTypes[name] {
		return
	}
	if alias, rest, ok := cutQualified(name); ok {
		if !c.qualifiedOK(alias, rest) {
			c.reportQualified(pos, alias, rest, what)
		}
		return
	}
	if c.types[name] == nil {
		c.report("E001", pos, "%s type %s is not declared", what, name)
		return
	}
	c.markUsed(name)
}

func (c *checker) reportQualified(pos Pos, alias, rest, what string) {
	if !c.aliases[alias] {
		c.report("E001", pos, "%s %s/%s uses import alias %q, which no `use` declares", what, alias, rest, alias)
		return
	}
	c.report("E001", pos, "%s %s/%s is not declared in the module imported as %s", what, alias, rest, alias)
}

// checkType walks a declared type: E002 when missing, E001 for unknown names.
func (c *checker) checkType(pos Pos, t *Type, what string) {
	if t == nil || (t.Name == "" && len(t.Enum) == 0) {
		c.report("E002", pos, "%s has no type", what)
		return
	}
	c.checkTypeName(pos, t.Name, what)
	for _, a := range t.Args {
		c.checkType(pos, a, what)
	}
}

// isDiscriminatorType reports whether an inline enum lists variant names.
func isDiscriminatorType(t *Type) bool {
	if t == nil || t.Name != "" {
		return false
	}
	for _, v := range t.Enum {
		if !v.Quoted && startsUpper(v.Name) {
			return true
		}
	}
	return false
}

// MemberName is the name an entity member declares (a field, relationship,
// projection, derived value or invariant), "" for one that declares none.
func MemberName(mem EntityMember) string {
	switch m := mem.(type) {
	case *Field:
		return m.Name
	case *Relationship:
		return m.Name
	case *Projection:
		return m.Name
	case *Derived:
		return m.Name
	case *Invariant:
		return m.Name
	}
	return ""
}

// member finds a member of a struct type, following a variant to its base.
// owner is the type that declares it.
func (c *checker) member(typeName, name string) (mem EntityMember, owner string) {
	t := c.types[typeName]
	for depth := 0; t != nil && depth < 8; depth++ {
		for _, m := range t.members {
			if m != nil && MemberName(m) == name {
				return m, t.name
			}
		}
		if t.kind != typeEntryVariant {
			break
		}
		t = c.types[t.base]
	}
	return nil, ""
}

// collectionPlurals lists the collection names an entity name answers to.
func collectionPlurals(name string) []string {
	out := []string{name + "s"}
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		out = append(out, name+"es")
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		out = append(out, name[:len(name)-1]+"ies")
	case strings.HasSuffix(name, "Person"):
		out = append(out, strings.TrimSuffix(name, "Person")+"People")
	case strings.HasSuffix(name, "Child"):
		out = append(out, name+"ren")
	case strings.HasSuffix(name, "man"):
		out = append(out, strings.TrimSuffix(name, "man")+"men")
	}
	return out
}

// collectionOf returns the entity type an entity-collection name stands
// for (Users -> User), or "".
func (c *checker) collectionOf(name string) string {
	return c.collections[name]
}

// run performs all checks in declaration order.
func (c *checker) run() {
	c.collect()
	c.checkDeclarations()
	c.checkEntities()
	c.checkGiven()
	c.checkConfig()
	c.checkDefaults()
	c.checkRules()
	c.checkInvariants()
	c.checkActors()
	c.checkSurfaces()
	c.warnings()
}

// BoundNames returns the names the rules of m bind: trigger parameters and
// bindings, lets and for variables. A spec derived from m (a shared spec)
// passes them as CheckOptions.Variables, so that a clause it kept without
// the binding it needs is reported rather than read as an enum literal.
func BoundNames(m *Module) map[string]bool {
	names := map[string]bool{}
	if m == nil {
		return names
	}
	for _, r := range m.Rules {
		if r == nil {
			continue
		}
		if t := r.Trigger; t != nil {
			names[t.Binding] = true
			for _, p := range t.Params {
				names[p.Name] = true
			}
		}
		WalkStmts(r.Body, func(s Stmt) bool {
			switch s := s.(type) {
			case *Let:
				names[s.Name] = true
			case *For:
				names[s.Var] = true
			}
			return true
		})
	}
	delete(names, "")
	delete(names, "_")
	return names
}
