package compare

import (
	"maps"
	"reflect"
	"sort"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// decide marks the groups that reach the quorum and picks the text each
// shared construct keeps.
func (c *comparison) decide() {
	for _, g := range c.entities {
		g.shared = g.count() >= c.req
		for _, ch := range g.children {
			switch ch.kind {
			case summary.KindField:
				ch.shared = g.shared && ch.count() >= c.req
			default:
				c.decideText(ch, g.shared)
			}
		}
	}
	for _, g := range append(append([]*group{}, c.enums...), c.config...) {
		g.shared = g.count() >= c.req
	}
	for _, g := range c.rules {
		g.shared = g.count() >= c.req
		for _, ch := range g.children {
			if ch.kind == summary.KindTrigger {
				ch.shared = g.shared
				continue
			}
			c.decideText(ch, g.shared)
			if !ch.shared && g.shared && ch.kind == summary.KindEnsures && ch.count() >= c.req {
				ch.shared = len(c.commonOutcomes(ch)) > 0
			}
		}
	}
	for _, g := range c.wholes {
		c.decideText(g, true)
		for _, ch := range g.children {
			ch.shared = g.shared && ch.count() >= c.req
		}
	}
}

// decideText shares a group when at least the quorum of variants hold it
// with the same text.
func (c *comparison) decideText(g *group, parentShared bool) {
	counts := map[string]int{}
	for _, u := range g.members {
		if u != nil {
			counts[u.cmp()]++
		}
	}
	t := majority(counts)
	g.text = t
	g.shared = parentShared && counts[t] >= c.req
}

// withText returns the first member whose text is the group's chosen text.
func (g *group) withText() *unit {
	var derived *unit
	for _, u := range g.members {
		if u != nil && u.cmp() == g.text {
			if !u.readsDerived {
				return u
			}
			if derived == nil {
				derived = u
			}
		}
	}
	// Every member reads a derived value where the clause is matched on
	// its expression: the first, which every member declares.
	if derived != nil {
		return derived
	}
	return g.first()
}

// commonOutcomes returns, for an ensures group whose members differ, the
// statements at least the quorum of them share, in the order of the first
// member holding them all.
func (c *comparison) commonOutcomes(g *group) []allium.Stmt {
	counts := map[string]int{}
	for _, u := range g.members {
		if u == nil {
			continue
		}
		seen := map[string]bool{}
		for _, s := range u.node.(*allium.Ensures).Body {
			t := clauseKey(s)
			if !seen[t] {
				seen[t] = true
				counts[t]++
			}
		}
	}
	var best []allium.Stmt
	for _, u := range g.members {
		if u == nil {
			continue
		}
		var kept []allium.Stmt
		for _, s := range u.node.(*allium.Ensures).Body {
			if counts[clauseKey(s)] >= c.req {
				kept = append(kept, s)
			}
		}
		if len(kept) > len(best) {
			best = kept
		}
	}
	return best
}

// piece is one droppable construct of the shared spec under construction.
type piece struct {
	id       int
	g        *group
	node     allium.Node
	children []*piece
	dead     bool
	// wrap is the rule-level for a clause sits in; consecutive clauses with
	// the same wrapKey share one for when assembled.
	wrap    *allium.For
	wrapKey string
	// whole, part and parts: the clause a conjunct or an outcome was split
	// from (see clauseUnits); consecutive live parts of one clause are
	// written as one again, as the variant wrote it when all are there and
	// none is in general form.
	whole       allium.Stmt
	part, parts int
	general     bool
	// guard joins requires and ensures pieces of a rule into one
	// `ensures: if C: ...` (guardBack, joinParts).
	guard *allium.If
}

// sharedSpec is the shared module as pieces, so the checker's complaints can
// be answered by dropping exactly the construct complained about.
type sharedSpec struct {
	header, trailer []string
	top             []*piece
	byID            map[int]*piece
}

func (s *sharedSpec) add(list *[]*piece, g *group, n allium.Node) *piece {
	p := &piece{id: len(s.byID) + 1, g: g, node: n}
	s.byID[p.id] = p
	*list = append(*list, p)
	return p
}

// build assembles the shared spec's pieces from the shared groups, each
// copied from a member holding the chosen text, under canonical names.
func (c *comparison) build() {
	s := &sharedSpec{byID: map[int]*piece{}}
	c.spec = s
	same := true
	for _, v := range c.vs[1:] {
		if !reflect.DeepEqual(v.Module.Header, c.vs[0].Module.Header) || !reflect.DeepEqual(v.Module.Trailer, c.vs[0].Module.Trailer) {
			same = false
		}
	}
	if same {
		s.header, s.trailer = c.vs[0].Module.Header, c.vs[0].Module.Trailer
	}
	for _, g := range c.wholes {
		if g.shared && (g.kind == kindUse || g.kind == kindGiven || g.kind == kindOverride) {
			s.add(&s.top, g, deepCopy(g.withText().node))
		}
	}
	// A name both an entity and an external entity in the shared spec would
	// be declared twice; the variants that own it (internal) win.
	internal := map[string]bool{}
	for _, g := range c.entities {
		if g.shared && g.kind == summary.KindEntity {
			internal[g.name] = true
		}
	}
	c.sharedTypes = map[string]bool{}
	c.valuelessEnums = map[string]bool{}
	for _, g := range c.enums {
		if g.shared && len(c.quorumValues(g, enumValues)) == 0 {
			// The variants agree there is such an enum but on none of its
			// values: declared empty it would say the field can hold
			// nothing. Its fields become strings (sharedField).
			c.valuelessEnums[g.name] = true
		}
	}
	for _, g := range append(append([]*group{}, c.entities...), c.enums...) {
		if g.shared && !c.valuelessEnums[g.name] {
			c.sharedTypes[g.name] = true
		}
	}
	for _, g := range c.wholes {
		if g.shared && g.kind == summary.KindEntity {
			c.sharedTypes[g.name] = true
		}
	}
	for _, g := range c.entities {
		if g.shared && g.kind == summary.KindExternalEntity && internal[g.name] {
			g.shared = false
			c.dropped = append(c.dropped, g.kind+" "+g.name+": also declared as an entity")
		}
		if !g.shared {
			continue
		}
		rep := g.representative()
		var node allium.Node
		switch x := rep.node.(type) {
		case *allium.Entity:
			e := deepCopy(x)
			e.Members = nil
			node = e
		case *allium.ValueType:
			vt := deepCopy(x)
			vt.Members = nil
			node = vt
		}
		p := s.add(&s.top, g, node)
		for _, ch := range g.children {
			if !ch.shared {
				continue
			}
			var mem allium.Node
			if ch.kind == summary.KindField {
				mem = c.sharedField(ch)
			} else {
				mem = deepCopy(ch.withText().node)
			}
			s.add(&p.children, ch, mem)
		}
	}
	for _, g := range c.enums {
		if g.shared && !c.valuelessEnums[g.name] {
			e := deepCopy(g.representative().node.(*allium.Enum))
			e.Values = c.quorumValues(g, enumValues)
			s.add(&s.top, g, e)
		}
	}
	for _, g := range c.config {
		if g.shared {
			s.add(&s.top, g, c.sharedConfig(g))
		}
	}
	for _, g := range c.rules {
		if !g.shared {
			continue
		}
		rep := g.representative()
		chosen := c.ruleClauses(g)
		hasEnsures := false
		for _, cc := range chosen {
			if cc.g.kind == summary.KindEnsures {
				hasEnsures = true
			}
		}
		if !hasEnsures {
			c.differing = append(c.differing, g)
			g.shared = false
			continue
		}
		r := deepCopy(rep.node.(*allium.Rule))
		r.Body = nil
		if !c.sameGuidance(g) {
			r.Guidance = nil
		}
		if !sameRuleDoc(g) {
			// The comments above a rule are one variant's account of it
			// ("an unknown address is refused (404)"), which may be false
			// of the others: kept only when every variant says the same.
			r.Doc, r.Comment = nil, ""
		}
		p := s.add(&s.top, g, r)
		for _, cc := range chosen {
			cp := s.add(&p.children, cc.g, cc.stmt)
			cp.whole, cp.part, cp.parts, cp.general = cc.u.whole, cc.u.part, cc.u.parts, cc.g.general
			cp.guard = cc.guard
			if cc.u.forOf != nil {
				cp.wrap = deepCopy(cc.u.forOf)
				cp.wrap.Body = nil
				cp.wrapKey = cc.u.forOf.Var + " in " + allium.ExprString(cc.u.forOf.Coll)
			}
		}
	}
	c.declareLookupFields(s)
	// A lifetime a general outcome reads from config that not every
	// variant declares is declared without a default, saying each
	// variant's value (generalLifetime).
	names := make([]string, 0, len(c.lifetimes))
	for name := range c.lifetimes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		g := c.configGroup(name)
		if g == nil || g.shared {
			continue
		}
		var pick *unit
		for _, u := range g.members {
			if u != nil && (pick == nil || u.local == g.name && pick.local != g.name) {
				pick = u
			}
		}
		if pick == nil {
			continue
		}
		p := deepCopy(pick.node.(*allium.ConfigParam))
		p.Default, p.Comment = nil, ""
		p.Doc = []string{c.lifetimes[name]}
		g.shared = true
		s.add(&s.top, g, p)
		if to, ok := c.lifetimeNames[name]; ok {
			// The report names the group as the shared spec does; the
			// member that declares it keeps its own name as (here ...).
			p.Name, g.name = to, to
		}
	}
	for _, g := range c.wholes {
		if g.shared && g.kind != kindUse && g.kind != kindGiven && g.kind != kindOverride {
			s.add(&s.top, g, deepCopy(g.withText().node))
		}
	}
}

// declareLookupFields declares, in a shared entity, the fields a shared
// rule looks a row of it up by (User{email}) that fewer than the quorum
// declare: the lookup the shared spec keeps reads the field, so the
// entity has it, though a variant whose own lookup is a black box
// (flask-flaskbb's user_by_username_or_email) never names it and so its
// slice of the flow lacks it.
func (c *comparison) declareLookupFields(s *sharedSpec) {
	read := map[string]map[string]bool{}
	for _, p := range s.top {
		if p.g == nil || p.g.kind != summary.KindRule {
			continue
		}
		for _, ch := range p.children {
			st, ok := ch.node.(allium.Stmt)
			if !ok {
				continue
			}
			allium.WalkStmts([]allium.Stmt{st}, func(x allium.Stmt) bool {
				for _, e := range allium.StmtExprs(x) {
					allium.Inspect(e, func(y allium.Expr) bool {
						if j, ok := y.(*allium.Join); ok {
							if read[j.Entity] == nil {
								read[j.Entity] = map[string]bool{}
							}
							for _, f := range j.Fields {
								read[j.Entity][f.Name] = true
							}
						}
						return true
					})
				}
				return true
			})
		}
	}
	for _, p := range s.top {
		if p.g == nil || p.g.kind != summary.KindEntity || read[p.g.name] == nil {
			continue
		}
		for _, ch := range p.g.children {
			if ch.shared || ch.kind != summary.KindField || !read[p.g.name][ch.name] {
				continue
			}
			ch.shared = true
			s.add(&p.children, ch, c.sharedField(ch))
		}
	}
}

func countText(g *group) int {
	n := 0
	for _, u := range g.members {
		if u != nil && u.cmp() == g.text {
			n++
		}
	}
	return n
}

// sameGuidance reports whether every member of a rule group carries the same
// @guidance text; prose that differs is left out of the shared spec.
func (c *comparison) sameGuidance(g *group) bool {
	var first *string
	for _, u := range g.members {
		if u == nil {
			continue
		}
		t := ""
		if gd := u.node.(*allium.Rule).Guidance; gd != nil {
			t = allium.PrintConstruct(gd)
		}
		if first == nil {
			first = &t
		} else if *first != t {
			return false
		}
	}
	return true
}

// sameRuleDoc reports whether every member of a rule group carries the same
// comments above and beside its rule.
func sameRuleDoc(g *group) bool {
	first := ""
	seen := false
	for _, u := range g.members {
		if u == nil {
			continue
		}
		r := u.node.(*allium.Rule)
		t := strings.Join(r.Doc, "\n") + "\x00" + r.Comment
		if seen && t != first {
			return false
		}
		first, seen = t, true
	}
	return true
}

// sharedField takes the field with the majority type; an inline enum keeps
// the values at least the quorum of variants have.
func (c *comparison) sharedField(g *group) allium.Node {
	counts, declared := map[string]int{}, map[string]int{}
	for _, u := range g.members {
		if u != nil {
			counts[u.typ]++
			if c.typeDeclared(u.node.(*allium.Field).Type) {
				declared[u.typ]++
			}
		}
	}
	// A type the shared spec does not declare would only be dropped again:
	// prefer the majority among those it does.
	t := majority(declared)
	if len(declared) == 0 {
		t = majority(counts)
	}
	var pick *unit
	for _, u := range g.members {
		if u != nil && u.typ == t && (pick == nil || u.local == g.name && pick.local != g.name) {
			pick = u
		}
	}
	f := deepCopy(pick.node.(*allium.Field))
	f.Name = g.name
	// A remark one variant makes on its field ("lower-cased, unique in
	// practice") may be false of the others: it is kept only when every
	// member makes it.
	for _, u := range g.members {
		if u == nil {
			continue
		}
		m := u.node.(*allium.Field).Meta
		if m.Comment != f.Comment {
			f.Comment = ""
		}
		if strings.Join(m.Doc, "\n") != strings.Join(f.Doc, "\n") {
			f.Doc = nil
		}
	}
	if f.Type == nil || len(f.Type.Enum) == 0 && !c.valuelessEnums[f.Type.Name] {
		return f
	}
	fieldValues := func(u *unit) []allium.EnumValue {
		ft := u.node.(*allium.Field).Type
		if ft == nil {
			return nil
		}
		if len(ft.Enum) > 0 {
			return ft.Enum
		}
		// A variant that declared the values as a named enum agrees
		// or disagrees on them just the same.
		for _, e := range c.mods[u.v].Enums {
			if e.Name == ft.Name {
				return e.Values
			}
		}
		return nil
	}
	vals := c.quorumValues(g, fieldValues)
	switch {
	case len(vals) >= 2:
		f.Type.Enum = vals
	case len(vals) == 0:
		// No value is shared: the field holds one of some names, each
		// variant its own. A string says that much and no more; the
		// note keeps each variant's names.
		f.Type = &allium.Type{Name: "String", Optional: f.Type.Optional}
		var parts []string
		for _, u := range g.members {
			if u == nil {
				continue
			}
			var names []string
			for _, ev := range fieldValues(u) {
				names = append(names, ev.Name)
			}
			parts = append(parts, c.vs[u.v].ID+": "+strings.Join(names, " | "))
		}
		f.Doc = append(f.Doc, "values differ: "+strings.Join(parts, "; "))
	}
	// One shared value alone would print as a type name ("status:
	// active"): the field keeps the chosen variant's values, which hold it.
	return f
}

// enumValues are a named enum's values.
func enumValues(u *unit) []allium.EnumValue { return u.node.(*allium.Enum).Values }

// quorumValues returns the enum values held by at least the quorum of
// members, in the order they are first met.
func (c *comparison) quorumValues(g *group, values func(*unit) []allium.EnumValue) []allium.EnumValue {
	counts := map[string]int{}
	var order []allium.EnumValue
	for _, u := range g.members {
		if u == nil {
			continue
		}
		for _, ev := range values(u) {
			if counts[ev.Name] == 0 {
				order = append(order, ev)
			}
			counts[ev.Name]++
		}
	}
	var out []allium.EnumValue
	for _, ev := range order {
		if counts[ev.Name] >= c.req {
			out = append(out, ev)
		}
	}
	return out
}

// sharedConfig declares a parameter with the majority type; when the
// variants' defaults differ it has no default and a comment lists them.
func (c *comparison) sharedConfig(g *group) allium.Node {
	counts := map[string]int{}
	defaults := map[string]bool{}
	for _, u := range g.members {
		if u != nil {
			counts[u.typ]++
			defaults[u.value] = true
		}
	}
	t := majority(counts)
	var pick *unit
	for _, u := range g.members {
		if u != nil && u.typ == t && (pick == nil || u.local == g.name && pick.local != g.name) {
			pick = u
		}
	}
	p := deepCopy(pick.node.(*allium.ConfigParam))
	if len(defaults) > 1 {
		p.Default = nil
		p.Comment = ""
		var parts []string
		for _, u := range g.members {
			if u != nil {
				val := u.value
				if val == "" {
					val = "(none)"
				}
				parts = append(parts, c.vs[u.v].ID+": "+val)
			}
		}
		p.Doc = append(p.Doc, "defaults differ: "+strings.Join(parts, ", "))
	}
	return p
}

// assemble turns the live pieces into a module, stamping every position
// inside a piece with the piece's id so that checker diagnostics name it.
func (s *sharedSpec) assemble(stamp bool) *allium.Module {
	m := &allium.Module{Version: 3, Header: s.header, Trailer: s.trailer}
	for _, p := range s.top {
		if p.dead {
			continue
		}
		if stamp {
			setPos(p.node, p.id)
		}
		var kids []allium.Node
		for _, ch := range p.children {
			if !ch.dead {
				if stamp {
					setPos(ch.node, ch.id)
				}
				kids = append(kids, ch.node)
			}
		}
		switch x := p.node.(type) {
		case *allium.Use:
			m.Uses = append(m.Uses, x)
		case *allium.ConfigOverride:
			m.ConfigOverrides = append(m.ConfigOverrides, x)
		case *allium.GivenBinding:
			m.Given = append(m.Given, x)
		case *allium.Entity:
			x.Members = members(kids)
			if x.External {
				m.Externals = append(m.Externals, x)
			} else {
				m.Entities = append(m.Entities, x)
			}
		case *allium.ValueType:
			x.Members = members(kids)
			m.Values = append(m.Values, x)
		case *allium.Enum:
			m.Enums = append(m.Enums, x)
		case *allium.ConfigParam:
			m.Config = append(m.Config, x)
		case *allium.Rule:
			x.Body = nil
			var open *piece
			for _, ch := range joinParts(p.children, stamp) {
				stmt := ch.node.(allium.Stmt)
				if ch.wrap == nil {
					open = nil
					x.Body = append(x.Body, stmt)
					continue
				}
				if open == nil || open.wrapKey != ch.wrapKey {
					open = ch
					ch.wrap.Body = nil
					if stamp {
						setPos(ch.wrap, ch.id)
					}
					x.Body = append(x.Body, ch.wrap)
				}
				open.wrap.Body = append(open.wrap.Body, stmt)
			}
			m.Rules = append(m.Rules, x)
		case *allium.Contract:
			m.Contracts = append(m.Contracts, x)
		case *allium.Variant:
			m.Variants = append(m.Variants, x)
		case *allium.Default:
			m.Defaults = append(m.Defaults, x)
		case *allium.Invariant:
			m.Invariants = append(m.Invariants, x)
		case *allium.Actor:
			m.Actors = append(m.Actors, x)
		case *allium.Surface:
			m.Surfaces = append(m.Surfaces, x)
		case *allium.Deferred:
			m.Deferred = append(m.Deferred, x)
		case *allium.OpenQuestion:
			m.OpenQuestions = append(m.OpenQuestions, x)
		}
	}
	return m
}

// joinParts returns a rule's live clause pieces with consecutive parts of
// one clause (conjuncts of a requires, statements of an ensures) joined
// into one piece again: the clause as written when every part is there in
// order and none was generalised, else the parts it has. The joined piece
// takes the first part's id.
func joinParts(list []*piece, stamp bool) []*piece {
	var out []*piece
	var run, guarded []*piece
	flushGuarded := func() {
		if len(guarded) > 0 {
			out = append(out, joinGuarded(guarded, stamp)...)
			guarded = nil
		}
	}
	flush := func() {
		if len(run) == 0 {
			return
		}
		first := run[0]
		j := *first
		complete := len(run) == first.parts
		for i, p := range run {
			if p.part != i || p.general {
				complete = false
			}
		}
		switch w := first.whole.(type) {
		case *allium.Requires:
			if complete {
				j.node = deepCopy(w)
			} else {
				var conds []allium.Expr
				for _, p := range run {
					conds = append(conds, p.node.(*allium.Requires).Cond)
				}
				j.node = &allium.Requires{Meta: first.node.(*allium.Requires).Meta, Cond: joinAnd(conds)}
			}
		case *allium.Ensures:
			if complete {
				j.node = deepCopy(w)
			} else {
				var body []allium.Stmt
				for _, p := range run {
					body = append(body, p.node.(*allium.Ensures).Body...)
				}
				j.node = &allium.Ensures{Meta: first.node.(*allium.Ensures).Meta, Body: body}
			}
		}
		if stamp {
			if complete {
				setPos(j.node, first.id)
			} else {
				// The parts keep their own ids, so that the checker's
				// complaint names the part it is about.
				j.node.Info().Pos = allium.Pos{Line: first.id, Col: 1}
			}
		}
		out = append(out, &j)
		run = nil
	}
	for _, p := range list {
		if p.dead {
			continue
		}
		if p.guard != nil {
			flush()
			if len(guarded) > 0 && guarded[0].guard != p.guard {
				flushGuarded()
			}
			guarded = append(guarded, p)
			continue
		}
		flushGuarded()
		if len(run) > 0 && (p.whole != run[0].whole || p.parts <= 1 || p.part <= run[len(run)-1].part) {
			flush()
		}
		if p.parts <= 1 {
			out = append(out, p)
			continue
		}
		run = append(run, p)
	}
	flush()
	flushGuarded()
	return out
}

// joinGuarded writes the live requires and ensures pieces guardBack marked
// as one `ensures: if C: ...`, C the requires' conditions joined by and,
// the body every ensures' statements. With no requires left the ensures
// are written as they are; with no ensures left, the requires. The piece
// takes the first one's id; the parts keep their own, so the checker's
// complaint names the part it is about.
func joinGuarded(list []*piece, stamp bool) []*piece {
	var conds []allium.Expr
	var body []allium.Stmt
	var firstEns, firstReq *piece
	for _, p := range list {
		switch x := p.node.(type) {
		case *allium.Requires:
			if firstReq == nil {
				firstReq = p
			}
			conds = append(conds, deepCopy(x.Cond))
		case *allium.Ensures:
			if firstEns == nil {
				firstEns = p
			}
			body = append(body, deepCopy(x.Body)...)
		}
	}
	if len(conds) == 0 || firstEns == nil {
		return list
	}
	j := *list[0]
	// The guard's comments (a guarded variant's clause keeps them on its
	// first requires part) are the written if's.
	meta := firstReq.node.(*allium.Requires).Meta
	meta.Doc = append([]string(nil), meta.Doc...)
	j.node = &allium.Ensures{Meta: meta, Body: []allium.Stmt{
		&allium.If{Branches: []allium.IfBranch{{Cond: joinAnd(conds), Body: body}}},
	}}
	if stamp {
		j.node.Info().Pos = allium.Pos{Line: list[0].id, Col: 1}
	}
	return []*piece{&j}
}

func members(kids []allium.Node) []allium.EntityMember {
	out := make([]allium.EntityMember, 0, len(kids))
	for _, k := range kids {
		out = append(out, k.(allium.EntityMember))
	}
	return out
}

var posType = reflect.TypeFor[allium.Pos]()

// setPos sets every position inside a construct to line id, column 1.
func setPos(n allium.Node, id int) {
	setPosValue(reflect.ValueOf(n), allium.Pos{Line: id, Col: 1})
}

func setPosValue(v reflect.Value, pos allium.Pos) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			setPosValue(v.Elem(), pos)
		}
	case reflect.Slice:
		for i := range v.Len() {
			setPosValue(v.Index(i), pos)
		}
	case reflect.Struct:
		if v.Type() == posType {
			if v.CanSet() {
				v.Set(reflect.ValueOf(pos))
			}
			return
		}
		for i := range v.NumField() {
			setPosValue(v.Field(i), pos)
		}
	}
}

// repair checks the shared spec and drops every construct the checker finds
// an error in, until none is left. Dropping cascades naturally: a rule
// whose only ensures clause was dropped fails E006 next round and goes too.
// Errors that name no construct empty the spec, the last resort that still
// never ships an error.
func (c *comparison) repair() {
	s := c.spec
	for {
		m := s.assemble(true)
		diags := allium.Check(m, c.checkOptions()).Errors()
		if len(diags) == 0 {
			break
		}
		dropped := false
		sort.SliceStable(diags, func(i, j int) bool { return diags[i].Line < diags[j].Line })
		for _, d := range diags {
			p := s.byID[d.Line]
			if p == nil || p.dead {
				continue
			}
			p.dead = true
			dropped = true
			c.dropped = append(c.dropped, p.g.kind+" "+p.g.name+": "+d.Code+" "+d.Msg)
		}
		if !dropped {
			for _, p := range s.top {
				if !p.dead {
					p.dead = true
					c.dropped = append(c.dropped, p.g.kind+" "+p.g.name+": unattributed checker errors")
				}
			}
		}
	}
	// Survival decides what is shared in the end.
	for _, p := range s.top {
		p.g.shared = !p.dead
		for _, ch := range p.children {
			ch.g.shared = !p.dead && !ch.dead
		}
	}
	for _, g := range c.allGroups() {
		if g.parent != nil && !g.parent.shared {
			g.shared = false
		}
	}
	for _, g := range c.rules {
		for _, ch := range g.children {
			if ch.kind == summary.KindTrigger {
				ch.shared = g.shared
			}
		}
	}
	for _, g := range c.wholes {
		for _, ch := range g.children {
			ch.shared = g.shared && ch.count() >= c.req
		}
	}
	c.shared = c.reparse()
}

// reparse prints the shared spec and parses it back, so that its positions
// are those of the printed text, and checks the result once more: a model
// the printer writes in a form that reads back differently (which the
// in-memory check cannot see) loses the top-level construct concerned.
func (c *comparison) reparse() *allium.Module {
	s := c.spec
	for {
		m := s.assemble(false)
		text := allium.Print(m, allium.PrintOptions{})
		pm, diags := allium.Parse("shared.allium", text)
		if !diags.HasErrors() {
			diags = allium.Check(pm, c.checkOptions()).Errors()
		}
		if len(diags) == 0 {
			return pm
		}
		dropped := false
		for _, d := range diags {
			if p := s.pieceAt(pm, d.Line); p != nil && !p.dead {
				p.dead, dropped = true, true
				c.dropped = append(c.dropped, p.g.kind+" "+p.g.name+": "+d.Code+" "+d.Msg+" (after printing)")
			}
		}
		if !dropped {
			for _, p := range s.top {
				p.dead = true
			}
			c.dropped = append(c.dropped, "everything: the printed shared spec does not read back ("+diags[0].String()+")")
		}
		for _, p := range s.top {
			p.g.shared = p.g.shared && !p.dead
			for _, ch := range p.children {
				ch.g.shared = ch.g.shared && !p.dead
			}
		}
		for _, g := range c.allGroups() {
			if g.parent != nil && !g.parent.shared {
				g.shared = false
			}
		}
	}
}

// pieceAt finds the live top-level piece whose printed form holds the line:
// the construct of pm starting last at or before it, matched by name and
// Go type.
func (s *sharedSpec) pieceAt(pm *allium.Module, line int) *piece {
	var best allium.Node
	bestLine := 0
	visit := func(n allium.Node) {
		if l := n.Info().Pos.Line; l <= line && l > bestLine {
			best, bestLine = n, l
		}
	}
	for _, n := range topLevel(pm) {
		visit(n)
	}
	if best == nil {
		return nil
	}
	for _, p := range s.top {
		if !p.dead && reflect.TypeOf(p.node) == reflect.TypeOf(best) && nodeName(p.node) == nodeName(best) {
			return p
		}
	}
	return nil
}

func topLevel(m *allium.Module) []allium.Node {
	var out []allium.Node
	out = append(out, nodes(m.Uses)...)
	out = append(out, nodes(m.Given)...)
	out = append(out, nodes(m.Externals)...)
	out = append(out, nodes(m.Values)...)
	out = append(out, nodes(m.Contracts)...)
	out = append(out, nodes(m.Enums)...)
	out = append(out, nodes(m.Entities)...)
	out = append(out, nodes(m.Variants)...)
	out = append(out, nodes(m.Config)...)
	out = append(out, nodes(m.ConfigOverrides)...)
	out = append(out, nodes(m.Defaults)...)
	out = append(out, nodes(m.Rules)...)
	out = append(out, nodes(m.Invariants)...)
	out = append(out, nodes(m.Actors)...)
	out = append(out, nodes(m.Surfaces)...)
	out = append(out, nodes(m.Deferred)...)
	out = append(out, nodes(m.OpenQuestions)...)
	return out
}

func nodes[T allium.Node](list []T) []allium.Node {
	out := make([]allium.Node, 0, len(list))
	for _, n := range list {
		out = append(out, n)
	}
	return out
}

// nodeName is a top-level construct's identifying name.
func nodeName(n allium.Node) string {
	switch x := n.(type) {
	case *allium.Use:
		return x.Alias
	case *allium.GivenBinding:
		return x.Name
	case *allium.Entity:
		return x.Name
	case *allium.ValueType:
		return x.Name
	case *allium.Contract:
		return x.Name
	case *allium.Enum:
		return x.Name
	case *allium.Variant:
		return x.Name
	case *allium.ConfigParam:
		return x.Name
	case *allium.ConfigOverride:
		return x.Alias
	case *allium.Default:
		return x.Name
	case *allium.Rule:
		return x.Name
	case *allium.Invariant:
		return x.Name
	case *allium.Actor:
		return x.Name
	case *allium.Surface:
		return x.Name
	case *allium.Deferred:
		return x.Name
	case *allium.OpenQuestion:
		return x.Text
	}
	return ""
}

// allGroups lists every group, parents before children.
func (c *comparison) allGroups() []*group {
	var out []*group
	var walk func(gs []*group)
	walk = func(gs []*group) {
		for _, g := range gs {
			out = append(out, g)
			walk(g.children)
		}
	}
	walk(c.entities)
	walk(c.enums)
	walk(c.config)
	walk(c.rules)
	walk(c.wholes)
	return out
}

// typeDeclared reports whether every named type in t is built in or
// declared by the shared spec.
func (c *comparison) typeDeclared(t *allium.Type) bool {
	if t == nil {
		return true
	}
	if t.Name != "" && !builtinTypes[t.Name] && !c.sharedTypes[t.Name] {
		return false
	}
	for _, a := range t.Args {
		if !c.typeDeclared(a) {
			return false
		}
	}
	return true
}

// checkOptions checks the shared spec as distill checks what it writes: a
// bare name that some variant binds is a variable, so a shared clause that
// uses it without its binding is an error, not an enum literal.
func (c *comparison) checkOptions() allium.CheckOptions {
	if c.variables == nil {
		c.variables = map[string]bool{}
		for _, m := range c.mods {
			maps.Copy(c.variables, allium.BoundNames(m))
		}
	}
	return allium.CheckOptions{File: "shared.allium", Variables: c.variables}
}
