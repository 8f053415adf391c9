package distill

import (
	"fmt"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
)

// maxRepairRounds bounds the check-and-drop loop; each round removes at
// least one construct, so the bound is only a guard.
const maxRepairRounds = 64

// repair makes the module pass allium.Check: it prints and re-parses the
// module (so that every construct has a position), checks it, and drops
// the smallest construct each error points at, until no error is left.
func repair(m *allium.Module, b *builder) {
	for range maxRepairRounds {
		errs, parsed := checkErrors(m)
		if len(errs) == 0 {
			return
		}
		if parsed == nil {
			// The printed text did not parse back: a printer/parser
			// disagreement. Drop rules first, then everything else.
			b.note("spec did not parse back (%s); rules and surfaces left out", errs[0].Msg)
			b.stats.Untranslated += len(m.Rules) + len(m.Surfaces)
			m.Rules, m.Surfaces, m.Actors = nil, nil, nil
			continue
		}
		d := errs[0]
		if !dropAt(m, parsed, d, b) {
			b.note("checker error not located (%s: %s); rules and surfaces left out", d.Code, d.Msg)
			b.stats.Untranslated += len(m.Rules) + len(m.Surfaces)
			m.Rules, m.Surfaces, m.Actors = nil, nil, nil
		}
	}
	if errs, _ := checkErrors(m); len(errs) > 0 {
		b.note("spec still failed the checker after repair; only entities kept")
		*m = allium.Module{Version: 3, Header: m.Header, Entities: nil}
	}
}

func checkErrors(m *allium.Module) (allium.Diagnostics, *allium.Module) {
	text := allium.Print(m, allium.PrintOptions{})
	parsed, pd := allium.Parse("distilled.allium", text)
	if pd.HasErrors() || parsed == nil {
		return pd.Errors(), nil
	}
	return allium.Check(parsed, allium.CheckOptions{File: "distilled.allium", StrictNames: true}).Errors(), parsed
}

// dropAt removes from m the construct of parsed that holds d's line. The
// parsed module mirrors m list by list, so indexes carry over.
func dropAt(m, parsed *allium.Module, d allium.Diagnostic, b *builder) bool {
	line := d.Line
	why := fmt.Sprintf("%s %s", d.Code, d.Msg)
	// Find the innermost top-level construct starting at or before line.
	type span struct {
		kind string
		idx  int
		pos  int
	}
	var best *span
	consider := func(kind string, idx int, p allium.Pos) {
		if p.Line > 0 && p.Line <= line && (best == nil || p.Line >= best.pos) {
			best = &span{kind, idx, p.Line}
		}
	}
	for i, x := range parsed.Externals {
		consider("external", i, x.Pos)
	}
	for i, x := range parsed.Enums {
		consider("enum", i, x.Pos)
	}
	for i, x := range parsed.Entities {
		consider("entity", i, x.Pos)
	}
	for i, x := range parsed.Config {
		consider("config", i, x.Pos)
	}
	for i, x := range parsed.Rules {
		consider("rule", i, x.Pos)
	}
	for i, x := range parsed.Actors {
		consider("actor", i, x.Pos)
	}
	for i, x := range parsed.Surfaces {
		consider("surface", i, x.Pos)
	}
	if best == nil {
		return false
	}
	b.stats.Untranslated++
	switch best.kind {
	case "external":
		b.note("external entity %s left out: %s", m.Externals[best.idx].Name, why)
		m.Externals = slices.Delete(m.Externals, best.idx, best.idx+1)
	case "enum":
		b.note("enum %s left out: %s", m.Enums[best.idx].Name, why)
		m.Enums = slices.Delete(m.Enums, best.idx, best.idx+1)
	case "config":
		b.note("config %s left out: %s", m.Config[best.idx].Name, why)
		m.Config = slices.Delete(m.Config, best.idx, best.idx+1)
	case "actor":
		b.note("actor %s left out: %s", m.Actors[best.idx].Name, why)
		m.Actors = slices.Delete(m.Actors, best.idx, best.idx+1)
	case "entity":
		pe, e := parsed.Entities[best.idx], m.Entities[best.idx]
		if i := memberAt(pe.Members, line); i >= 0 && i < len(e.Members) {
			b.note("%s.%s left out: %s", e.Name, memberName(e.Members[i]), why)
			e.Members = slices.Delete(e.Members, i, i+1)
		} else {
			b.note("entity %s left out: %s", e.Name, why)
			m.Entities = slices.Delete(m.Entities, best.idx, best.idx+1)
		}
	case "rule":
		pr, r := parsed.Rules[best.idx], m.Rules[best.idx]
		if i := stmtAt(pr.Body, line); i >= 0 && i < len(r.Body) {
			if _, isEnsures := r.Body[i].(*allium.Ensures); !isEnsures || countEnsures(r.Body) > 1 {
				b.note("rule %s: %s clause left out: %s", r.Name, clauseKind(r.Body[i]), why)
				r.Body = slices.Delete(r.Body, i, i+1)
				return true
			}
		}
		b.note("rule %s left out: %s", r.Name, why)
		m.Rules = slices.Delete(m.Rules, best.idx, best.idx+1)
	case "surface":
		ps, s := parsed.Surfaces[best.idx], m.Surfaces[best.idx]
		for i, it := range ps.Provides {
			if it.Info().Pos.Line == line && i < len(s.Provides) && len(s.Provides) > 1 {
				b.note("surface %s: an entry left out: %s", s.Name, why)
				s.Provides = slices.Delete(s.Provides, i, i+1)
				return true
			}
		}
		b.note("surface %s left out: %s", s.Name, why)
		m.Surfaces = slices.Delete(m.Surfaces, best.idx, best.idx+1)
	}
	return true
}

func memberAt(list []allium.EntityMember, line int) int {
	best := -1
	for i, mem := range list {
		if p := mem.Info().Pos; p.Line > 0 && p.Line <= line {
			best = i
		}
	}
	return best
}

func stmtAt(list []allium.Stmt, line int) int {
	best := -1
	for i, s := range list {
		if p := s.Info().Pos; p.Line > 0 && p.Line <= line {
			best = i
		}
	}
	return best
}

func countEnsures(list []allium.Stmt) int {
	n := 0
	for _, s := range list {
		if _, ok := s.(*allium.Ensures); ok {
			n++
		}
	}
	return n
}

func clauseKind(s allium.Stmt) string {
	switch s.(type) {
	case *allium.Let:
		return "let"
	case *allium.Requires:
		return "requires"
	case *allium.Ensures:
		return "ensures"
	}
	return strings.ToLower(fmt.Sprintf("%T", s))
}

func memberName(mem allium.EntityMember) string {
	switch x := mem.(type) {
	case *allium.Field:
		return x.Name
	case *allium.Relationship:
		return x.Name
	case *allium.Derived:
		return x.Name
	}
	return "member"
}
