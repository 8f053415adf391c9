package compare

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// internalKinds are aligned but have no summary row, so they are not listed.
var internalKinds = map[string]bool{kindTransitions: true, kindUse: true, kindGiven: true, kindOverride: true}

func (c *comparison) result() *Result {
	r := &Result{Shared: c.shared, Required: c.req, Dropped: c.dropped, Notes: c.liveNotes()}
	for _, g := range c.differing {
		r.DifferingOutcomes = append(r.DifferingOutcomes, g.name)
	}
	for _, v := range c.vs {
		r.Variants = append(r.Variants, v.ID)
		r.Files = append(r.Files, v.File)
	}
	var walk func(gs []*group, parent string, depth int)
	walk = func(gs []*group, parent string, depth int) {
		for _, g := range gs {
			if internalKinds[g.kind] {
				continue
			}
			a := Aligned{Kind: g.kind, Name: g.name, Parent: parent, InShared: g.shared, depth: depth,
				texts: make([]string, c.n), owns: make([]string, c.n), keys: make([]string, c.n), provs: make([]*provRef, c.n), parents: make([]string, c.n)}
			for v, u := range g.members {
				p := Presence{Variant: c.vs[v].ID}
				if u != nil {
					p.Present, p.LocalName, p.Value = true, u.local, u.value
					a.texts[v] = u.text
					a.keys[v] = u.cmp()
					switch {
					case g.kind == summary.KindRule && u.node.(*allium.Rule).Trigger != nil:
						a.texts[v] = "when: " + allium.TriggerString(u.node.(*allium.Rule).Trigger)
					case g.kind == summary.KindField:
						a.texts[v] = u.typ
					case g.kind == summary.KindConfig && u.value != "":
						a.texts[v] = u.typ + " = " + u.value
					case g.kind == summary.KindConfig:
						a.texts[v] = u.typ
					case g.outcomes != nil:
						a.texts[v] = outcomeDifference(g, u, nil)
					}
					a.owns[v] = c.ownText(g, u, a.texts[v])
					a.provs[v] = &provRef{line: u.pos.Line}
					if u.prov != nil {
						a.provs[v].file, a.provs[v].srcLine = u.prov.File, u.prov.Line
					}
					a.parents[v] = u.parent
				}
				a.Variants = append(a.Variants, p)
			}
			if g.shared {
				a.sharedText, a.sharedKey = g.text, g.text
				if g.printed != "" {
					a.sharedText = g.printed
				} else if u := g.withText(); u != nil && u.key != "" {
					a.sharedText = u.text
				}
				if g.kind == summary.KindField || g.kind == summary.KindConfig {
					a.sharedText = ""
				}
			}
			r.Aligned = append(r.Aligned, a)
			walk(g.children, g.name, depth+1)
		}
	}
	walk(c.entities, "", 0)
	walk(c.enums, "", 0)
	walk(c.config, "", 0)
	walk(c.rules, "", 0)
	walk(c.wholes, "", 0)

	// Similarity: share of aligned constructs held by both among those held
	// by either, counted on per-variant presence bitsets.
	words := (len(r.Aligned) + 63) / 64
	bits := make([][]uint64, c.n)
	for v := range bits {
		bits[v] = make([]uint64, words)
	}
	for i, a := range r.Aligned {
		for v, p := range a.Variants {
			if p.Present {
				bits[v][i/64] |= 1 << (i % 64)
			}
		}
	}
	r.Similarity = make([][]float64, c.n)
	for i := range c.n {
		r.Similarity[i] = make([]float64, c.n)
		for j := range c.n {
			both, either := 0, 0
			for w := range words {
				both += popcount(bits[i][w] & bits[j][w])
				either += popcount(bits[i][w] | bits[j][w])
			}
			if either == 0 {
				r.Similarity[i][j] = 1
			} else {
				r.Similarity[i][j] = float64(both) / float64(either)
			}
		}
	}
	return r
}

type provRef struct {
	line    int // in the variant's spec
	file    string
	srcLine int
}

func popcount(x uint64) int {
	n := 0
	for x != 0 {
		x &= x - 1
		n++
	}
	return n
}

// SharedConstructs returns the variant's own constructs (by its local names)
// that made it into the shared spec, keyed like the summary's rows.
func (r *Result) SharedConstructs(variantID string) []ConstructRef {
	v := -1
	for i, id := range r.Variants {
		if id == variantID {
			v = i
		}
	}
	if v < 0 {
		return nil
	}
	var out []ConstructRef
	seen := map[ConstructRef]bool{}
	for _, a := range r.Aligned {
		if !a.InShared || !a.Variants[v].Present {
			continue
		}
		// A clause split in parts (conjuncts, outcomes) is one row, in
		// the shared spec when any part is.
		ref := ConstructRef{Kind: a.Kind, Parent: a.parents[v], Name: a.Variants[v].LocalName}
		if !seen[ref] {
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

// outcomeDifference describes how a variant's ensures clause departs from
// the statements the shared spec keeps for it, or returns the shared text
// when it does not.
//
// With orig, the statements the variant has beyond the shared ones are
// printed as its own spec writes them (the ones it lacks are the shared
// spec's); "" when one is not found there.
func outcomeDifference(g *group, u *unit, orig func(allium.Node) allium.Node) string {
	have := map[string]bool{}
	var extra, missing []string
	for _, st := range u.node.(*allium.Ensures).Body {
		t := clauseKey(st)
		have[t] = true
		if !g.outcomes[t] {
			if orig != nil {
				o, ok := orig(st).(allium.Stmt)
				if !ok {
					return ""
				}
				st = o
			}
			extra = append(extra, allium.PrintConstruct(st))
		}
	}
	for i, st := range g.sharedStmts {
		if !have[g.sharedKeys[i]] {
			missing = append(missing, st)
		}
	}
	var parts []string
	if len(extra) > 0 {
		parts = append(parts, "also ensures: "+strings.Join(extra, "; "))
	}
	if len(missing) > 0 {
		parts = append(parts, "does not ensure: "+strings.Join(missing, "; "))
	}
	if len(parts) == 0 {
		if orig != nil {
			// The variant holds just the shared statements: its own text.
			return ownClause(u, orig)
		}
		return g.text
	}
	return strings.Join(parts, "; ")
}

// ownText is how variant u.v's spec writes what text (the report's text of
// u after renaming) says: the same form, printed from the variant's own
// construct. It is "" when the construct was made during alignment (a
// derived value read as a field, an entity split by kind) and has no
// counterpart in the variant's spec.
func (c *comparison) ownText(g *group, u *unit, text string) string {
	origins := c.origins[u.v]
	orig := func(n allium.Node) allium.Node {
		if n == nil {
			return nil
		}
		return origins[n]
	}
	if text == "" {
		return ""
	}
	switch {
	case g.kind == summary.KindRule:
		r, ok := orig(u.node).(*allium.Rule)
		if !ok || r.Trigger == nil {
			return ""
		}
		return "when: " + allium.TriggerString(r.Trigger)
	case g.kind == summary.KindTrigger:
		if t, ok := orig(u.node).(*allium.Trigger); ok {
			return triggerKey(t)
		}
		return ""
	case g.kind == summary.KindField:
		if f, ok := orig(u.node).(*allium.Field); ok {
			return allium.TypeString(f.Type)
		}
		return ""
	case g.kind == summary.KindConfig:
		p, ok := orig(u.node).(*allium.ConfigParam)
		if !ok {
			return ""
		}
		if p.Default != nil && u.value != "" {
			return allium.TypeString(p.Type) + " = " + allium.ExprString(p.Default)
		}
		return allium.TypeString(p.Type)
	case g.outcomes != nil:
		return outcomeDifference(g, u, orig)
	case u.ownText != nil:
		return ownClause(u, orig)
	case u.node != nil && text == allium.PrintConstruct(u.node):
		if n := orig(u.node); n != nil {
			return allium.PrintConstruct(n)
		}
	}
	return ""
}

func ownClause(u *unit, orig func(allium.Node) allium.Node) string {
	if u.ownText == nil {
		return ""
	}
	return u.ownText(orig)
}

// liveNotes are the notes on the shared spec's choices about rules it
// still holds: a rule the checker dropped afterwards made no choice.
func (c *comparison) liveNotes() []string {
	dead := map[string]bool{}
	for _, g := range c.rules {
		if !g.shared {
			dead[g.name] = true
		}
	}
	var out []string
	for _, n := range c.notes {
		if rule, _, ok := strings.Cut(strings.TrimPrefix(n, "rule "), ": "); ok && strings.HasPrefix(n, "rule ") && dead[rule] {
			continue
		}
		out = append(out, n)
	}
	return out
}
