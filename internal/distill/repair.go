package distill

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
)

// repairFile is the name the repair loop gives the printed spec; checker
// and parser positions are lines of that text.
const repairFile = "distilled.allium"

// repair makes the module pass allium.Check. Each round prints the module,
// parses the text back (so that every construct has a position) and checks
// it; the first error costs the smallest construct that holds its line:
// one requires, ensures outcome or let (with the clauses that use its
// name), one entity member, one config entry, one surface entry. A rule
// left with no ensures goes too. Text that does not parse back (a
// printer/parser disagreement) costs the smallest construct whose removal
// makes it parse. Every drop is a note naming its cause and the source
// line, and is counted in Stats.
func repair(m *allium.Module, b *builder) {
	r := &repairer{m: m, b: b}
	// Every round removes at least one construct, so the number of
	// constructs bounds the loop.
	limit := 8
	allium.WalkNodes(m, func(allium.Node) { limit++ })
	for range limit {
		errs, parsed := checkErrors(m)
		if parsed == nil {
			msg := "no module"
			if len(errs) > 0 {
				msg = errs[0].Msg
			}
			r.unparsable(msg)
			continue
		}
		if len(errs) == 0 {
			return
		}
		d := errs[0]
		r.cause = "checker " + d.Code + ": " + d.Msg
		r.unparsed = false
		if !r.dropAtLine(parsed, d.Line) && !r.dropByRemoval(d) {
			b.note("checker error not located and no single construct causes it (%s %s); spec left failing", d.Code, d.Msg)
			return
		}
	}
	if errs, _ := checkErrors(m); len(errs) > 0 {
		b.note("spec still failed the checker after %d repairs (%s %s)", limit, errs[0].Code, errs[0].Msg)
	}
}

// checkErrors prints, parses back and checks m; parsed is nil when the
// text did not parse (the errors are then the parser's).
func checkErrors(m *allium.Module) (allium.Diagnostics, *allium.Module) {
	text := allium.Print(m, allium.PrintOptions{})
	parsed, pd := allium.Parse(repairFile, text)
	if pd.HasErrors() || parsed == nil {
		return pd.Errors(), nil
	}
	return allium.Check(parsed, allium.CheckOptions{File: repairFile, StrictNames: true}).Errors(), parsed
}

// repairer drops constructs from one module and accounts for each drop.
type repairer struct {
	m        *allium.Module
	b        *builder
	cause    string // why the current round drops: the checker code or the parse error
	unparsed bool   // the current round repairs text that did not parse back
}

// removal is one construct taken out, before it is noted.
type removal struct {
	what string
	prov *allium.Provenance
}

// record notes and counts the removals of one drop.
func (r *repairer) record(rems []removal) {
	for _, x := range rems {
		where := ""
		if x.prov != nil && x.prov.File != "" {
			where = x.prov.File + ":" + strconv.Itoa(x.prov.Line) + ": "
		}
		r.b.note("%s%s left out (%s)", where, x.what, r.cause)
		r.b.stats.Untranslated++
		if r.unparsed {
			r.b.stats.DroppedUnparsable++
		} else {
			r.b.stats.DroppedByChecker++
		}
	}
}

// topItem is one top-level construct of the module.
type topItem struct {
	kind, name string
	node       allium.Node // in the module being repaired
	pnode      allium.Node // its mirror in the parsed text, or nil
	// without returns a shallow copy of mod without the construct (mod
	// mirrors the repaired module list by list).
	without func(mod *allium.Module) *allium.Module
	// solo returns a module holding only n, which stands for the item.
	solo func(n allium.Node) *allium.Module
}

func (t *topItem) what() string {
	if t.name == "" {
		return t.kind
	}
	return t.kind + " " + t.name
}

// addTops lists the constructs of one module list. p is the parsed
// mirror (nil when there is none); a list whose length differs from the
// mirror's gets no mirror nodes.
func addTops[T allium.Node](out []topItem, m, p *allium.Module, kind string, list func(*allium.Module) *[]T, name func(T) string) []topItem {
	ms := *list(m)
	var ps []T
	if p != nil && len(*list(p)) == len(ms) {
		ps = *list(p)
	}
	for i, x := range ms {
		it := topItem{kind: kind, name: name(x), node: x}
		if ps != nil {
			it.pnode = ps[i]
		}
		it.without = func(mod *allium.Module) *allium.Module {
			c := *mod
			l := list(&c)
			*l = slices.Delete(slices.Clone(*l), i, i+1)
			return &c
		}
		it.solo = func(n allium.Node) *allium.Module {
			s := &allium.Module{Version: m.Version}
			*list(s) = []T{n.(T)}
			return s
		}
		out = append(out, it)
	}
	return out
}

// topItems lists every top-level construct of m in print order, each with
// its mirror in p.
func topItems(m, p *allium.Module) []topItem {
	var out []topItem
	out = addTops(out, m, p, "use", func(x *allium.Module) *[]*allium.Use { return &x.Uses }, func(x *allium.Use) string { return x.Alias })
	out = addTops(out, m, p, "given", func(x *allium.Module) *[]*allium.GivenBinding { return &x.Given }, func(x *allium.GivenBinding) string { return x.Name })
	out = addTops(out, m, p, "external entity", func(x *allium.Module) *[]*allium.Entity { return &x.Externals }, func(x *allium.Entity) string { return x.Name })
	out = addTops(out, m, p, "value", func(x *allium.Module) *[]*allium.ValueType { return &x.Values }, func(x *allium.ValueType) string { return x.Name })
	out = addTops(out, m, p, "contract", func(x *allium.Module) *[]*allium.Contract { return &x.Contracts }, func(x *allium.Contract) string { return x.Name })
	out = addTops(out, m, p, "enum", func(x *allium.Module) *[]*allium.Enum { return &x.Enums }, func(x *allium.Enum) string { return x.Name })
	out = addTops(out, m, p, "entity", func(x *allium.Module) *[]*allium.Entity { return &x.Entities }, func(x *allium.Entity) string { return x.Name })
	out = addTops(out, m, p, "variant", func(x *allium.Module) *[]*allium.Variant { return &x.Variants }, func(x *allium.Variant) string { return x.Name })
	out = addTops(out, m, p, "config", func(x *allium.Module) *[]*allium.ConfigParam { return &x.Config }, func(x *allium.ConfigParam) string { return x.Name })
	out = addTops(out, m, p, "config override", func(x *allium.Module) *[]*allium.ConfigOverride { return &x.ConfigOverrides }, func(x *allium.ConfigOverride) string { return x.Alias })
	out = addTops(out, m, p, "default", func(x *allium.Module) *[]*allium.Default { return &x.Defaults }, func(x *allium.Default) string { return x.Name })
	out = addTops(out, m, p, "rule", func(x *allium.Module) *[]*allium.Rule { return &x.Rules }, func(x *allium.Rule) string { return x.Name })
	out = addTops(out, m, p, "invariant", func(x *allium.Module) *[]*allium.Invariant { return &x.Invariants }, func(x *allium.Invariant) string { return x.Name })
	out = addTops(out, m, p, "actor", func(x *allium.Module) *[]*allium.Actor { return &x.Actors }, func(x *allium.Actor) string { return x.Name })
	out = addTops(out, m, p, "surface", func(x *allium.Module) *[]*allium.Surface { return &x.Surfaces }, func(x *allium.Surface) string { return x.Name })
	out = addTops(out, m, p, "deferred", func(x *allium.Module) *[]*allium.Deferred { return &x.Deferred }, func(x *allium.Deferred) string { return x.Name })
	out = addTops(out, m, p, "open question", func(x *allium.Module) *[]*allium.OpenQuestion { return &x.OpenQuestions }, func(*allium.OpenQuestion) string { return "" })
	return out
}

// commit makes mod (a shallow copy of the repaired module with one change)
// the repaired module.
func (r *repairer) commit(mod *allium.Module) { *r.m = *mod }

// dropAtLine drops the smallest construct of the module that holds line of
// the printed text, using parsed (the text parsed back) for positions. It
// reports false when no construct holds the line.
func (r *repairer) dropAtLine(parsed *allium.Module, line int) bool {
	if line <= 0 {
		return false
	}
	items := topItems(r.m, parsed)
	best := -1
	for i, it := range items {
		if it.pnode == nil {
			continue
		}
		if p := it.pnode.Info().Pos; p.Line > 0 && p.Line <= line && (best < 0 || p.Line >= items[best].pnode.Info().Pos.Line) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	it := &items[best]
	n, rems := r.narrow(it, it.pnode, line)
	switch {
	case n != nil:
		r.record(rems)
		overwrite(it.node, n)
	case len(rems) > 0: // the construct went with its last part
		r.record(rems)
		r.commit(it.without(r.m))
	default:
		r.record([]removal{{what: it.what(), prov: it.node.Info().Prov}})
		r.commit(it.without(r.m))
	}
	return true
}

// overwrite puts a narrowed copy of a construct in the place of the
// original, so that the construct keeps its identity.
func overwrite(dst, src allium.Node) {
	switch d := dst.(type) {
	case *allium.Entity:
		*d = *src.(*allium.Entity)
	case *allium.ValueType:
		*d = *src.(*allium.ValueType)
	case *allium.Variant:
		*d = *src.(*allium.Variant)
	case *allium.Rule:
		*d = *src.(*allium.Rule)
	case *allium.Surface:
		*d = *src.(*allium.Surface)
	default:
		panic(fmt.Sprintf("distill: repair cannot narrow a %T", dst))
	}
}

// narrow removes from the construct of it the smallest part that holds
// line (located through pnode, its parsed mirror). It returns the
// construct without that part, or nil when the whole construct must go
// (the line is on its header, or what is left would be invalid), with the
// removals made.
func (r *repairer) narrow(it *topItem, pnode allium.Node, line int) (allium.Node, []removal) {
	switch x := it.node.(type) {
	case *allium.Entity, *allium.ValueType, *allium.Variant:
		ms, rems := r.narrowMembers(it.name, membersOf(x), membersOf(pnode), line)
		if ms == nil {
			return nil, nil
		}
		return withMembers(x, ms), rems
	case *allium.Rule:
		px := pnode.(*allium.Rule)
		target := pickStmt(x.Body, px.Body, line)
		if target == nil {
			return nil, nil
		}
		return r.ruleWithout(x, target)
	case *allium.Surface:
		px := pnode.(*allium.Surface)
		return surfaceWithout(x, px, line)
	}
	return nil, nil
}

// narrowMembers drops the member holding line; nil when the line is on
// the declaration's own line (or the lists do not mirror each other).
func (r *repairer) narrowMembers(owner string, ms, ps []allium.EntityMember, line int) ([]allium.EntityMember, []removal) {
	if len(ms) != len(ps) {
		return nil, nil
	}
	j := -1
	for i, mem := range ps {
		if p := mem.Info().Pos; p.Line > 0 && p.Line <= line {
			j = i
		}
	}
	if j < 0 {
		return nil, nil
	}
	rem := removal{what: owner + "." + memberName(ms[j]), prov: ms[j].Info().Prov}
	return slices.Delete(slices.Clone(ms), j, j+1), []removal{rem}
}

// surfaceWithout drops the entry of a surface block that holds line. A
// surface whose provides and exposes would both be empty goes whole.
func surfaceWithout(s, ps *allium.Surface, line int) (allium.Node, []removal) {
	c := *s
	type block struct {
		name   string
		list   *[]allium.SurfaceEntry
		parsed []allium.SurfaceEntry
	}
	blocks := []block{{"exposes", &c.Exposes, ps.Exposes}, {"provides", &c.Provides, ps.Provides},
		{"related", &c.Related, ps.Related}, {"timeout", &c.Timeout, ps.Timeout}}
	for _, bl := range blocks {
		if len(*bl.list) != len(bl.parsed) {
			continue
		}
		for i, e := range bl.parsed {
			if e.Info().Pos.Line != line {
				continue
			}
			*bl.list = slices.Delete(slices.Clone(*bl.list), i, i+1)
			if len(c.Provides)+len(c.Exposes) == 0 {
				return nil, nil
			}
			prov := e.Info().Prov
			if prov == nil {
				prov = s.Prov
			}
			return &c, []removal{{what: "surface " + s.Name + ": a " + bl.name + " entry", prov: prov}}
		}
	}
	return nil, nil
}

// pickStmt finds the statement of list (mirrored by plist) that holds line,
// descending into ensures, for and if blocks; nil when the line is before
// the first statement.
func pickStmt(list, plist []allium.Stmt, line int) allium.Stmt {
	if len(list) != len(plist) {
		return nil
	}
	j := -1
	for i, s := range plist {
		if p := s.Info().Pos; p.Line > 0 && p.Line <= line {
			j = i
		}
	}
	if j < 0 {
		return nil
	}
	s, ps := list[j], plist[j]
	var inner allium.Stmt
	switch x := s.(type) {
	case *allium.Ensures:
		if px, ok := ps.(*allium.Ensures); ok {
			inner = pickStmt(x.Body, px.Body, line)
		}
	case *allium.For:
		if px, ok := ps.(*allium.For); ok {
			inner = pickStmt(x.Body, px.Body, line)
		}
	case *allium.If:
		px, ok := ps.(*allium.If)
		if !ok || len(px.Branches) != len(x.Branches) {
			return s
		}
		// The statement starting last at or before line, across the
		// branches; an else-if condition line stands for the whole if.
		bestLine := 0
		for k, br := range px.Branches {
			if k > 0 && br.Cond != nil {
				if cl := br.Cond.Position().Line; cl > 0 && cl <= line && cl >= bestLine {
					bestLine, inner = cl, nil
				}
			}
			if st := lastAt(br.Body, line); st >= 0 && px.Branches[k].Body[st].Info().Pos.Line >= bestLine {
				bestLine = px.Branches[k].Body[st].Info().Pos.Line
				inner = pickStmt(x.Branches[k].Body, br.Body, line)
			}
		}
		if st := lastAt(px.Else, line); st >= 0 && px.Else[st].Info().Pos.Line >= bestLine {
			inner = pickStmt(x.Else, px.Else, line)
		}
	}
	if inner != nil {
		return inner
	}
	return s
}

// lastAt is the index of the last statement of list starting at or before
// line, or -1.
func lastAt(list []allium.Stmt, line int) int {
	j := -1
	for i, s := range list {
		if p := s.Info().Pos; p.Line > 0 && p.Line <= line {
			j = i
		}
	}
	return j
}

// ruleWithout returns a copy of the rule without target (and what can no
// longer stand without it), or nil when the rule must go: it would be left
// with no ensures, which the checker requires.
func (r *repairer) ruleWithout(rule *allium.Rule, target allium.Stmt) (allium.Node, []removal) {
	var rems []removal
	body, found := stmtsWithout(rule.Body, target, ruleLabel(rule.Name), rule.Prov, &rems)
	if !found {
		return nil, nil
	}
	if !hasEnsures(body) {
		rems = append(rems, removal{what: "rule " + rule.Name + " (no ensures left)", prov: rule.Prov})
		return nil, rems
	}
	c := *rule
	c.Body = body
	return &c, rems
}

func ruleLabel(name string) string { return "rule " + name + ": " }

// hasEnsures reports whether a rule body holds an ensures clause, also
// inside a rule-level for.
func hasEnsures(list []allium.Stmt) bool {
	for _, s := range list {
		switch x := s.(type) {
		case *allium.Ensures:
			return true
		case *allium.For:
			if hasEnsures(x.Body) {
				return true
			}
		}
	}
	return false
}

// stmtsWithout returns list without target. Removing a let also removes
// the statements after it that read its name; a block left empty goes
// with its last statement; an if that loses a whole branch goes whole.
// Lists and blocks are copied, never changed in place, so the result can
// be tried and thrown away. found is false when target is not in list.
func stmtsWithout(list []allium.Stmt, target allium.Stmt, label string, prov *allium.Provenance, rems *[]removal) (out []allium.Stmt, found bool) {
	for j, s := range list {
		sprov := s.Info().Prov
		if sprov == nil {
			sprov = prov
		}
		if s == target {
			*rems = append(*rems, removal{what: label + stmtWhat(s), prov: sprov})
			rest := slices.Clone(list[j+1:])
			if let, ok := s.(*allium.Let); ok {
				rest = withoutUsers(rest, map[string]bool{let.Name: true}, label, prov, rems)
			}
			return append(slices.Clone(list[:j]), rest...), true
		}
		repl, keep, ok := blockWithout(s, target, label, sprov, rems)
		if !ok {
			continue
		}
		out = slices.Clone(list[:j])
		if keep {
			out = append(out, repl)
		}
		return append(out, list[j+1:]...), true
	}
	return list, false
}

// blockWithout removes target from inside s (an ensures, for or if block).
// keep is false when the block itself must go.
func blockWithout(s, target allium.Stmt, label string, prov *allium.Provenance, rems *[]removal) (repl allium.Stmt, keep, found bool) {
	switch x := s.(type) {
	case *allium.Ensures:
		body, ok := stmtsWithout(x.Body, target, label, prov, rems)
		if !ok {
			return nil, false, false
		}
		c := *x
		c.Body = body
		return &c, len(body) > 0, true
	case *allium.For:
		body, ok := stmtsWithout(x.Body, target, label, prov, rems)
		if !ok {
			return nil, false, false
		}
		c := *x
		c.Body = body
		return &c, len(body) > 0, true
	case *allium.If:
		c := *x
		c.Branches = slices.Clone(x.Branches)
		for k := range c.Branches {
			var inner []removal
			body, ok := stmtsWithout(c.Branches[k].Body, target, label, prov, &inner)
			if !ok {
				continue
			}
			*rems = append(*rems, inner...)
			if len(body) > 0 {
				c.Branches[k].Body = body
				return &c, true, true
			}
			if len(c.Branches) > 1 || len(c.Else) > 0 {
				// The other branches' outcomes cannot stand alone.
				*rems = append(*rems, removal{what: label + "if block", prov: prov})
			}
			return nil, false, true
		}
		var inner []removal
		body, ok := stmtsWithout(x.Else, target, label, prov, &inner)
		if !ok {
			return nil, false, false
		}
		*rems = append(*rems, inner...)
		c.Else = body
		if len(body) == 0 {
			c.Else = nil
		}
		return &c, true, true
	}
	return nil, false, false
}

// withoutUsers removes the statements of list that read one of names, at
// the finest grain; a let that reads one adds its own name.
func withoutUsers(list []allium.Stmt, names map[string]bool, label string, prov *allium.Provenance, rems *[]removal) []allium.Stmt {
	var out []allium.Stmt
	for _, s := range list {
		sprov := s.Info().Prov
		if sprov == nil {
			sprov = prov
		}
		gone := func() {
			*rems = append(*rems, removal{what: label + stmtWhat(s) + " (uses " + strings.Join(sortedKeys(names), ", ") + ")", prov: sprov})
		}
		switch x := s.(type) {
		case *allium.Let:
			if readsAny(x.Value, names) {
				gone()
				names[x.Name] = true
				continue
			}
		case *allium.Ensures:
			body := withoutUsers(x.Body, names, label, sprov, rems)
			if len(body) == 0 {
				continue
			}
			c := *x
			c.Body = body
			s = &c
		case *allium.For:
			if readsAny(x.Coll, names) {
				gone()
				continue
			}
			body := withoutUsers(x.Body, names, label, sprov, rems)
			if len(body) == 0 {
				continue
			}
			c := *x
			c.Body = body
			s = &c
		case *allium.If:
			reads := false
			for _, br := range x.Branches {
				reads = reads || readsAny(br.Cond, names)
			}
			c := *x
			c.Branches = slices.Clone(x.Branches)
			for k := range c.Branches {
				c.Branches[k].Body = withoutUsers(c.Branches[k].Body, names, label, sprov, rems)
				reads = reads || len(c.Branches[k].Body) == 0
			}
			if reads {
				gone()
				continue
			}
			if len(x.Else) > 0 {
				c.Else = withoutUsers(x.Else, names, label, sprov, rems)
				if len(c.Else) == 0 {
					c.Else = nil
				}
			}
			s = &c
		default:
			if slices.ContainsFunc(allium.StmtExprs(s), func(e allium.Expr) bool { return readsAny(e, names) }) {
				gone()
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// readsAny reports whether e mentions one of names as a bare identifier
// (also as the shorthand of a join field, User{email}).
func readsAny(e allium.Expr, names map[string]bool) bool {
	found := false
	allium.Inspect(e, func(x allium.Expr) bool {
		switch v := x.(type) {
		case *allium.Ident:
			found = found || names[v.Name]
		case *allium.Join:
			for _, f := range v.Fields {
				found = found || (f.Value == nil && names[f.Name])
			}
		}
		return !found
	})
	return found
}

// stmtWhat names a statement in a note.
func stmtWhat(s allium.Stmt) string {
	switch x := s.(type) {
	case *allium.Let:
		return "let " + x.Name
	case *allium.Requires:
		return "requires clause"
	case *allium.Ensures:
		return "ensures clause"
	case *allium.For:
		return "for block"
	case *allium.If:
		return "if block"
	case *allium.Assign, *allium.ExprStmt:
		return "outcome " + strings.Join(strings.Fields(allium.PrintConstruct(s)), " ")
	}
	return strings.ToLower(strings.TrimPrefix(fmt.Sprintf("%T", s), "*allium."))
}

// dropByRemoval handles a checker error with no usable line: it drops the
// first top-level construct whose removal makes the error go away.
func (r *repairer) dropByRemoval(d allium.Diagnostic) bool {
	items := topItems(r.m, nil)
	for i := len(items) - 1; i >= 0; i-- {
		it := &items[i]
		cand := it.without(r.m)
		errs, parsed := checkErrors(cand)
		if parsed == nil {
			continue
		}
		if !slices.ContainsFunc(errs, func(e allium.Diagnostic) bool { return e.Code == d.Code && e.Msg == d.Msg }) {
			r.cause += ", not located: the construct without which it goes"
			r.record([]removal{{what: it.what(), prov: it.node.Info().Prov}})
			r.commit(cand)
			return true
		}
	}
	return false
}

// unparsable repairs a module whose printed text does not parse back: a
// printer/parser disagreement. It finds a top-level construct that does
// not parse back on its own and drops the smallest part of it whose
// removal makes it parse; failing that, the construct without which the
// whole text parses; failing that, the last construct.
func (r *repairer) unparsable(msg string) {
	r.cause = "printed spec did not parse back: " + msg
	r.unparsed = true
	items := topItems(r.m, nil)
	for i := range items {
		it := &items[i]
		if parses(it.solo(it.node)) {
			continue
		}
		n, rems := r.shrink(it)
		if n == nil {
			r.record([]removal{{what: it.what(), prov: it.node.Info().Prov}})
			r.commit(it.without(r.m))
			return
		}
		r.record(rems)
		overwrite(it.node, n)
		return
	}
	for i := len(items) - 1; i >= 0; i-- {
		if cand := items[i].without(r.m); parses(cand) {
			r.record([]removal{{what: items[i].what(), prov: items[i].node.Info().Prov}})
			r.commit(cand)
			return
		}
	}
	if len(items) == 0 {
		return
	}
	last := &items[len(items)-1]
	r.cause += "; no single construct is to blame"
	r.record([]removal{{what: last.what(), prov: last.node.Info().Prov}})
	r.commit(last.without(r.m))
}

func parses(m *allium.Module) bool {
	p, pd := allium.Parse(repairFile, allium.Print(m, allium.PrintOptions{}))
	return p != nil && !pd.HasErrors()
}

// shrink finds the smallest part of a construct that does not parse back
// on its own whose removal makes it parse: a statement (the innermost that
// works), an entity member or a surface entry. nil means none does.
func (r *repairer) shrink(it *topItem) (allium.Node, []removal) {
	switch x := it.node.(type) {
	case *allium.Rule:
		var best allium.Stmt
		var try func(list []allium.Stmt)
		try = func(list []allium.Stmt) {
			for _, s := range list {
				if n, _ := r.ruleWithout(x, s); n != nil && parses(it.solo(n)) {
					best = s
				}
				switch y := s.(type) {
				case *allium.Ensures:
					try(y.Body)
				case *allium.For:
					try(y.Body)
				case *allium.If:
					for _, br := range y.Branches {
						try(br.Body)
					}
					try(y.Else)
				}
			}
		}
		try(x.Body)
		if best == nil {
			return nil, nil
		}
		return r.ruleWithout(x, best)
	case *allium.Entity, *allium.ValueType, *allium.Variant:
		ms := membersOf(x)
		for j := range ms {
			c := withMembers(x, slices.Delete(slices.Clone(ms), j, j+1))
			if parses(it.solo(c)) {
				return c, []removal{{what: it.name + "." + memberName(ms[j]), prov: ms[j].Info().Prov}}
			}
		}
	case *allium.Surface:
		for _, bl := range []*[]allium.SurfaceEntry{&x.Exposes, &x.Provides, &x.Related, &x.Timeout} {
			for j := range *bl {
				c := *x
				entry := (*bl)[j]
				switch bl {
				case &x.Exposes:
					c.Exposes = slices.Delete(slices.Clone(x.Exposes), j, j+1)
				case &x.Provides:
					c.Provides = slices.Delete(slices.Clone(x.Provides), j, j+1)
				case &x.Related:
					c.Related = slices.Delete(slices.Clone(x.Related), j, j+1)
				default:
					c.Timeout = slices.Delete(slices.Clone(x.Timeout), j, j+1)
				}
				if len(c.Provides)+len(c.Exposes) > 0 && parses(it.solo(&c)) {
					prov := entry.Info().Prov
					if prov == nil {
						prov = x.Prov
					}
					return &c, []removal{{what: "surface " + x.Name + ": an entry", prov: prov}}
				}
			}
		}
	}
	return nil, nil
}

func membersOf(n allium.Node) []allium.EntityMember {
	switch x := n.(type) {
	case *allium.Entity:
		return x.Members
	case *allium.ValueType:
		return x.Members
	case *allium.Variant:
		return x.Members
	}
	return nil
}

func withMembers(n allium.Node, ms []allium.EntityMember) allium.Node {
	switch x := n.(type) {
	case *allium.Entity:
		c := *x
		c.Members = ms
		return &c
	case *allium.ValueType:
		c := *x
		c.Members = ms
		return &c
	case *allium.Variant:
		c := *x
		c.Members = ms
		return &c
	}
	return n
}

// memberName names a member in a repair note.
func memberName(mem allium.EntityMember) string {
	if t, ok := mem.(*allium.Transitions); ok {
		return "transitions " + t.Field
	}
	if n := allium.MemberName(mem); n != "" {
		return n
	}
	return "member"
}
