package compare

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// chosenClause is one clause of a shared rule: its group, the member it is
// copied from and the statement to write.
type chosenClause struct {
	g    *group
	u    *unit
	stmt allium.Stmt
	// guard, shared by the requires and ensures of one rule, says they
	// are written as one `ensures: if C: ...` (guardBack).
	guard *allium.If
}

// ruleClauses picks the clauses of a shared rule, in the group's order:
// those the quorum agrees on; for an ensures the quorum aligns but words
// differently, the outcomes it shares or their general form; and every let
// a picked clause needs. A clause that reads a name the shared rule cannot
// bind (a trigger parameter of its own variant that the representative's
// trigger lacks) is left out and said so, rather than written unbound.
func (c *comparison) ruleClauses(g *group) []chosenClause {
	var chosen []chosenClause
	var notes []string
	picked := map[*group]bool{}
	for _, ch := range g.children {
		if ch.kind == summary.KindTrigger {
			continue
		}
		if ch.shared {
			u := ch.withText()
			var stmt allium.Stmt
			if countText(ch) >= c.req {
				stmt = deepCopy(u.node.(allium.Stmt))
			} else {
				stmt = c.commonEnsures(ch, u)
			}
			// Only the members that say what the shared clause says
			// are weighed: another wording is listed as such.
			same := func(m *unit) bool { return m.cmp() == u.cmp() }
			if countText(ch) < c.req {
				same = func(*unit) bool { return true }
			}
			if n := c.unnormalise(g, ch, stmt, same); len(n) > 0 {
				notes = append(notes, n...)
				ch.printed = printBare(stmt)
				if e, ok := stmt.(*allium.Ensures); ok && len(ch.sharedStmts) == len(e.Body) {
					for i, st := range e.Body {
						ch.sharedStmts[i] = allium.PrintConstruct(st)
					}
				}
			}
			chosen = append(chosen, chosenClause{g: ch, u: u, stmt: stmt})
			picked[ch] = true
			continue
		}
		// generalForm counts the quorum itself: a variant may hold the
		// outcome in another clause (in every branch of an if).
		if g.shared && ch.kind == summary.KindEnsures {
			if stmt, u := c.generalForm(ch); stmt != nil {
				notes = append(notes, c.unnormalise(g, ch, stmt, createsLike(stmt))...)
				ch.shared, ch.general = true, true
				ch.text, ch.printed = clauseKey(stmt), printBare(stmt)
				chosen = append(chosen, chosenClause{g: ch, u: u, stmt: stmt})
				picked[ch] = true
			}
		}
	}
	rep := g.representative().node.(*allium.Rule)
	trigBound := map[string]bool{}
	if t := rep.Trigger; t != nil {
		trigBound[t.Binding] = true
		for _, p := range t.Params {
			trigBound[p.Name] = true
		}
	}
	for i := range chosen {
		if chosen[i].g.kind == summary.KindEnsures {
			chosen[i].stmt = c.guardUnshared(g, chosen[i], trigBound)
		}
	}
	// Close over the lets the chosen clauses read, each taken from the
	// variant the reading clause comes from.
	for i := 0; i < len(chosen); i++ {
		cc := chosen[i]
		if cc.stmt == nil {
			continue
		}
		for _, name := range freeNames(cc.stmt) {
			if trigBound[name] || c.letChosen(chosen, name) || cc.u.forOf != nil && cc.u.forOf.Var == name {
				continue
			}
			lg := c.letGroup(g, cc.u.v, name)
			if lg == nil {
				if c.ruleBinds(g, cc.u.v, name) {
					c.dropped = append(c.dropped, cc.g.kind+" "+g.name+"/"+cc.g.name+": reads `"+name+
						"`, which the shared trigger does not bind")
					chosen[i].stmt = nil
					cc.g.shared = false
					break
				}
				continue // an enum literal, or a name no variant binds
			}
			if picked[lg] {
				continue
			}
			picked[lg] = true
			lu := c.bindableLet(g, lg, name, trigBound, cc.u.v)
			stmt := deepCopy(lu.node.(allium.Stmt))
			lg.text = lu.cmp()
			if box, note := c.lookupBox(g, lg, name, trigBound); box != nil {
				// No two variants look the row up alike: the shared let
				// names what they all find, not one variant's way.
				lg.note = note
				box.Info().Doc = append(box.Info().Doc, note)
				notes = append(notes, "rule "+g.name+": "+note)
				lg.shared, lg.text, lg.printed = true, clauseKey(box), printBare(box)
				chosen = append(chosen, chosenClause{g: lg, u: lu, stmt: box})
				continue
			}
			if countText(lg) < c.req {
				lg.note = bindingNote(c, lg, lu)
				stmt.Info().Comment = ""
				stmt.Info().Doc = append(stmt.Info().Doc, lg.note)
				notes = append(notes, "rule "+g.name+": "+lg.note)
			}
			// The members that bind it so may differ by a normaliser
			// (lowercase(email) against email): written bare, as a
			// shared clause is.
			same := func(m *unit) bool { return m.cmp() == lu.cmp() }
			if n := c.unnormalise(g, lg, stmt, same); len(n) > 0 {
				notes = append(notes, n...)
				lg.printed = printBare(stmt)
			}
			lg.shared = true
			lg.text = lu.cmp()
			chosen = append(chosen, chosenClause{g: lg, u: lu, stmt: stmt})
		}
	}
	// A clause whose names the shared rule still cannot bind goes, and
	// what read the names it bound goes after it.
	for changed := true; changed; {
		changed = false
		for i, cc := range chosen {
			if cc.stmt == nil {
				continue
			}
			for _, name := range freeNames(cc.stmt) {
				if trigBound[name] || c.letChosen(chosen, name) || cc.u.forOf != nil && cc.u.forOf.Var == name ||
					!c.ruleBinds(g, cc.u.v, name) {
					continue
				}
				c.dropped = append(c.dropped, cc.g.kind+" "+g.name+"/"+cc.g.name+": reads `"+name+
					"`, which the shared rule cannot bind")
				chosen[i].stmt = nil
				cc.g.shared = false
				changed = true
				break
			}
		}
	}
	var out []chosenClause
	for _, cc := range chosen {
		if cc.stmt != nil {
			out = append(out, cc)
		}
	}
	order := map[*group]int{}
	for i, ch := range g.children {
		order[ch] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].g] < order[out[j].g] })
	out = unnameCreations(out)
	if len(out) > 0 && len(rep.Body) > 0 && out[0].u.forOf == nil {
		// The shared rule is spaced as the representative is.
		out[0].stmt.Info().Blank = rep.Body[0].Info().Blank
	}
	for _, cc := range out {
		if cc.g.kind == summary.KindEnsures {
			// The rule is kept: what it chose is worth saying.
			c.notes = append(c.notes, notes...)
			break
		}
	}
	return guardBack(bindBeforeUse(out))
}

// guardUnshared writes a chosen outcome under the part of a member's
// guard the shared rule does not require. A member that writes its only
// outcome as `ensures: if exists user: ...` meets the others' requires
// one part at a time (guardedOutcomes); when fewer than the quorum
// require the guard, the outcome written bare would say that member acts
// when the guard fails, which it does not (flask-base answers an unknown
// address and does nothing, app/account/views.py:99-113). Under the guard
// it is true of every member: of those requiring it, as of those that
// act outright. A guard part that reads a name the shared rule cannot
// bind drops the clause (ch.shared false, listed with the dropped), as a
// bare outcome would be false. The statement is returned, nil when
// dropped.
func (c *comparison) guardUnshared(g *group, cc chosenClause, trigBound map[string]bool) allium.Stmt {
	if cc.stmt == nil || cc.u.forOf != nil {
		return cc.stmt
	}
	// The guard parts are the requires units lifted from the guard of
	// each member's rule (guard), in the groups that are not shared.
	var conds []allium.Expr
	seen := map[string]bool{}
	for v, m := range cc.g.members {
		if m == nil || len(m.guardConds) == 0 {
			continue
		}
		for _, ch := range g.children {
			u := ch.members[v]
			if ch.kind != summary.KindRequires || ch.shared || u == nil || !u.guard || seen[u.key] {
				continue
			}
			seen[u.key] = true
			conds = append(conds, deepCopy(u.node.(*allium.Requires).Cond))
		}
	}
	if len(conds) == 0 {
		return cc.stmt
	}
	guard := &allium.Requires{Cond: joinAnd(conds)}
	for _, name := range freeNames(guard) {
		if !trigBound[name] && !c.ruleBinds(g, cc.u.v, name) {
			c.dropped = append(c.dropped, cc.g.kind+" "+g.name+"/"+cc.g.name+": its guard reads `"+name+
				"`, which the shared rule cannot bind")
			cc.g.shared = false
			return nil
		}
	}
	ens, ok := cc.stmt.(*allium.Ensures)
	if !ok {
		return cc.stmt
	}
	out := &allium.Ensures{Meta: ens.Meta, Body: []allium.Stmt{
		&allium.If{Branches: []allium.IfBranch{{Cond: guard.Cond, Body: ens.Body}}},
	}}
	cc.g.printed = printBare(out)
	return out
}

// guardBack writes the shared rule's outcomes under their guard again when
// a variant writes the guard as the condition of its only outcome
// (`ensures: if exists user: ...`) and the others as requires: the if is
// what both say, since requires C with ensures A implies if C: A, while a
// requires would say of the first variant that it refuses the request it
// answers alike. The requires lifted so (every chosen requires some variant
// holds as such a guard) and every chosen ensures are marked to be joined
// into one `ensures: if C: ...`, placed after the other clauses so the
// parts stand together. Outcomes inside a for leave the clauses as they are.
func guardBack(list []chosenClause) []chosenClause {
	var guards, outcomes, rest []chosenClause
	for _, cc := range list {
		switch {
		case cc.g.kind == summary.KindRequires && cc.u.forOf == nil && liftedGuard(cc.g):
			guards = append(guards, cc)
		case cc.g.kind == summary.KindEnsures:
			if cc.u.forOf != nil {
				return list
			}
			outcomes = append(outcomes, cc)
		default:
			rest = append(rest, cc)
		}
	}
	if len(guards) == 0 || len(outcomes) == 0 {
		return list
	}
	tmpl := &allium.If{}
	out := rest
	for _, cc := range append(guards, outcomes...) {
		cc.guard = tmpl
		out = append(out, cc)
	}
	return out
}

// liftedGuard reports whether some member of a requires group was lifted
// from a guarded outcome.
func liftedGuard(g *group) bool {
	for _, u := range g.members {
		if u != nil && u.guard {
			return true
		}
	}
	return false
}

// unnormalise writes a shared clause's lookup keys and stored values
// without the normalising call (lower, strip, ...) that only some of its
// members apply: the normal form matches User{email: lower(email)} with
// User{email}, as both find the account, but the shared spec copies one
// member's text, and lower() there would be false of the members that
// keep the value as given. A comment on the clause, and a note in the
// report, say which members normalise. It returns the notes.
func (c *comparison) unnormalise(g, ch *group, stmt allium.Stmt, holds func(*unit) bool) []string {
	var with, without []string
	for _, u := range ch.members {
		if u == nil || !holds(u) {
			continue
		}
		if len(normalisedKeys(u.node.(allium.Stmt), false)) > 0 {
			with = append(with, c.vs[u.v].ID)
		} else {
			without = append(without, c.vs[u.v].ID)
		}
	}
	if len(with) == 0 || len(without) == 0 {
		return nil
	}
	calls := normalisedKeys(stmt, true)
	if len(calls) == 0 {
		return nil
	}
	verb, verb2 := " apply ", " take "
	if len(with) == 1 {
		verb = " applies "
	}
	if len(without) == 1 {
		verb2 = " takes "
	}
	note := strings.Join(with, ", ") + verb + strings.Join(calls, ", ") + " here; " +
		strings.Join(without, ", ") + verb2 + "the value as given"
	stmt.Info().Doc = append(stmt.Info().Doc, note)
	return []string{"rule " + g.name + ": " + note}
}

// createsLike is true of a member that creates the entity a general form
// creates (any member, when the general form creates nothing).
func createsLike(stmt allium.Stmt) func(*unit) bool {
	e, ok := stmt.(*allium.Ensures)
	if !ok || len(e.Body) != 1 {
		return func(*unit) bool { return true }
	}
	_, ent := creationOf(e.Body[0])
	if ent == "" {
		return func(*unit) bool { return true }
	}
	return func(u *unit) bool {
		found := false
		allium.WalkStmts([]allium.Stmt{u.node.(allium.Stmt)}, func(st allium.Stmt) bool {
			if _, got := creationOf(st); got == ent {
				found = true
			}
			return !found
		})
		return found
	}
}

// normalisedKeys lists the normalising calls (lower(), strip(), ...) that
// wrap a join key or a creation's argument in a statement, each once, in
// order; with strip it also removes them, in place.
func normalisedKeys(s allium.Stmt, strip bool) []string {
	var calls []string
	seen := map[string]bool{}
	unwrap := func(e allium.Expr) allium.Expr {
		for {
			call, ok := e.(*allium.Call)
			if !ok || len(call.Args) != 1 || call.Args[0].Name != "" {
				return e
			}
			id, ok := call.Fun.(*allium.Ident)
			if !ok || !normalizers[id.Name] {
				return e
			}
			if !seen[id.Name] {
				seen[id.Name] = true
				calls = append(calls, id.Name+"()")
			}
			e = call.Args[0].Value
		}
	}
	allium.WalkStmts([]allium.Stmt{s}, func(st allium.Stmt) bool {
		for _, e := range allium.StmtExprs(st) {
			allium.Inspect(e, func(x allium.Expr) bool {
				switch y := x.(type) {
				case *allium.Join:
					for i := range y.Fields {
						if y.Fields[i].Value == nil {
							continue
						}
						if v := unwrap(y.Fields[i].Value); strip {
							y.Fields[i].Value = v
							if id, ok := v.(*allium.Ident); ok && id.Name == y.Fields[i].Name {
								y.Fields[i].Value = nil // User{email}
							}
						}
					}
				case *allium.Call:
					if m, ok := y.Fun.(*allium.Member); ok && m.Name == "created" {
						for i := range y.Args {
							if v := unwrap(y.Args[i].Value); strip {
								y.Args[i].Value = v
							}
						}
					}
				}
				return true
			})
		}
		return true
	})
	return calls
}

// bindableLet picks the member of a let group the shared rule takes: among
// the lets of that name whose own names the shared trigger binds (or that
// no variant binds: enum literals), the value most variants give, ties to
// the reading clause's variant (the binding it was written against), then
// to the representative's, then to the lowest; with none bindable, the
// reading clause's own.
func (c *comparison) bindableLet(g, lg *group, name string, trigBound map[string]bool, reader int) *unit {
	counts := map[string]int{}
	var cands []*unit
	for _, u := range lg.members {
		if u == nil || u.local != name {
			continue
		}
		ok := true
		for _, n := range freeNames(u.node.(allium.Stmt)) {
			if !trigBound[n] && c.ruleBinds(g, u.v, n) && c.letGroup(g, u.v, n) == nil {
				ok = false
			}
		}
		if ok {
			counts[u.cmp()]++
			cands = append(cands, u)
		}
	}
	if len(cands) == 0 {
		if u := lg.members[reader]; u != nil {
			return u
		}
		return lg.withText()
	}
	repV := g.representative().v
	rank := func(u *unit) int {
		switch u.v {
		case reader:
			return 0
		case repV:
			return 1
		}
		return 2
	}
	best := cands[0]
	for _, u := range cands[1:] {
		cu, cb := counts[u.cmp()], counts[best.cmp()]
		if cu > cb || cu == cb && rank(u) < rank(best) {
			best = u
		}
	}
	return best
}

// lookupBox writes a let the variants bind to lookups of one entity, no
// two of them alike, as a black box of the trigger parameters the lookups
// read: fastapi-boilerplate finds the user by email when the login name
// holds "@" and by username otherwise, fastapi-minimal-refresh by email,
// graphql-auth by username (login.py, views.py:76, bases.py:35), so
// `let user = user_for(username)`, the User each finds from username its
// own way, is true of all three where any one's lookup is false of the
// others. It returns nil when two or more variants bind the let alike (the
// majority's binding is kept, with a note, as before), when a member binds
// it to anything but a lookup of that entity (a join, an if or ?? of
// joins), or when a lookup reads a name the shared trigger does not bind.
func (c *comparison) lookupBox(g, lg *group, name string, trigBound map[string]bool) (*allium.Let, string) {
	counts := map[string]int{}
	entity, n := "", 0
	read := map[string]bool{}
	for _, u := range lg.members {
		if u == nil {
			continue
		}
		l, ok := u.node.(*allium.Let)
		if !ok || l.Name != name {
			return nil, ""
		}
		e := lookedUp(l.Value)
		if e == "" || entity != "" && e != entity {
			return nil, ""
		}
		entity = e
		for _, f := range freeNames(l) {
			if !trigBound[f] {
				return nil, ""
			}
			read[f] = true
		}
		if counts[u.cmp()]++; counts[u.cmp()] > 1 {
			return nil, ""
		}
		n++
	}
	if n < 2 || n != g.count() || len(read) == 0 {
		return nil, ""
	}
	// The arguments in the order the shared trigger takes them.
	var args []allium.Arg
	rep := g.representative().node.(*allium.Rule)
	if rep.Trigger != nil {
		for _, p := range rep.Trigger.Params {
			if read[p.Name] {
				args = append(args, allium.Arg{Value: &allium.Ident{Name: p.Name}})
			}
		}
	}
	if len(args) != len(read) {
		return nil, ""
	}
	fn := snakeCase(entity) + "_for"
	box := &allium.Let{Name: name, Value: &allium.Call{Fun: &allium.Ident{Name: fn}, Args: args}}
	var parts []string
	for _, u := range lg.members {
		if u != nil {
			parts = append(parts, c.vs[u.v].ID+": "+oneLine(allium.ExprString(u.node.(*allium.Let).Value)))
		}
	}
	note := "variants look " + name + " up differently; written as " + oneLine(allium.ExprString(box.Value)) +
		", the " + entity + " each finds its own way (" + strings.Join(parts, "; ") + ")"
	return box, note
}

// lookedUp is the entity a value looks up: User of User{email}, and of an
// if or ?? whose every value looks up User; "" for anything else.
func lookedUp(e allium.Expr) string {
	switch x := e.(type) {
	case *allium.Join:
		return x.Entity
	case *allium.IfExpr:
		ent := lookedUp(x.Else)
		for _, b := range x.Branches {
			if lookedUp(b.Then) != ent {
				return ""
			}
		}
		return ent
	case *allium.Binary:
		if x.Op == allium.OpCoalesce && lookedUp(x.X) == lookedUp(x.Y) {
			return lookedUp(x.X)
		}
	}
	return ""
}

// snakeCase writes a PascalCase name in snake_case: EmailChangeToken,
// email_change_token.
func snakeCase(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bindingNote says how the variants bind a let the shared rule needs.
func bindingNote(c *comparison, g *group, kept *unit) string {
	var parts []string
	for v, u := range g.members {
		if u == nil {
			if g.parent != nil && g.parent.members[v] != nil {
				parts = append(parts, c.vs[v].ID+": no such let")
			}
			continue
		}
		val := oneLine(u.text)
		if l, ok := u.node.(*allium.Let); ok {
			val = oneLine(allium.ExprString(l.Value))
		}
		parts = append(parts, c.vs[u.v].ID+": "+val)
	}
	n, of := 0, 0
	for v, u := range g.members {
		if u != nil && u.cmp() == kept.cmp() {
			n++
		}
		if g.parent != nil && g.parent.members[v] != nil {
			of++
		}
	}
	who := c.vs[kept.v].ID + "'s"
	if n > 1 {
		who = fmt.Sprintf("the one %d of %d give", n, of)
	}
	return "variants bind " + g.name + " differently; kept " + who + " (" + strings.Join(parts, "; ") + ")"
}

// letChosen reports whether a chosen clause is a let of that name.
func (c *comparison) letChosen(chosen []chosenClause, name string) bool {
	for _, cc := range chosen {
		if cc.stmt == nil {
			continue
		}
		if l, ok := cc.stmt.(*allium.Let); ok && l.Name == name {
			return true
		}
		if e, ok := cc.stmt.(*allium.Ensures); ok {
			for _, st := range e.Body {
				if l, ok := st.(*allium.Let); ok && l.Name == name {
					return true
				}
			}
		}
	}
	return false
}

// letGroup finds the clause group of rule group g whose member in variant v
// is a let of that name (a rule-level let, or a let inside an ensures).
func (c *comparison) letGroup(g *group, v int, name string) *group {
	for _, ch := range g.children {
		u := ch.members[v]
		if u == nil {
			continue
		}
		switch x := u.node.(type) {
		case *allium.Let:
			if x.Name == name {
				return ch
			}
		case *allium.Ensures:
			if len(x.Body) == 1 {
				if l, ok := x.Body[0].(*allium.Let); ok && l.Name == name {
					return ch
				}
			}
		}
	}
	return nil
}

// ruleBinds reports whether variant v's rule of group g binds the name in
// any way (trigger, let, for).
func (c *comparison) ruleBinds(g *group, v int, name string) bool {
	u := g.members[v]
	return u != nil && ruleBindings(u.node.(*allium.Rule))[name]
}

// bindBeforeUse moves a let placed after a clause that reads it to just
// before that clause: a let first seen in a later variant sorts after the
// clauses of the first.
func bindBeforeUse(list []chosenClause) []chosenClause {
	for i := 0; i < len(list); i++ {
		name := ""
		if l, ok := list[i].stmt.(*allium.Let); ok && list[i].u.forOf == nil {
			name = l.Name
		}
		if name == "" {
			continue
		}
		for j := 0; j < i; j++ {
			if hasString(freeNames(list[j].stmt), name) {
				let := list[i]
				copy(list[j+1:i+1], list[j:i])
				list[j] = let
				break
			}
		}
	}
	return list
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// commonEnsures writes an ensures group the quorum agrees on only in part:
// the statements enough of them share, recorded on the group for the
// report.
func (c *comparison) commonEnsures(ch *group, u *unit) allium.Stmt {
	ens := deepCopy(u.node.(*allium.Ensures))
	ens.Body = deepCopy(c.commonOutcomes(ch))
	ch.outcomes = map[string]bool{}
	for _, st := range ens.Body {
		k := clauseKey(st)
		ch.outcomes[k] = true
		ch.sharedStmts = append(ch.sharedStmts, allium.PrintConstruct(st))
		ch.sharedKeys = append(ch.sharedKeys, k)
	}
	ch.text, ch.printed = clauseKey(ens), allium.PrintConstruct(ens)
	return ens
}

// generalForm writes an ensures group whose members all create the same
// entity but with different arguments as the creation with the arguments
// the quorum agrees on: `Email.created(to: user.email)` for variants that
// mail different templates. It returns nil when the members do something
// else or fewer than the quorum do it.
func (c *comparison) generalForm(ch *group) (allium.Stmt, *unit) {
	type creation struct {
		u    *unit
		call *allium.Call
		ent  string
	}
	var cs []creation
	for _, u := range ch.members {
		if call, ent := creationOf(soleOutcome(u)); call != nil {
			cs = append(cs, creation{u, call, ent})
			continue
		}
	}
	// An if whose every branch creates the same entity creates it whatever
	// the condition, with the arguments the branches share. A variant
	// that has no creation here may have it so, in this group or in
	// another outcome of its rule.
	have := map[int]bool{}
	ents := map[string]bool{}
	for _, cr := range cs {
		have[cr.u.v] = true
		ents[cr.ent] = true
	}
	for v := range ch.members {
		rule := ch.parent.members[v]
		if have[v] || rule == nil {
			continue
		}
		var sources []*unit
		if u := ch.members[v]; u != nil {
			sources = append(sources, u)
		}
		for _, sg := range ch.parent.children {
			if sg != ch && sg.kind == summary.KindEnsures && sg.members[v] != nil {
				sources = append(sources, sg.members[v])
			}
		}
	search:
		for _, u := range sources {
			st, ok := soleOutcome(u).(*allium.If)
			if !ok {
				continue
			}
			for _, ent := range sortedKeys(ents) {
				if call := everyBranchCreates(st, ent); call != nil {
					cs = append(cs, creation{u, call, ent})
					break search
				}
			}
		}
	}
	if len(cs) < c.req {
		return c.generalAssign(ch)
	}
	byEnt := map[string][]creation{}
	for _, cr := range cs {
		byEnt[cr.ent] = append(byEnt[cr.ent], cr)
	}
	var best []creation
	for _, list := range byEnt {
		if len(list) > len(best) || len(list) == len(best) && len(list) > 0 && list[0].u.v < best[0].u.v {
			best = list
		}
	}
	if len(best) < c.req {
		return nil, nil
	}
	// An argument reads alike whether it names the looked-up row's field
	// or the value it was looked up by: with let user = User{email},
	// user.email is email.
	looked := map[int]map[string]map[string]allium.Expr{}
	// An argument reads both ways; the written one is held by every
	// creation that gives it under either reading.
	argKeys := func(v int, a allium.Arg) []string {
		if looked[v] == nil {
			looked[v] = lookupKeys(ch.parent.members[v].node.(*allium.Rule))
		}
		return []string{a.Name + ":" + exprKey(stripNormalizer(a.Value)),
			a.Name + ":" + exprKey(stripNormalizer(throughLookup(a.Value, looked[v])))}
	}
	argCount := func(v int, a allium.Arg) int {
		want := argKeys(v, a)
		n := 0
		for _, cr := range best {
		args:
			for _, b := range cr.call.Args {
				for _, k := range argKeys(cr.u.v, b) {
					if k == want[0] || k == want[1] {
						n++
						break args
					}
				}
			}
		}
		return n
	}
	// Written as a variant writes it, one that creates it outright if
	// any does.
	first := best[0]
	for _, cr := range best {
		if c, _ := creationOf(cr.u.node.(*allium.Ensures).Body[0]); c != nil {
			first = cr
			break
		}
	}
	stmt := deepCopy(first.u.node.(*allium.Ensures))
	var call *allium.Call
	switch st := stmt.Body[0].(type) {
	case *allium.ExprStmt:
		call = st.X.(*allium.Call)
	case *allium.Let:
		call = st.Value.(*allium.Call)
	default:
		call = deepCopy(first.call)
		stmt.Body = []allium.Stmt{&allium.ExprStmt{X: call}}
	}
	var kept []allium.Arg
	for _, a := range call.Args {
		if argCount(first.u.v, a) >= c.req {
			kept = append(kept, a)
		}
	}
	call.Args = kept
	stmt.Doc, stmt.Comment = nil, ""
	return stmt, first.u
}

// lookupKeys maps each rule-level let bound to a lookup (let user =
// User{email}) to the fields it was looked up by and their values, the
// normalising calls around them dropped.
func lookupKeys(r *allium.Rule) map[string]map[string]allium.Expr {
	out := map[string]map[string]allium.Expr{}
	for _, st := range r.Body {
		l, ok := st.(*allium.Let)
		if !ok {
			continue
		}
		j, ok := l.Value.(*allium.Join)
		if !ok {
			continue
		}
		keys := map[string]allium.Expr{}
		for _, f := range j.Fields {
			v := f.Value
			if v == nil {
				v = &allium.Ident{Name: f.Name}
			}
			keys[f.Name] = stripNormalizer(v)
		}
		out[l.Name] = keys
	}
	return out
}

// throughLookup reads x.f, where x is a let bound to a lookup by f, as
// the value it was looked up by; anything else is returned as it is.
func throughLookup(e allium.Expr, looked map[string]map[string]allium.Expr) allium.Expr {
	m, ok := e.(*allium.Member)
	if !ok {
		return e
	}
	id, ok := m.X.(*allium.Ident)
	if !ok {
		return e
	}
	if v, ok := looked[id.Name][m.Name]; ok {
		return v
	}
	return e
}

// generalAssign writes an ensures group whose members set the same field to
// the same value on entities they reach differently (user.password_hash
// against token.user.password_hash) as the representative's statement, or
// the first one's: the field every variant assigns. The binding it reads
// comes along as the let any shared clause needs. It returns nil when
// fewer than the quorum agree on field and value.
//
// A member may set it under a test that the value is present (`if exists
// token.new_email: token.user.email = token.new_email`) where the shared
// spec declares that field required: the test holds wherever the shared
// spec applies, so the member sets it as the others do (sharedAssign).
// Of the members, the one that reaches the row the way most do is
// written: each member's way read through its lets and through the paths
// its requires equate (polar's session.user where it requires token.user
// = session.user is token.user). When the way most reach it is one no
// member writes, but each of them can be read so and the shared trigger
// binds it, the assignment is written on that path.
func (c *comparison) generalAssign(ch *group) (allium.Stmt, *unit) {
	keyOf := func(u *unit) string {
		a, _ := c.sharedAssign(u)
		if a == nil {
			return ""
		}
		m, ok := a.Target.(*allium.Member)
		if !ok {
			return ""
		}
		return m.Name + " = " + exprKey(a.Value)
	}
	counts := map[string]int{}
	for _, u := range ch.members {
		if u != nil {
			if k := keyOf(u); k != "" {
				counts[k]++
			}
		}
	}
	k := majority(counts)
	if k == "" || counts[k] < c.req {
		return c.generalLifetime(ch)
	}
	repV := ch.parent.representative().v
	var ms []*unit
	var forms []map[string]allium.Expr
	written := map[*unit]string{}
	repForm := ""
	for _, m := range ch.members {
		if m == nil || keyOf(m) != k {
			continue
		}
		a, _ := c.sharedAssign(m)
		rule := ch.parent.members[m.v].node.(*allium.Rule)
		fs := reachForms(rule, a.Target.(*allium.Member).X)
		ms = append(ms, m)
		forms = append(forms, fs)
		// The way it writes it, read through its lets.
		written[m] = exprKey(throughLets(rule, a.Target.(*allium.Member).X))
		if m.v == repV {
			repForm = written[m]
		}
	}
	best, bestKey, _ := bestReach(forms, repForm)
	var u *unit
	for _, m := range ms {
		if written[m] != bestKey {
			continue
		}
		if u == nil || m.v == repV {
			u = m
		}
	}
	var stmt *allium.Ensures
	switch {
	case u != nil:
		stmt = deepCopy(u.node.(*allium.Ensures))
		if a, wrapped := c.sharedAssign(u); wrapped {
			stmt.Body = []allium.Stmt{deepCopy(a)}
		}
	default:
		// No member writes the path most reach the row by: written on it
		// from the representative's assignment (else the first's), when
		// the shared trigger binds every name it reads.
		u = ms[0]
		for _, m := range ms {
			if m.v == repV {
				u = m
			}
		}
		bound := map[string]bool{}
		if t := ch.parent.representative().node.(*allium.Rule).Trigger; t != nil {
			bound[t.Binding] = true
			for _, p := range t.Params {
				bound[p.Name] = true
			}
		}
		a, _ := c.sharedAssign(u)
		na := deepCopy(a)
		if best != nil && readsBound(best, bound) {
			na.Target = &allium.Member{X: deepCopy(best), Name: a.Target.(*allium.Member).Name}
		}
		stmt = deepCopy(u.node.(*allium.Ensures))
		stmt.Body = []allium.Stmt{na}
	}
	stmt.Doc, stmt.Comment = nil, ""
	return stmt, u
}

// generalLifetime writes an ensures group whose members set the same field
// to now plus a lifetime each gives differently (now +
// config.user_temporary_token_expiry, now + 30.minutes, now + 24.hours) as
// the member's statement that reads the lifetime from config, preferring
// the representative's; the config parameter is then declared without a
// default and with each member's lifetime (build). It returns nil when
// fewer than the quorum set the field so or none reads config.
func (c *comparison) generalLifetime(ch *group) (allium.Stmt, *unit) {
	type lifetime struct {
		u     *unit
		field string
		d     allium.Expr
	}
	var ls []lifetime
	counts := map[string]int{}
	for _, u := range ch.members {
		a, ok := soleOutcome(u).(*allium.Assign)
		if !ok {
			continue
		}
		m, ok := a.Target.(*allium.Member)
		if !ok {
			continue
		}
		d := nowPlus(a.Value)
		if d == nil {
			continue
		}
		ls = append(ls, lifetime{u, m.Name, d})
		counts[m.Name]++
	}
	field := majority(counts)
	if field == "" || counts[field] < c.req {
		return nil, nil
	}
	repV := ch.parent.representative().v
	var pick *lifetime
	var values []string
	for i, l := range ls {
		if l.field != field {
			continue
		}
		val := oneLine(allium.ExprString(l.d))
		if name := configRef(l.d); name != "" {
			if g := c.configGroup(name); g != nil && g.members[l.u.v] != nil && g.members[l.u.v].value != "" {
				val = g.members[l.u.v].value
			}
			if pick == nil || l.u.v == repV {
				pick = &ls[i]
			}
		}
		values = append(values, c.vs[l.u.v].ID+": "+val)
	}
	if pick == nil {
		return nil, nil
	}
	name := configRef(pick.d)
	if c.lifetimes == nil {
		c.lifetimes = map[string]string{}
	}
	c.lifetimes[name] = "values differ: " + strings.Join(values, ", ")
	stmt := deepCopy(pick.u.node.(*allium.Ensures))
	stmt.Doc, stmt.Comment = nil, ""
	// A parameter fewer than the quorum declare is one variant's name for
	// what the others write as a literal (express-apihub's
	// user_temporary_token_expiry, where express-kutt writes 30.minutes):
	// the shared spec names it for the field it bounds, as the others
	// would have, unless another parameter has that name.
	if g := c.configGroup(name); g != nil && g.count() < c.req {
		to, ok := c.lifetimeNames[name]
		if !ok {
			to = expiryName(field)
			if to == "" || to == name || c.configGroup(to) != nil || c.lifetimeTaken(to) {
				to = name
			}
			if c.lifetimeNames == nil {
				c.lifetimeNames = map[string]string{}
			}
			c.lifetimeNames[name] = to
		}
		renameConfig(stmt, name, to)
	}
	return stmt, pick.u
}

// lifetimeTaken reports whether a lifetime parameter was already renamed
// to name.
func (c *comparison) lifetimeTaken(name string) bool {
	for _, to := range c.lifetimeNames {
		if to == name {
			return true
		}
	}
	return false
}

// expiryName is the config parameter a field holding an expiry is
// bounded by: the field's words with its expiry word as expiry
// (reset_password_expires and reset_password_expires_at give
// reset_password_expiry). It is "" for a field whose name is no more than
// the expiry (expires_at: the parameter would not say whose) or has no
// expiry word.
func expiryName(field string) string {
	words := strings.Split(field, "_")
	if len(words) > 1 && words[len(words)-1] == "at" {
		words = words[:len(words)-1]
	}
	if len(words) < 2 || !isExpiry(nameTokens(words[len(words)-1])) {
		return ""
	}
	words[len(words)-1] = "expiry"
	return strings.Join(words, "_")
}

// renameConfig renames config.from to config.to in a statement.
func renameConfig(s allium.Stmt, from, to string) {
	if from == to {
		return
	}
	allium.WalkStmts([]allium.Stmt{s}, func(st allium.Stmt) bool {
		for _, e := range allium.StmtExprs(st) {
			allium.Inspect(e, func(x allium.Expr) bool {
				if m, ok := x.(*allium.Member); ok && configRef(m) == from {
					m.Name = to
				}
				return true
			})
		}
		return true
	})
}

// nowPlus returns d of a value written now + d, d a duration or a config
// parameter; else nil.
func nowPlus(e allium.Expr) allium.Expr {
	b, ok := e.(*allium.Binary)
	if !ok || b.Op != allium.OpAdd {
		return nil
	}
	if id, ok := b.X.(*allium.Ident); !ok || id.Name != "now" {
		return nil
	}
	if _, ok := b.Y.(*allium.Duration); ok || configRef(b.Y) != "" {
		return b.Y
	}
	return nil
}

// configRef returns x of config.x, else "".
func configRef(e allium.Expr) string {
	m, ok := e.(*allium.Member)
	if !ok {
		return ""
	}
	if id, ok := m.X.(*allium.Ident); ok && id.Name == "config" {
		return m.Name
	}
	return ""
}

// configGroup returns the config group of that canonical name.
func (c *comparison) configGroup(name string) *group {
	for _, g := range c.config {
		if g.name == name {
			return g
		}
	}
	return nil
}

// substRoot replaces the leftmost identifier of a navigation by val.
func substRoot(e, val allium.Expr) allium.Expr {
	switch x := e.(type) {
	case *allium.Ident:
		return deepCopy(val)
	case *allium.Member:
		x.X = substRoot(x.X, val)
	}
	return e
}

// unnameCreations writes `ensures: let x = X.created(...)` that no other
// clause of the shared rule reads as the creation alone: the name was for
// statements the shared rule does not keep. A let that is one part of an
// ensures block the rule keeps whole is left alone.
func unnameCreations(list []chosenClause) []chosenClause {
	for i, cc := range list {
		e, ok := cc.stmt.(*allium.Ensures)
		if !ok || len(e.Body) != 1 || cc.u.parts > 1 && !cc.g.general && siblingsKept(list, cc) {
			continue
		}
		l, ok := e.Body[0].(*allium.Let)
		if !ok || !allium.IsCreation(l.Value) {
			continue
		}
		read := false
		for j, other := range list {
			if j != i && hasString(freeNames(other.stmt), l.Name) {
				read = true
			}
		}
		if !read {
			e2 := deepCopy(e)
			e2.Body = []allium.Stmt{&allium.ExprStmt{Meta: l.Meta, X: e2.Body[0].(*allium.Let).Value}}
			list[i].stmt = e2
			list[i].g.general = true
		}
	}
	return list
}

// siblingsKept reports whether every part of the clause cc was split from is
// in the list, from the same variant: the clause is then written whole.
func siblingsKept(list []chosenClause, cc chosenClause) bool {
	n := 0
	for _, o := range list {
		if o.u.whole == cc.u.whole {
			n++
		}
	}
	return n == cc.u.parts
}

// creationOf returns the creation a statement is (X.created(...), or a let
// bound to one) and the entity created.
func creationOf(st allium.Stmt) (*allium.Call, string) {
	var x allium.Expr
	switch y := st.(type) {
	case *allium.ExprStmt:
		x = y.X
	case *allium.Let:
		x = y.Value
	}
	call, ok := x.(*allium.Call)
	if !ok {
		return nil, ""
	}
	m, ok := call.Fun.(*allium.Member)
	if !ok || m.Name != "created" {
		return nil, ""
	}
	return call, allium.RootIdent(m.X)
}

// everyBranchCreates returns, for an if with an else whose every branch
// creates one entity of type ent among its statements, that creation with
// only the arguments all branches give alike.
func everyBranchCreates(st *allium.If, ent string) *allium.Call {
	if st.Else == nil {
		return nil
	}
	bodies := [][]allium.Stmt{st.Else}
	for _, b := range st.Branches {
		bodies = append(bodies, b.Body)
	}
	var calls []*allium.Call
	for _, body := range bodies {
		var found *allium.Call
		for _, x := range body {
			if call, e := creationOf(x); call != nil && e == ent {
				if found != nil {
					return nil // two of them: which one is meant?
				}
				found = call
			}
		}
		if found == nil {
			return nil
		}
		calls = append(calls, found)
	}
	counts := map[string]int{}
	for _, call := range calls {
		for _, a := range call.Args {
			counts[a.Name+":"+exprKey(stripNormalizer(a.Value))]++
		}
	}
	out := deepCopy(calls[0])
	var kept []allium.Arg
	for _, a := range out.Args {
		if counts[a.Name+":"+exprKey(stripNormalizer(a.Value))] == len(calls) {
			kept = append(kept, a)
		}
	}
	out.Args = kept
	return out
}

// soleOutcome is the one statement of an ensures unit's clause; nil for
// no unit or a clause of several statements.
func soleOutcome(u *unit) allium.Stmt {
	if u == nil {
		return nil
	}
	if e := u.node.(*allium.Ensures); len(e.Body) == 1 {
		return e.Body[0]
	}
	return nil
}
