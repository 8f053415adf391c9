package allium

import "strings"

// surfaceBlockKind names the block a surface entry belongs to.
type surfaceBlockKind int

const (
	surfaceExposes surfaceBlockKind = iota
	surfaceProvides
	surfaceRelated
	surfaceTimeout
)

// checkSurfaces checks surfaces (28, 30, 31, 35-38) and walks their
// expressions with the facing, context and let bindings in scope.
func (c *checker) checkSurfaces() {
	for _, s := range c.m.Surfaces {
		if s == nil {
			continue
		}
		c.where = "surface " + s.Name
		c.fallback = s.Pos
		c.checkPascal(s.Pos, "surface", s.Name)
		sc := c.rootScope().child()
		if f := s.Facing; f != nil {
			sc.bind(f.Name, c.facingType(f))
		}
		if b := s.Context; b != nil {
			c.fallback = b.Pos
			t := inferredType{}
			if alias, rest, q := cutQualified(b.Type); q {
				if !c.qualifiedOK(alias, rest) {
					c.reportQualified(b.Pos, alias, rest, "context type")
				}
			} else if c.isStruct(b.Type) {
				c.markUsed(b.Type)
				t = inferredType{name: b.Type}
			} else {
				c.report("E001", b.Pos, "context %s: type %s is not a declared entity", b.Name, b.Type)
			}
			if b.Where != nil {
				ws := sc.child()
				if t.name != "" {
					ws.implicit = []string{t.name}
				} else {
					ws.permissive = true
				}
				if mentionsThis(b.Where) {
					c.report("E004", b.Pos, "context %s: `where` predicate must not reference `this`", b.Name)
					ws.allowThis = true
				}
				c.expr(b.Where, ws)
			}
			sc.bind(b.Name, t)
		}
		for _, l := range s.Lets {
			if l == nil {
				continue
			}
			c.fallback = l.Pos
			c.checkSnake(l.Pos, "let binding", l.Name)
			c.expr(l.Value, sc)
			sc.bind(l.Name, c.typeOf(l.Value, sc))
		}
		c.surfaceEntries(s.Exposes, sc, surfaceExposes)
		c.surfaceEntries(s.Provides, sc, surfaceProvides)
		c.surfaceEntries(s.Related, sc, surfaceRelated)
		c.surfaceEntries(s.Timeout, sc, surfaceTimeout)
		seen := map[string]bool{}
		for _, ref := range s.Contracts {
			if ref == nil {
				continue
			}
			if seen[ref.Name] {
				c.report("E019", ref.Pos, "contract %s is referenced twice", ref.Name)
			}
			seen[ref.Name] = true
			if alias, rest, q := cutQualified(ref.Name); q {
				if !c.qualifiedOK(alias, rest) {
					c.reportQualified(ref.Pos, alias, rest, "contract")
				}
				continue
			}
			if c.contracts[ref.Name] == nil {
				c.report("E019", ref.Pos, "contract %s is not declared", ref.Name)
			}
		}
		c.checkAnnotations(s.Annotations)
	}
	c.where = ""
}

// facingType checks a facing clause (28) and returns the binding's type:
// an actor binds the entity type its identified_by names.
func (c *checker) facingType(f *SurfaceBinding) inferredType {
	c.fallback = f.Pos
	typ := f.Type
	if a := c.actors[typ]; a != nil {
		if e := c.actorEntity(a); c.isStruct(e) {
			return inferredType{name: e}
		}
		return inferredType{}
	}
	if alias, rest, q := cutQualified(typ); q {
		if !c.qualifiedOK(alias, rest) {
			c.reportQualified(f.Pos, alias, rest, "facing type")
		}
		return inferredType{}
	}
	if c.isEntityLike(typ) {
		c.markUsed(typ)
		return inferredType{name: typ}
	}
	if t := c.types[typ]; t != nil {
		c.report("E015", f.Pos, "facing %s: %s is %s, not an actor or entity", f.Name, typ, t.kind.withArticle())
	} else {
		c.report("E015", f.Pos, "facing %s: %s is not a declared actor or entity", f.Name, typ)
	}
	return inferredType{}
}

// surfaceCallee returns the name an entry calls or names: Foo(...) or Foo.
func surfaceCallee(e Expr) (string, *Call) {
	switch e := e.(type) {
	case *Ident:
		return e.Name, nil
	case *Call:
		if id, ok := e.Fun.(*Ident); ok {
			return id.Name, e
		}
	}
	return "", nil
}

func (c *checker) surfaceEntries(list []SurfaceEntry, sc *nameScope, block surfaceBlockKind) {
	for _, en := range list {
		if en == nil {
			continue
		}
		if p := en.Info().Pos; p.IsValid() {
			c.fallback = p
		}
		switch en := en.(type) {
		case *SurfaceFor:
			c.expr(en.Coll, sc)
			t := c.typeOf(en.Coll, sc)
			fs := sc.child()
			fs.bind(en.Var, inferredType{name: t.name})
			c.surfaceEntries(en.Body, fs, block)
		case *SurfaceItem:
			c.surfaceItem(en, sc, block)
			c.expr(en.When, sc)
		}
	}
}

func (c *checker) surfaceItem(it *SurfaceItem, sc *nameScope, block surfaceBlockKind) {
	pos := it.Pos
	switch block {
	case surfaceExposes:
		c.expr(it.X, sc)
	case surfaceProvides:
		name, call := surfaceCallee(it.X)
		if name == "" {
			c.expr(it.X, sc)
			return
		}
		if !strings.Contains(name, "/") && c.triggers[name] == nil {
			c.report("E016", pos, "provides %s, but no rule is triggered by %s(...)", name, name)
		}
		if call != nil {
			// Arguments are per-action inputs from the party: names
			// that are not bound here are the inputs themselves.
			ps := sc.child()
			ps.permissive = true
			c.args(call.Args, ps, inferredType{})
		}
	case surfaceRelated:
		name, call := surfaceCallee(it.X)
		if name == "" {
			c.expr(it.X, sc)
			return
		}
		if !strings.Contains(name, "/") && c.surfaces[name] == nil {
			c.report("E018", pos, "related surface %s is not declared", name)
		}
		if call != nil {
			c.args(call.Args, sc, inferredType{})
		}
	case surfaceTimeout:
		name, _ := surfaceCallee(it.X)
		if name == "" || strings.Contains(name, "/") {
			c.expr(it.X, sc)
			return
		}
		r := c.rules[name]
		switch {
		case r == nil:
			c.report("E017", pos, "timeout names rule %s, which is not declared", name)
		case r.Trigger == nil || (r.Trigger.Kind != TriggerTemporal && r.Trigger.Kind != TriggerDerived):
			c.report("E017", pos, "timeout names rule %s, whose trigger is not temporal", name)
		}
	}
}

// warnings adds the module-wide warnings (W001-W003, W007).
func (c *checker) warnings() {
	c.where = ""
	for _, list := range [][]*Entity{c.m.Externals, c.m.Entities} {
		for _, e := range list {
			if e == nil || c.types[e.Name] == nil || c.types[e.Name].pos != e.Pos {
				continue
			}
			kind := "entity"
			if e.External {
				kind = "external entity"
			}
			switch {
			case !c.used[e.Name]:
				c.report("W001", e.Pos, "%s %s is declared but never referenced", kind, e.Name)
			case e.External:
				c.report("W007", e.Pos, "external entity %s is referenced: its lifecycle is governed by another spec or system", e.Name)
			}
		}
	}
	for _, p := range c.m.Config {
		if p != nil && c.config[p.Name] == p && !c.configUsed[p.Name] {
			c.report("W002", p.Pos, "config parameter %s is never referenced", p.Name)
		}
	}
	c.unusedEnumValues()
}

// unusedEnumValues reports enum values of internal fields that nothing
// assigns, creates with or compares against (W003). A value counts as used
// where its field was resolved, or anywhere a bare literal of that name
// was accepted without a resolvable field (an untyped trigger parameter).
func (c *checker) unusedEnumValues() {
	namedUsed := map[string]bool{}
	for _, name := range c.typeNamesInOrder() {
		t := c.types[name]
		if t.kind == typeEntryEnum || t.kind == typeEntryExternal {
			continue
		}
		c.where = t.kind.String() + " " + t.name
		for _, mem := range t.members {
			f, ok := mem.(*Field)
			if !ok {
				continue
			}
			values, key, _, ok := c.fieldEnumValues(f, t.name)
			if !ok {
				continue
			}
			if strings.HasPrefix(key, "enum ") {
				namedUsed[strings.TrimPrefix(key, "enum ")] = true
				continue
			}
			if unused := c.unusedValues(key, values); len(unused) > 0 {
				c.report("W003", f.Pos, "field %s: %s never assigned, created with or compared against", f.Name, unused)
			}
		}
	}
	for _, e := range c.m.Enums {
		if e == nil || !namedUsed[e.Name] || c.types[e.Name] == nil || c.types[e.Name].enum != e {
			continue
		}
		c.where = "enum " + e.Name
		if unused := c.unusedValues("enum "+e.Name, e.Values); len(unused) > 0 {
			c.report("W003", e.Pos, "%s never assigned, created with or compared against", unused)
		}
	}
	c.where = ""
}

func (c *checker) unusedValues(key string, values []EnumValue) string {
	var unused []string
	for _, v := range values {
		if c.enumUsed[key][enumLitText(v)] || c.looseUsed[v.Name] {
			continue
		}
		unused = append(unused, enumLitText(v))
	}
	switch len(unused) {
	case 0:
		return ""
	case 1:
		return "value " + unused[0] + " is"
	}
	return "values " + strings.Join(unused, ", ") + " are"
}
