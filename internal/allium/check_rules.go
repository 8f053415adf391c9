package allium

import (
	"fmt"
	"sort"
	"strings"
)

// transitionUse is a state change a rule makes to a field with a
// transition graph: var.field = to, with var bound at rule level.
type transitionUse struct {
	variable string
	typ      string
	field    string
	to       string
	at       Expr
}

// checkRules checks every rule (4-6, 9, 11, 7a) and the warnings that
// compare rules (W004, W005).
func (c *checker) checkRules() {
	type firstRule struct {
		rule *Rule
	}
	seen := map[string]firstRule{}
	for _, r := range c.m.Rules {
		if r == nil {
			continue
		}
		c.where = "rule " + r.Name
		c.fallback = r.Pos
		c.checkPascal(r.Pos, "rule", r.Name)
		sc := c.rootScope().child()
		c.ruleScope = sc
		c.transitions = nil
		if r.Trigger == nil {
			c.report("E005", r.Pos, "rule has no trigger (when:)")
		} else {
			c.trigger(r.Trigger, sc)
		}
		c.ruleLets = letNames(r.Body)
		c.stmts(r.Body, sc, true)
		hasEnsures, hasRequires := false, false
		WalkStmts(r.Body, func(s Stmt) bool {
			switch s.(type) {
			case *Ensures:
				hasEnsures = true
				return false
			case *Requires:
				hasRequires = true
			}
			return true
		})
		if !hasEnsures {
			c.report("E006", r.Pos, "rule has no ensures clause")
		}
		if r.Trigger != nil && r.Trigger.Kind == TriggerTemporal && !hasRequires {
			c.report("W004", r.Trigger.Pos, "temporal trigger without a requires clause: the rule can re-fire; add a guard such as a status check")
		}
		c.checkRuleTransitions(r)
		if r.Trigger != nil {
			key := ruleTriggerKey(r.Trigger) + "\x00" + rulePreconditionKey(r)
			if prev, dup := seen[key]; dup {
				c.report("W005", r.Pos, "rule %s has the same trigger and the same preconditions; both fire together (ambiguity)", prev.rule.Name)
			} else {
				seen[key] = firstRule{r}
			}
		}
	}
	c.where, c.ruleScope, c.transitions, c.ruleLets = "", nil, nil, nil
}

// triggerForm reports an entity trigger that is none of the valid forms
// (rule 5, E028): every entity trigger binds its instance (`x: Entity…`,
// as the reference's trigger section says of temporal, transition and
// creation triggers alike), and its condition is a transition, a becomes,
// a comparison or a member of the entity (creation, derived value), never
// a bare name, a negation or a conjunction of conditions.
func (c *checker) triggerForm(t *Trigger) {
	if id, ok := t.Cond.(*Ident); ok {
		c.report("E028", t.Pos, "unsupported trigger form %s: an external trigger takes parentheses, %s(...); an entity trigger is `x: %s.…`", id.Name, id.Name, id.Name)
		return
	}
	if t.Binding == "" {
		c.report("E028", t.Pos, "entity trigger without a binding: write it as `x: %s`", ExprString(t.Cond))
		return
	}
	switch x := t.Cond.(type) {
	case *Member:
		return
	case *Binary:
		if x.Op == OpTransitionsTo || x.Op == OpBecomes || binaryPrec(x.Op) == precCompare {
			return
		}
	}
	c.report("E028", t.Pos, "unsupported trigger form %s: an entity trigger is a transition, a becomes, a comparison or a member such as `.created`", ExprString(t.Cond))
}

// letNames returns the names every let of a rule body binds, at any depth:
// a bare name that one of them binds but that is not yet bound where it
// stands is used before its let (E009), never an enum literal.
func letNames(body []Stmt) map[string]bool {
	names := map[string]bool{}
	WalkStmts(body, func(s Stmt) bool {
		if l, ok := s.(*Let); ok {
			names[l.Name] = true
		}
		return true
	})
	return names
}

// trigger checks a rule's when clause and binds its names.
func (c *checker) trigger(t *Trigger, sc *nameScope) {
	c.fallback = t.Pos
	if t.Kind == TriggerExternal {
		name := t.Name
		if alias, rest, ok := cutQualified(name); ok {
			if !c.aliases[alias] {
				c.reportQualified(t.Pos, alias, rest, "trigger")
			}
			name = rest
		}
		c.checkPascal(t.Pos, "trigger", name)
		for _, p := range t.Params {
			sc.bind(p.Name, inferredType{})
		}
		return
	}
	c.triggerForm(t)
	root := t.Entity()
	cs := sc.child()
	switch alias, rest, q := cutQualified(root); {
	case root == "":
	case q:
		if !c.qualifiedOK(alias, rest) {
			c.reportQualified(t.Pos, alias, rest, "trigger entity")
		}
	case !c.isStruct(root):
		// Reported by the walk of Cond below, at the name.
	default:
		c.markUsed(root)
		cs.implicit = []string{root}
		// The root names the type whatever its case; bind it so the walk
		// of Cond does not take a lower-case type name for a variable.
		cs.bind(root, inferredType{name: root})
		sc.bind(t.Binding, inferredType{name: root})
	}
	if !c.isStruct(root) {
		sc.bind(t.Binding, inferredType{})
		cs.permissive = true
	}
	if t.Binding != "" && t.Binding != "_" {
		c.checkSnake(t.Pos, "trigger binding", t.Binding)
	}
	c.expr(t.Cond, cs)
}

// stmts walks a statement list in order; lets bind for the statements that
// follow. ruleLevel is true for a rule body and the body of a rule-level for.
func (c *checker) stmts(list []Stmt, sc *nameScope, ruleLevel bool) {
	for _, s := range list {
		if s == nil {
			continue
		}
		if p := s.Info().Pos; p.IsValid() {
			c.fallback = p
		}
		switch s := s.(type) {
		case *Let:
			c.checkSnake(s.Pos, "let binding", s.Name)
			c.expr(s.Value, sc)
			sc.bind(s.Name, c.typeOf(s.Value, sc))
		case *Requires:
			c.expr(s.Cond, sc)
		case *Ensures:
			c.stmts(s.Body, sc.child(), false)
		case *For:
			c.expr(s.Coll, sc)
			t := c.typeOf(s.Coll, sc)
			fs := sc.child()
			fs.bind(s.Var, inferredType{name: t.name})
			if ruleLevel {
				c.ruleIfCond++
			}
			c.stmts(s.Body, fs, ruleLevel)
			if ruleLevel {
				c.ruleIfCond--
			}
		case *If:
			for _, b := range s.Branches {
				c.expr(b.Cond, sc)
				c.stmts(b.Body, sc.child(), false)
			}
			if s.Else != nil {
				c.stmts(s.Else, sc.child(), false)
			}
		case *Assign:
			c.assign(s, sc)
		case *ExprStmt:
			c.expr(s.X, sc)
		}
	}
}

func (c *checker) assign(s *Assign, sc *nameScope) {
	c.expr(s.Target, sc)
	if en, field, ok := c.enumOf(s.Target, sc); ok {
		c.valueAgainstEnum(s.Value, en, sc, field)
		c.recordTransition(s, sc)
		return
	}
	if name, quoted, ok := c.literalLike(s.Value, sc); ok && isFieldRead(s.Target) {
		c.acceptLiteral(s.Value, name, quoted)
		return
	}
	c.expr(s.Value, sc)
}

// recordTransition remembers var.field = literal for the 7a check when var
// is bound at rule level (not by a for or an ensures let).
func (c *checker) recordTransition(s *Assign, sc *nameScope) {
	if c.ruleScope == nil || c.ruleIfCond > 0 {
		return
	}
	m, ok := s.Target.(*Member)
	if !ok {
		return
	}
	id, ok := m.X.(*Ident)
	if !ok {
		return
	}
	t, found, ok := c.lookup(id.Name, sc)
	if !ok || found != c.ruleScope || t.name == "" {
		return
	}
	name, quoted, ok := c.literalLike(s.Value, sc)
	if !ok || quoted {
		return
	}
	c.transitions = append(c.transitions, &transitionUse{variable: id.Name, typ: t.name, field: m.Name, to: name, at: s.Value})
}

// checkRuleTransitions reports state changes whose source state (known
// from the rule's requires or its transition trigger) has no edge to the
// target in the field's transition graph (7a).
func (c *checker) checkRuleTransitions(r *Rule) {
	if len(c.transitions) == 0 {
		return
	}
	sources := ruleSourceStates(r)
	for _, u := range c.transitions {
		tr := c.transitionsOf(u.typ, u.field)
		if tr == nil {
			continue
		}
		from, known := sources[u.variable+"."+u.field]
		if !known {
			continue
		}
		for _, s := range from {
			if s == u.to || graphHasEdge(tr, s, u.to) {
				continue
			}
			c.reportAt("E023", u.at, "transition %s.%s %s -> %s is not in the transition graph", u.typ, u.field, s, u.to)
		}
	}
}

func graphHasEdge(tr *Transitions, from, to string) bool {
	for _, e := range tr.Edges {
		if e.From == from && e.To == to {
			return true
		}
	}
	return false
}

// ruleSourceStates reads var.field = v and var.field in {a, b} conjuncts of
// a rule's top-level requires, and the value of a transitions_to/becomes
// trigger, into var.field -> possible states before the rule runs.
func ruleSourceStates(r *Rule) map[string][]string {
	out := map[string][]string{}
	narrow := func(key string, vals []string) {
		prev, ok := out[key]
		if !ok {
			out[key] = vals
			return
		}
		var both []string
		for _, v := range prev {
			for _, w := range vals {
				if v == w {
					both = append(both, v)
				}
			}
		}
		out[key] = both
	}
	var atom func(e Expr)
	atom = func(e Expr) {
		b, ok := e.(*Binary)
		if !ok {
			return
		}
		switch b.Op {
		case OpAnd:
			atom(b.X)
			atom(b.Y)
		case OpEq:
			if key, ok := varFieldKey(b.X); ok {
				if id, ok := b.Y.(*Ident); ok {
					narrow(key, []string{id.Name})
				}
			} else if key, ok := varFieldKey(b.Y); ok {
				if id, ok := b.X.(*Ident); ok {
					narrow(key, []string{id.Name})
				}
			}
		case OpIn:
			key, ok := varFieldKey(b.X)
			set, isSet := b.Y.(*SetLit)
			if !ok || !isSet {
				return
			}
			var vals []string
			for _, el := range set.Elems {
				id, ok := el.(*Ident)
				if !ok {
					return
				}
				vals = append(vals, id.Name)
			}
			narrow(key, vals)
		}
	}
	if t := r.Trigger; t != nil && (t.Kind == TriggerTransition || t.Kind == TriggerBecomes) && t.Binding != "" {
		if b, ok := t.Cond.(*Binary); ok {
			if m, ok := b.X.(*Member); ok {
				if id, ok := b.Y.(*Ident); ok {
					narrow(t.Binding+"."+m.Name, []string{id.Name})
				}
			}
		}
	}
	for _, s := range r.Body {
		if req, ok := s.(*Requires); ok {
			atom(req.Cond)
		}
	}
	return out
}

// varFieldKey returns "v.f" for the expression v.f with v a bare name.
func varFieldKey(e Expr) (string, bool) {
	m, ok := e.(*Member)
	if !ok {
		return "", false
	}
	id, ok := m.X.(*Ident)
	if !ok {
		return "", false
	}
	return id.Name + "." + m.Name, true
}

// ruleTriggerKey identifies a trigger independent of binding names.
func ruleTriggerKey(t *Trigger) string {
	if t.Kind == TriggerExternal {
		return "external " + t.Name
	}
	return t.Kind.String() + " " + structuralKey(t.Cond, nil)
}

// rulePreconditionKey is the set of a rule's preconditions in structural form,
// with trigger parameters renamed by position and rule-level lets replaced
// by their definitions, so that rules that differ only in binding names
// compare equal.
func rulePreconditionKey(r *Rule) string {
	ren := map[string]string{}
	if t := r.Trigger; t != nil {
		if t.Kind == TriggerExternal {
			for i, p := range t.Params {
				ren[p.Name] = fmt.Sprintf("$%d", i)
			}
		} else if t.Binding != "" {
			ren[t.Binding] = "$b"
		}
	}
	var keys []string
	var walk func(list []Stmt)
	walk = func(list []Stmt) {
		for _, s := range list {
			switch s := s.(type) {
			case *Let:
				ren[s.Name] = "let(" + structuralKey(s.Value, ren) + ")"
			case *Requires:
				keys = append(keys, structuralKey(s.Cond, ren))
			case *For:
				keys = append(keys, "for "+structuralKey(s.Coll, ren))
				walk(s.Body)
			}
		}
	}
	walk(r.Body)
	sort.Strings(keys)
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return strings.Join(out, "\n")
}

// structuralKey renders an expression structurally, ignoring positions.
func structuralKey(e Expr, ren map[string]string) string {
	var b strings.Builder
	writeStructuralKey(&b, e, ren, 0)
	return b.String()
}

func writeStructuralKey(b *strings.Builder, e Expr, ren map[string]string, depth int) {
	name := func(s string) string {
		if r, ok := ren[s]; ok {
			return r
		}
		return s
	}
	switch e := e.(type) {
	case nil:
		b.WriteString("_nil")
	case *Ident:
		b.WriteString(name(e.Name))
	case *Lit:
		fmt.Fprintf(b, "lit%d%q", e.Kind, e.Text)
	case *Duration:
		fmt.Fprintf(b, "%s.%s", strings.ReplaceAll(e.Value, "_", ""), strings.TrimSuffix(e.Unit, "s"))
	case *Member:
		b.WriteString("(")
		writeStructuralKey(b, e.X, ren, depth)
		if e.Optional {
			b.WriteString(")?.")
		} else {
			b.WriteString(").")
		}
		b.WriteString(e.Name)
	case *Call:
		writeStructuralKey(b, e.Fun, ren, depth)
		b.WriteString("(")
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(",")
			}
			if a.Name != "" {
				b.WriteString(a.Name + ":")
			}
			writeStructuralKey(b, a.Value, ren, depth)
		}
		b.WriteString(")")
	case *Lambda:
		inner := make(map[string]string, len(ren)+1)
		for k, v := range ren {
			inner[k] = v
		}
		p := fmt.Sprintf("λ%d", depth)
		inner[e.Param] = p
		b.WriteString(p + "=>")
		writeStructuralKey(b, e.Body, inner, depth+1)
	case *Join:
		b.WriteString(e.Entity + "{")
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(f.Name + ":")
			if f.Value == nil {
				b.WriteString(name(f.Name))
			} else {
				writeStructuralKey(b, f.Value, ren, depth)
			}
		}
		b.WriteString("}")
	case *Binary:
		b.WriteString("(")
		writeStructuralKey(b, e.X, ren, depth)
		b.WriteString(" " + e.Op + " ")
		writeStructuralKey(b, e.Y, ren, depth)
		b.WriteString(")")
	case *Unary:
		b.WriteString(e.Op + "(")
		writeStructuralKey(b, e.X, ren, depth)
		b.WriteString(")")
	case *Where:
		b.WriteString("(")
		writeStructuralKey(b, e.X, ren, depth)
		b.WriteString(" where ")
		writeStructuralKey(b, e.Cond, ren, depth)
		b.WriteString(")")
	case *SetLit:
		b.WriteString("{")
		for i, x := range e.Elems {
			if i > 0 {
				b.WriteString(",")
			}
			writeStructuralKey(b, x, ren, depth)
		}
		b.WriteString("}")
	case *ListLit:
		b.WriteString("[")
		for i, x := range e.Elems {
			if i > 0 {
				b.WriteString(",")
			}
			writeStructuralKey(b, x, ren, depth)
		}
		b.WriteString("]")
	case *ObjectLit:
		b.WriteString("{")
		for i, f := range e.Fields {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(f.Name + ":")
			writeStructuralKey(b, f.Value, ren, depth)
		}
		b.WriteString("}")
	case *IfExpr:
		b.WriteString("if(")
		for _, br := range e.Branches {
			writeStructuralKey(b, br.Cond, ren, depth)
			b.WriteString("?")
			writeStructuralKey(b, br.Then, ren, depth)
			b.WriteString(";")
		}
		writeStructuralKey(b, e.Else, ren, depth)
		b.WriteString(")")
	default:
		fmt.Fprintf(b, "%T", e)
	}
}
