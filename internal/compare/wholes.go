package compare

import (
	"strconv"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// Kinds aligned only as whole constructs that have no summary row.
const (
	kindUse      = "use"
	kindGiven    = "given"
	kindOverride = "config_override"
)

// alignWholes aligns the constructs compared as a whole, by name: uses,
// given bindings, invariants, actors, surfaces, defaults, contracts,
// deferred specifications, sum-type variants and open questions. Their text
// is compared after renaming; they are shared only where enough variants
// agree on it word for word.
func (c *comparison) alignWholes() {
	type decl struct {
		kind, name string
		node       allium.Node
	}
	lists := func(m *allium.Module) []decl {
		var out []decl
		for _, u := range m.Uses {
			out = append(out, decl{kindUse, u.Alias, u})
		}
		for _, o := range m.ConfigOverrides {
			out = append(out, decl{kindOverride, o.Alias, o})
		}
		for _, g := range m.Given {
			out = append(out, decl{kindGiven, g.Name, g})
		}
		for _, x := range m.Contracts {
			out = append(out, decl{summary.KindContract, x.Name, x})
		}
		for _, x := range m.Variants {
			out = append(out, decl{summary.KindEntity, x.Name, x})
		}
		for _, x := range m.Defaults {
			out = append(out, decl{summary.KindDefault, x.Name, x})
		}
		for _, x := range m.Invariants {
			out = append(out, decl{summary.KindInvariant, x.Name, x})
		}
		for _, x := range m.Actors {
			out = append(out, decl{summary.KindActor, x.Name, x})
		}
		for _, x := range m.Surfaces {
			out = append(out, decl{summary.KindSurface, x.Name, x})
		}
		for _, x := range m.Deferred {
			out = append(out, decl{summary.KindDeferred, x.Name, x})
		}
		for _, x := range m.OpenQuestions {
			out = append(out, decl{summary.KindOpenQuestion, x.Text, x})
		}
		return out
	}
	byKind := map[string][][]*unit{}
	var kinds []string
	for v, m := range c.mods {
		orig := lists(c.vs[v].Module)
		for i, d := range lists(m) {
			if byKind[d.kind] == nil {
				byKind[d.kind] = make([][]*unit, c.n)
				kinds = append(kinds, d.kind)
			}
			u := &unit{v: v, kind: d.kind, local: orig[i].name, seq: i, node: d.node, text: allium.PrintConstruct(d.node),
				tokens: nameTokens(d.name), prov: d.node.Info().Prov, pos: d.node.Info().Pos}
			if d.kind == summary.KindOpenQuestion {
				u.local = "question#" + strconv.Itoa(len(byKind[d.kind][v])+1)
				u.tokens = textTokens(d.name)
			}
			u.keys = u.tokens
			byKind[d.kind][v] = append(byKind[d.kind][v], u)
		}
	}
	for _, k := range kinds {
		gs := cluster(k, c.n, byKind[k], func(a, b *unit) float64 {
			if a.text == b.text {
				return 1
			}
			return sameOr(a.local, b.local, a.tokens, b.tokens)
		}, 0.8)
		sortByFirstSeen(gs)
		for _, g := range gs {
			if g.kind == summary.KindSurface {
				c.alignProvides(g)
			}
		}
		c.wholes = append(c.wholes, gs...)
	}
}

// alignProvides gives a surface group its provides entries as children,
// matched by the trigger they name (after renaming).
func (c *comparison) alignProvides(g *group) {
	per := make([][]*unit, c.n)
	for v, su := range g.members {
		if su == nil {
			continue
		}
		var origProv []allium.SurfaceEntry
		for _, s := range c.vs[v].Module.Surfaces {
			if s.Name == su.local {
				origProv = s.Provides
			}
		}
		for i, e := range su.node.(*allium.Surface).Provides {
			it, ok := e.(*allium.SurfaceItem)
			if !ok || i >= len(origProv) {
				continue
			}
			oit, ok := origProv[i].(*allium.SurfaceItem)
			if !ok {
				continue
			}
			name := allium.RootIdent(it.X)
			per[v] = append(per[v], &unit{v: v, kind: summary.KindProvides, local: allium.RootIdent(oit.X), parent: su.local,
				seq: i, node: it, text: name, tokens: []string{name}, prov: it.Prov, pos: it.Pos})
		}
	}
	g.children = cluster(summary.KindProvides, c.n, per, func(a, b *unit) float64 {
		if a.text == b.text {
			return 1
		}
		return 0
	}, 1)
	for _, ch := range g.children {
		ch.parent = g
		ch.name = ch.seed.text
	}
	sortByFirstSeen(g.children)
}
