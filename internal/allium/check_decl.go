package allium

import (
	"strings"
)

// collect builds the symbol tables and reports duplicate declarations
// (E020) and trigger arity disagreements between rules (E007).
func (c *checker) collect() {
	m := c.m
	for _, u := range m.Uses {
		if u == nil {
			continue
		}
		if c.aliases[u.Alias] {
			c.report("E020", u.Pos, "import alias %q is declared twice", u.Alias)
		}
		c.aliases[u.Alias] = true
	}
	addType := func(t *typeEntry) {
		if t.name == "" {
			return
		}
		if prev := c.types[t.name]; prev != nil {
			c.report("E020", t.pos, "%s %s is already declared as %s at line %d", t.kind, t.name, prev.kind.withArticle(), prev.pos.Line)
			return
		}
		c.types[t.name] = t
	}
	for _, e := range m.Externals {
		if e != nil {
			addType(&typeEntry{name: e.Name, kind: typeEntryExternal, pos: e.Pos, members: e.Members})
		}
	}
	for _, v := range m.Values {
		if v != nil {
			addType(&typeEntry{name: v.Name, kind: typeEntryValue, pos: v.Pos, members: v.Members})
		}
	}
	for _, e := range m.Enums {
		if e != nil {
			addType(&typeEntry{name: e.Name, kind: typeEntryEnum, pos: e.Pos, enum: e})
		}
	}
	for _, e := range m.Entities {
		if e != nil {
			kind := typeEntryEntity
			if e.External {
				kind = typeEntryExternal
			}
			addType(&typeEntry{name: e.Name, kind: kind, pos: e.Pos, members: e.Members})
		}
	}
	for _, v := range m.Variants {
		if v != nil {
			addType(&typeEntry{name: v.Name, kind: typeEntryVariant, pos: v.Pos, members: v.Members, base: v.Base})
		}
	}
	// Collections after all types, so a type named like a plural wins.
	for _, name := range c.typeNamesInOrder() {
		if !c.isEntityLike(name) {
			continue
		}
		for _, p := range collectionPlurals(name) {
			if _, taken := c.types[p]; !taken && c.collections[p] == "" {
				c.collections[p] = name
			}
		}
	}
	// Enum literals, for resolving bare lower-case names.
	for _, e := range m.Enums {
		if e != nil {
			for _, v := range e.Values {
				c.literals[v.Name] = true
			}
		}
	}
	for _, name := range c.typeNamesInOrder() {
		for _, mem := range c.types[name].members {
			if f, ok := mem.(*Field); ok && f.Type != nil && !isDiscriminatorType(f.Type) {
				for _, v := range f.Type.Enum {
					c.literals[v.Name] = true
				}
			}
		}
	}
	for _, im := range c.opt.Imports {
		collectEnumLiterals(im, c.importLits)
	}

	for _, p := range m.Config {
		if p == nil {
			continue
		}
		if c.config[p.Name] != nil {
			c.report("E013", p.Pos, "config parameter %s is declared twice (first at line %d)", p.Name, c.config[p.Name].Pos.Line)
			continue
		}
		c.config[p.Name] = p
	}
	for _, g := range m.Given {
		if g == nil {
			continue
		}
		if prev := c.given[g.Name]; prev != nil {
			c.report("E011", g.Pos, "given binding %s is declared twice (first at line %d)", g.Name, prev.Pos.Line)
			continue
		}
		c.given[g.Name] = g
	}
	for _, d := range m.Defaults {
		if d != nil && c.defaults[d.Name] == nil {
			c.defaults[d.Name] = d
		}
	}
	for _, r := range m.Rules {
		if r == nil {
			continue
		}
		if prev := c.rules[r.Name]; prev != nil {
			c.report("E020", r.Pos, "rule %s is declared twice (first at line %d)", r.Name, prev.Pos.Line)
		} else {
			c.rules[r.Name] = r
		}
		c.collectTrigger(r)
	}
	for _, s := range m.Surfaces {
		if s == nil {
			continue
		}
		if prev := c.surfaces[s.Name]; prev != nil {
			c.report("E020", s.Pos, "surface %s is declared twice (first at line %d)", s.Name, prev.Pos.Line)
			continue
		}
		c.surfaces[s.Name] = s
	}
	for _, a := range m.Actors {
		if a == nil {
			continue
		}
		if prev := c.actors[a.Name]; prev != nil {
			c.report("E020", a.Pos, "actor %s is declared twice (first at line %d)", a.Name, prev.Pos.Line)
			continue
		}
		c.actors[a.Name] = a
	}
	for _, ct := range m.Contracts {
		if ct == nil {
			continue
		}
		if prev := c.contracts[ct.Name]; prev != nil {
			c.report("E020", ct.Pos, "contract %s is declared twice (first at line %d)", ct.Name, prev.Pos.Line)
			continue
		}
		c.contracts[ct.Name] = ct
	}
	for _, d := range m.Deferred {
		if d != nil {
			root, _, _ := strings.Cut(d.Name, ".")
			c.deferred[root] = true
		}
	}
}

func collectEnumLiterals(m *Module, into map[string]bool) {
	if m == nil {
		return
	}
	for _, e := range m.Enums {
		if e != nil {
			for _, v := range e.Values {
				into[v.Name] = true
			}
		}
	}
	fields := func(members []EntityMember) {
		for _, mem := range members {
			if f, ok := mem.(*Field); ok && f.Type != nil {
				for _, v := range f.Type.Enum {
					into[v.Name] = true
				}
			}
		}
	}
	for _, e := range m.Entities {
		if e != nil {
			fields(e.Members)
		}
	}
	for _, e := range m.Externals {
		if e != nil {
			fields(e.Members)
		}
	}
	for _, v := range m.Values {
		if v != nil {
			fields(v.Members)
		}
	}
	for _, v := range m.Variants {
		if v != nil {
			fields(v.Members)
		}
	}
}

// typeNamesInOrder lists the type namespace in declaration order (the
// order of the Module's slices), so that reports are deterministic.
func (c *checker) typeNamesInOrder() []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if name != "" && !seen[name] && c.types[name] != nil {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, e := range c.m.Externals {
		if e != nil {
			add(e.Name)
		}
	}
	for _, v := range c.m.Values {
		if v != nil {
			add(v.Name)
		}
	}
	for _, e := range c.m.Enums {
		if e != nil {
			add(e.Name)
		}
	}
	for _, e := range c.m.Entities {
		if e != nil {
			add(e.Name)
		}
	}
	for _, v := range c.m.Variants {
		if v != nil {
			add(v.Name)
		}
	}
	return out
}

// collectTrigger records a rule's external trigger and reports E007 when
// an earlier rule receives the same trigger with a different number of
// required parameters. Optional parameters (name?) are not counted: a rule
// may leave them out, as the reference allows omitting them at call sites.
func (c *checker) collectTrigger(r *Rule) {
	t := r.Trigger
	if t == nil || t.Kind != TriggerExternal || t.Name == "" {
		return
	}
	required := 0
	for _, p := range t.Params {
		if !p.Optional {
			required++
		}
	}
	info := c.triggers[t.Name]
	if info == nil {
		c.triggers[t.Name] = &triggerArity{rule: r, required: required, total: len(t.Params)}
		return
	}
	if info.required != required {
		c.where = "rule " + r.Name
		c.report("E007", t.Pos, "trigger %s has %d required parameters here but %d in rule %s", t.Name, required, info.required, info.rule.Name)
		c.where = ""
	}
	if len(t.Params) > info.total {
		info.total = len(t.Params)
	}
}

// checkDeclarations checks names, duplicates of enum literals, variants and
// discriminators, contracts and the module's open questions and deferred
// specifications.
func (c *checker) checkDeclarations() {
	for _, e := range c.m.Enums {
		if e == nil {
			continue
		}
		c.where = "enum " + e.Name
		c.checkPascal(e.Pos, "enum", e.Name)
		c.checkEnumValues(e.Pos, e.Values, "")
	}
	for _, v := range c.m.Variants {
		if v == nil {
			continue
		}
		c.where = "variant " + v.Name
		c.checkPascal(v.Pos, "variant", v.Name)
		base := c.types[v.Base]
		switch {
		case base == nil:
			if _, _, q := cutQualified(v.Base); !q {
				c.report("E022", v.Pos, "base entity %s is not declared", v.Base)
			}
		case base.kind != typeEntryEntity && base.kind != typeEntryExternal:
			c.report("E022", v.Pos, "base %s is %s, not an entity", v.Base, base.kind.withArticle())
		default:
			c.markUsed(v.Base)
			if !c.discriminatorLists(v.Base, v.Name) {
				c.report("E022", v.Pos, "variant %s is not listed in a discriminator field of %s", v.Name, v.Base)
			}
		}
	}
	for _, ct := range c.m.Contracts {
		if ct == nil {
			continue
		}
		c.where = "contract " + ct.Name
		c.checkPascal(ct.Pos, "contract", ct.Name)
		names := map[string]bool{}
		for _, s := range ct.Signatures {
			if s == nil {
				continue
			}
			if names[s.Name] {
				c.report("E020", s.Pos, "signature %s is declared twice", s.Name)
			}
			names[s.Name] = true
			for _, p := range s.Params {
				c.checkType(s.Pos, p.Type, "parameter "+p.Name+" of "+s.Name)
			}
			c.checkType(s.Pos, s.Result, "result of "+s.Name)
		}
		c.checkAnnotations(ct.Annotations)
	}
	c.where = ""
	for _, q := range c.m.OpenQuestions {
		if q != nil {
			c.report("W006", q.Pos, "open question: %s", q.Text)
		}
	}
	for _, d := range c.m.Deferred {
		if d != nil && !strings.Contains(d.Comment, "see:") {
			c.report("W008", d.Pos, "deferred %s has no `-- see:` location hint", d.Name)
		}
	}
}

func (c *checker) checkAnnotations(list []*Annotation) {
	seen := map[string]bool{}
	for _, a := range list {
		if a == nil || a.Kind == "guidance" {
			continue
		}
		c.checkPascal(a.Pos, "@"+a.Kind, a.Name)
		if seen[a.Kind+" "+a.Name] {
			c.report("E020", a.Pos, "@%s %s is declared twice", a.Kind, a.Name)
		}
		seen[a.Kind+" "+a.Name] = true
	}
}

// discriminatorLists reports whether a field of base lists variant name.
func (c *checker) discriminatorLists(base, variant string) bool {
	t := c.types[base]
	if t == nil {
		return false
	}
	for _, mem := range t.members {
		if f, ok := mem.(*Field); ok && isDiscriminatorType(f.Type) {
			for _, v := range f.Type.Enum {
				if v.Name == variant {
					return true
				}
			}
		}
	}
	return false
}

// hasDiscriminator reports whether an entity is a sum-type base.
func (c *checker) hasDiscriminator(name string) bool {
	t := c.types[name]
	if t == nil || t.kind == typeEntryVariant {
		return false
	}
	for _, mem := range t.members {
		if f, ok := mem.(*Field); ok && isDiscriminatorType(f.Type) {
			return true
		}
	}
	return false
}

// checkEnumValues reports duplicate and badly named literals of an enum;
// prefix names the field for inline enums.
func (c *checker) checkEnumValues(pos Pos, values []EnumValue, prefix string) {
	seen := map[EnumValue]bool{}
	for _, v := range values {
		if seen[v] {
			c.report("E020", pos, "%sliteral %s is listed twice", prefix, enumLitText(v))
		}
		seen[v] = true
		if !v.Quoted && !isSnakeName(v.Name) {
			c.report("E021", pos, "%sliteral %q must be snake_case (or backtick-quoted)", prefix, v.Name)
		}
	}
}

func enumLitText(v EnumValue) string {
	if v.Quoted {
		return "`" + v.Name + "`"
	}
	return v.Name
}

func enumLitsText(values []EnumValue) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = enumLitText(v)
	}
	return strings.Join(parts, " | ")
}

// checkEntities walks every entity, external entity, value and variant body.
func (c *checker) checkEntities() {
	for _, name := range c.typeNamesInOrder() {
		t := c.types[name]
		if t.kind == typeEntryEnum {
			continue
		}
		c.where = t.kind.String() + " " + t.name
		c.curType = t.name
		c.fallback = t.pos
		switch t.kind {
		case typeEntryVariant:
			// named above with the variant checks
		default:
			c.checkPascal(t.pos, t.kind.String(), t.name)
		}
		c.entityBody(t)
	}
	c.where, c.curType = "", ""
}

// entityBody checks the members of one struct type.
func (c *checker) entityBody(t *typeEntry) {
	names := map[string]Pos{}
	seenTransitions := map[string]bool{}
	root := c.rootScope()
	sc := root.child()
	sc.implicit = []string{t.name}
	sc.allowThis, sc.thisType = true, t.name
	for _, mem := range t.members {
		if mem == nil {
			continue
		}
		pos := mem.Info().Pos
		c.fallback = pos
		if n := MemberName(mem); n != "" {
			if prev, dup := names[n]; dup {
				c.report("E020", pos, "member %s is declared twice (first at line %d)", n, prev.Line)
			} else {
				names[n] = pos
			}
		}
		switch mem := mem.(type) {
		case *Field:
			c.checkSnake(pos, "field", mem.Name)
			c.checkType(pos, mem.Type, "field "+mem.Name)
			c.checkFieldEnum(t, mem)
			c.checkWhenClause(t, pos, mem.Name, mem.When)
		case *Relationship:
			c.checkSnake(pos, "relationship", mem.Name)
			c.checkTypeName(pos, mem.Entity, "relationship "+mem.Name)
			if !mentionsThis(mem.With) {
				c.report("E003", pos, "relationship %s: `with` predicate must reference `this`", mem.Name)
			}
			rs := sc.child()
			rs.implicit = []string{mem.Entity, t.name}
			c.expr(mem.With, rs)
		case *Projection:
			c.checkSnake(pos, "projection", mem.Name)
			c.expr(mem.Source, sc)
			src := c.typeOf(mem.Source, sc)
			ps := sc.child()
			if te := c.types[src.name]; src.name != "" && (te == nil || te.kind != typeEntryExternal) {
				ps.implicit = []string{src.name, t.name}
			} else {
				// Elements of unknown fields (an external entity): a bare
				// name may be one of them, never an enclosing field.
				ps.permissive = true
			}
			if mentionsThis(mem.Where) {
				c.report("E004", pos, "projection %s: `where` predicate must not reference `this`", mem.Name)
			}
			c.expr(mem.Where, ps)
		case *Derived:
			c.checkSnake(pos, "derived value", mem.Name)
			ds := sc.child()
			for _, p := range mem.Params {
				ds.bind(p, inferredType{})
			}
			c.expr(mem.Value, ds)
			c.checkWhenClause(t, pos, mem.Name, mem.When)
		case *Transitions:
			if seenTransitions[mem.Field] {
				c.report("E023", pos, "field %s has two transitions blocks", mem.Field)
			}
			seenTransitions[mem.Field] = true
			c.checkTransitions(t, mem)
		case *Invariant:
			c.checkPascal(pos, "invariant", mem.Name)
			c.invariantBody(mem, sc)
		}
	}
}

// checkFieldEnum checks an inline enum or discriminator on a field.
func (c *checker) checkFieldEnum(t *typeEntry, f *Field) {
	if f.Type == nil || len(f.Type.Enum) == 0 {
		return
	}
	if !isDiscriminatorType(f.Type) {
		c.checkEnumValues(f.Pos, f.Type.Enum, "field "+f.Name+": ")
		return
	}
	seen := map[string]bool{}
	for _, v := range f.Type.Enum {
		if seen[v.Name] {
			c.report("E020", f.Pos, "discriminator %s lists %s twice", f.Name, v.Name)
		}
		seen[v.Name] = true
		if v.Quoted || !startsUpper(v.Name) {
			c.report("E022", f.Pos, "discriminator %s mixes enum literal %s with variant names", f.Name, enumLitText(v))
			continue
		}
		vd := c.types[v.Name]
		switch {
		case vd == nil:
			c.report("E022", f.Pos, "discriminator %s names %s, which is not a declared variant", f.Name, v.Name)
		case vd.kind != typeEntryVariant:
			c.report("E022", f.Pos, "discriminator %s names %s, %s, not a variant", f.Name, v.Name, vd.kind.withArticle())
		case vd.base != t.name:
			c.report("E022", f.Pos, "discriminator %s names variant %s, whose base is %s, not %s", f.Name, v.Name, vd.base, t.name)
		}
	}
}

// fieldEnumValues returns the literals of an enum-typed field (inline or
// named), a key identifying the enum for usage tracking and a description
// ("Order.status"). ok is false for non-enum fields and discriminators.
func (c *checker) fieldEnumValues(f *Field, owner string) (values []EnumValue, key, desc string, ok bool) {
	if f == nil || f.Type == nil {
		return nil, "", "", false
	}
	if len(f.Type.Enum) > 0 {
		if isDiscriminatorType(f.Type) {
			return nil, "", "", false
		}
		return f.Type.Enum, owner + "." + f.Name, owner + "." + f.Name, true
	}
	if t := c.types[f.Type.Name]; t != nil && t.kind == typeEntryEnum && len(f.Type.Args) == 0 {
		return t.enum.Values, "enum " + t.name, owner + "." + f.Name, true
	}
	return nil, "", "", false
}

// enumField resolves typeName.field to its enum, following variants.
func (c *checker) enumField(typeName, field string) (fieldEnum, bool) {
	mem, owner := c.member(typeName, field)
	f, ok := mem.(*Field)
	if !ok {
		return fieldEnum{}, false
	}
	values, key, desc, ok := c.fieldEnumValues(f, owner)
	return fieldEnum{values: values, key: key, desc: desc}, ok
}

// fieldEnum is the enum a field, comparison or argument is typed with.
type fieldEnum struct {
	values []EnumValue
	key    string
	desc   string
}

// inline reports an enum declared in the field's type (status: a | b),
// not a named one.
func (r fieldEnum) inline() bool { return !strings.HasPrefix(r.key, "enum ") }

func (r fieldEnum) has(name string, quoted bool) bool {
	for _, v := range r.values {
		if v.Name == name && v.Quoted == quoted {
			return true
		}
	}
	return false
}

// checkWhenClause checks a field's or derived value's `when` clause (7f, 7g).
func (c *checker) checkWhenClause(t *typeEntry, pos Pos, name string, w *FieldWhen) {
	if w == nil {
		return
	}
	mem, owner := c.member(t.name, w.Field)
	f, ok := mem.(*Field)
	if !ok {
		c.report("E024", pos, "%s: `when` names %s, which is not a field of %s", name, w.Field, t.name)
		return
	}
	if !c.hasTransitions(owner, w.Field) {
		c.report("E024", pos, "%s: `when` names %s, which has no transitions block", name, w.Field)
	}
	en, ok := c.enumField(t.name, f.Name)
	if !ok {
		return
	}
	for _, v := range w.Values {
		if !en.has(v, false) && !en.has(v, true) {
			c.report("E024", pos, "%s: `when` state %q is not a value of %s (%s)", name, v, en.desc, enumLitsText(en.values))
		}
	}
}

func (c *checker) transitionsOf(typeName, field string) *Transitions {
	t := c.types[typeName]
	for depth := 0; t != nil && depth < 8; depth++ {
		for _, mem := range t.members {
			if tr, ok := mem.(*Transitions); ok && tr.Field == field {
				return tr
			}
		}
		if t.kind != typeEntryVariant {
			break
		}
		t = c.types[t.base]
	}
	return nil
}

func (c *checker) hasTransitions(typeName, field string) bool {
	return c.transitionsOf(typeName, field) != nil
}

// checkTransitions checks one transition graph (7b, 7d, 7e).
func (c *checker) checkTransitions(t *typeEntry, tr *Transitions) {
	mem, _ := c.member(t.name, tr.Field)
	f, ok := mem.(*Field)
	if !ok {
		c.report("E023", tr.Pos, "transitions names %s, which is not a field of %s", tr.Field, t.name)
		return
	}
	en, ok := c.enumField(t.name, f.Name)
	if !ok {
		c.report("E023", tr.Pos, "transitions %s: field %s is not an enum field", tr.Field, tr.Field)
		return
	}
	has := func(v string) bool { return en.has(v, false) || en.has(v, true) }
	inGraph := map[string]bool{}
	exits := map[string]bool{}
	for _, e := range tr.Edges {
		for _, v := range []string{e.From, e.To} {
			if !has(v) {
				c.report("E023", tr.Pos, "transitions %s: %q is not a value of %s (%s)", tr.Field, v, en.desc, enumLitsText(en.values))
			}
			inGraph[v] = true
		}
		exits[e.From] = true
	}
	terminal := map[string]bool{}
	for _, v := range tr.Terminal {
		if !has(v) {
			c.report("E023", tr.Pos, "transitions %s: terminal %q is not a value of %s (%s)", tr.Field, v, en.desc, enumLitsText(en.values))
		}
		terminal[v] = true
		inGraph[v] = true
	}
	for _, v := range en.values {
		switch {
		case !inGraph[v.Name]:
			c.report("E023", tr.Pos, "transitions %s: value %s of %s appears in no edge and is not terminal", tr.Field, enumLitText(v), en.desc)
		case !terminal[v.Name] && !exits[v.Name]:
			c.report("E023", tr.Pos, "transitions %s: non-terminal state %s has no outbound edge (declare it in terminal: if it is final)", tr.Field, enumLitText(v))
		}
	}
}

// checkGiven checks the module's given block (22, 23).
func (c *checker) checkGiven() {
	c.where = "given"
	for _, g := range c.m.Given {
		if g == nil {
			continue
		}
		c.fallback = g.Pos
		c.checkSnake(g.Pos, "given binding", g.Name)
		if g.Type == nil || g.Type.Name == "" {
			c.report("E010", g.Pos, "binding %s has no entity type", g.Name)
			continue
		}
		name := g.Type.Name
		if alias, rest, ok := cutQualified(name); ok {
			if !c.qualifiedOK(alias, rest) {
				c.reportQualified(g.Pos, alias, rest, "given binding "+g.Name+":")
			}
			continue
		}
		if !c.isEntityLike(name) {
			c.report("E010", g.Pos, "binding %s: %s is not a declared entity", g.Name, name)
			continue
		}
		c.markUsed(name)
	}
	c.where = ""
}

// checkConfig checks the config block and overrides (25-27).
func (c *checker) checkConfig() {
	c.where = "config"
	sc := c.rootScope().child()
	for name := range c.config {
		sc.bind(name, inferredType{})
	}
	for _, p := range c.m.Config {
		if p == nil {
			continue
		}
		c.fallback = p.Pos
		c.checkSnake(p.Pos, "config parameter", p.Name)
		if p.Type == nil || (p.Type.Name == "" && len(p.Type.Enum) == 0) {
			c.report("E012", p.Pos, "parameter %s has no type", p.Name)
		} else {
			c.checkType(p.Pos, p.Type, "parameter "+p.Name)
		}
		if p.Default != nil {
			// A local reference in a default is a use of that parameter.
			Inspect(p.Default, func(e Expr) bool {
				if id, ok := e.(*Ident); ok && c.config[id.Name] != nil && id.Name != p.Name {
					c.configUsed[id.Name] = true
				}
				return true
			})
			c.expr(p.Default, sc)
		}
	}
	for _, o := range c.m.ConfigOverrides {
		if o == nil {
			continue
		}
		c.fallback = o.Pos
		if !c.aliases[o.Alias] {
			c.report("E001", o.Pos, "config override %s/config uses import alias %q, which no `use` declares", o.Alias, o.Alias)
		}
		for _, s := range o.Settings {
			if s != nil {
				c.expr(s.Value, c.rootScope())
			}
		}
	}
	c.where = ""
}

// checkDefaults checks default instances: the type exists, every field
// set is one the type declares (any member: field, relationship,
// projection or derived value, as the reference reads it), and literal
// enum values belong to their fields.
func (c *checker) checkDefaults() {
	for _, d := range c.m.Defaults {
		if d == nil {
			continue
		}
		c.where = "default " + d.Name
		c.fallback = d.Pos
		c.checkSnake(d.Pos, "default instance", d.Name)
		c.checkTypeName(d.Pos, d.Type, "default "+d.Name)
		sc := c.rootScope()
		if obj, ok := d.Value.(*ObjectLit); ok && c.isStruct(d.Type) {
			for _, f := range obj.Fields {
				mem, _ := c.member(d.Type, f.Name)
				if mem == nil {
					c.unknownDefaultField(obj, f, d.Type)
					continue
				}
				c.nestedDefaultFields(mem, f.Value)
				if en, ok := c.enumField(d.Type, f.Name); ok {
					c.valueAgainstEnum(f.Value, en, sc, f.Name)
					continue
				}
				c.expr(f.Value, sc)
			}
			continue
		}
		c.expr(d.Value, sc)
	}
	c.where = ""
}

// unknownDefaultField reports a field a default's object literal sets that
// its type does not declare (E027).
func (c *checker) unknownDefaultField(obj *ObjectLit, f ObjectField, typeName string) {
	// The field's value carries a position; the key has none of its own.
	at := obj.Position()
	if f.Value != nil {
		at = f.Value.Position()
	}
	c.report("E027", at, "sets %s, which %s does not declare", f.Name, typeName)
}

// nestedDefaultFields checks an object literal given to a field whose type
// is a declared entity or value type against that type, recursively (rule
// 24b): renaming a nested field surfaces as an error too.
func (c *checker) nestedDefaultFields(mem EntityMember, v Expr) {
	field, ok := mem.(*Field)
	obj, isObj := v.(*ObjectLit)
	if !ok || !isObj || field.Type == nil || !c.isStruct(field.Type.Name) {
		return
	}
	for _, f := range obj.Fields {
		inner, _ := c.member(field.Type.Name, f.Name)
		if inner == nil {
			c.unknownDefaultField(obj, f, field.Type.Name)
			continue
		}
		c.nestedDefaultFields(inner, f.Value)
	}
}

// checkInvariants checks top-level invariants (51, 53, 55, 56).
func (c *checker) checkInvariants() {
	seen := map[string]Pos{}
	for _, inv := range c.m.Invariants {
		if inv == nil {
			continue
		}
		c.where = "invariant " + inv.Name
		c.fallback = inv.Pos
		c.checkPascal(inv.Pos, "invariant", inv.Name)
		if prev, dup := seen[inv.Name]; dup {
			c.report("E020", inv.Pos, "declared twice (first at line %d)", prev.Line)
		}
		seen[inv.Name] = inv.Pos
		c.invariantBody(inv, c.rootScope())
	}
	c.where = ""
}

func (c *checker) invariantBody(inv *Invariant, sc *nameScope) {
	c.inInv = true
	c.stmts(inv.Body, sc.child(), false)
	c.inInv = false
}

// checkActors checks actor declarations.
func (c *checker) checkActors() {
	for _, a := range c.m.Actors {
		if a == nil {
			continue
		}
		c.where = "actor " + a.Name
		c.fallback = a.Pos
		c.checkPascal(a.Pos, "actor", a.Name)
		sc := c.rootScope().child()
		if a.Within != "" {
			c.checkTypeName(a.Pos, a.Within, "within")
			sc.allowWithin, sc.withinType = true, a.Within
		}
		sc.allowThis = true
		if root := RootIdent(a.IdentifiedBy); root != "" && startsUpper(root) {
			sc.thisType = root
		}
		c.inActor = true
		c.expr(a.IdentifiedBy, sc)
		c.inActor = false
	}
	c.where = ""
}

// actorEntity returns the entity type an actor identifies.
func (c *checker) actorEntity(a *Actor) string {
	if a == nil {
		return ""
	}
	if root := RootIdent(a.IdentifiedBy); startsUpper(root) {
		return root
	}
	return ""
}
