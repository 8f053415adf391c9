package pipeline

import (
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// construct is one row-worthy construct of a spec before it is stamped with
// the service's identity.
type construct struct {
	Kind, Parent, Name, Text, Value string
	Number                          *float64 // Value as a number, when it is one
	Prov                            *allium.Provenance
}

// Key identifies the construct within its spec; comparison marks shared
// constructs by it.
func (c construct) Key() string { return c.Kind + "\x00" + c.Parent + "\x00" + c.Name }

// constructs lists a module's constructs in a fixed order: declarations by
// section, each followed by its members or clauses.
func constructs(m *allium.Module) []construct {
	var out []construct
	add := func(kind, parent, name string, n allium.Node, value string) {
		out = append(out, construct{Kind: kind, Parent: parent, Name: name,
			Text: allium.PrintConstruct(n), Value: value, Prov: n.Info().Prov})
	}
	members := func(owner string, list []allium.EntityMember) {
		for _, mem := range list {
			switch x := mem.(type) {
			case *allium.Field:
				add(summary.KindField, owner, x.Name, x, allium.TypeString(x.Type))
			case *allium.Relationship:
				add(summary.KindRelationship, owner, x.Name, x, x.Entity)
			case *allium.Projection:
				add(summary.KindProjection, owner, x.Name, x, "")
			case *allium.Derived:
				add(summary.KindDerived, owner, x.Name, x, "")
			case *allium.Invariant:
				add(summary.KindInvariant, owner, x.Name, x, "")
			}
		}
	}
	for _, e := range m.Externals {
		add(summary.KindExternalEntity, "", e.Name, e, "")
		members(e.Name, e.Members)
	}
	for _, v := range m.Values {
		add(summary.KindValue, "", v.Name, v, "")
		members(v.Name, v.Members)
	}
	for _, c := range m.Contracts {
		add(summary.KindContract, "", c.Name, c, "")
	}
	for _, e := range m.Enums {
		add(summary.KindEnum, "", e.Name, e, allium.EnumString(e.Values))
	}
	for _, e := range m.Entities {
		add(summary.KindEntity, "", e.Name, e, "")
		members(e.Name, e.Members)
	}
	for _, v := range m.Variants {
		add(summary.KindEntity, "", v.Name, v, v.Base)
		members(v.Name, v.Members)
	}
	for _, c := range m.Config {
		value := ""
		if c.Default != nil {
			value = allium.ExprString(c.Default)
		}
		add(summary.KindConfig, "", c.Name, c, value)
		if n, ok := numberValue(c.Default); ok {
			out[len(out)-1].Number = &n
		}
	}
	for _, d := range m.Defaults {
		add(summary.KindDefault, "", d.Name, d, d.Type)
	}
	for _, r := range m.Rules {
		add(summary.KindRule, "", r.Name, r, "")
		if r.Trigger != nil {
			add(summary.KindTrigger, r.Name, triggerName(r.Trigger), r.Trigger, r.Trigger.Kind.String())
		}
		clauses(r.Name, r.Body, add)
	}
	for _, inv := range m.Invariants {
		add(summary.KindInvariant, "", inv.Name, inv, "")
	}
	for _, a := range m.Actors {
		add(summary.KindActor, "", a.Name, a, "")
	}
	for _, s := range m.Surfaces {
		add(summary.KindSurface, "", s.Name, s, "")
		for _, e := range s.Provides {
			if it, ok := e.(*allium.SurfaceItem); ok {
				add(summary.KindProvides, s.Name, allium.RootIdent(it.X), it, "")
			}
		}
	}
	for _, d := range m.Deferred {
		add(summary.KindDeferred, "", d.Name, d, "")
	}
	for i, q := range m.OpenQuestions {
		add(summary.KindOpenQuestion, "", "question#"+strconv.Itoa(i+1), q, q.Text)
	}
	return out
}

// clauses adds a rule's let, requires and ensures clauses, numbering
// requires and ensures within the rule ("requires#2"). Rule-level for
// bodies are walked so their clauses are counted too.
func clauses(rule string, body []allium.Stmt, add func(kind, parent, name string, n allium.Node, value string)) {
	req, ens := 0, 0
	var walk func([]allium.Stmt)
	walk = func(list []allium.Stmt) {
		for _, s := range list {
			switch x := s.(type) {
			case *allium.Let:
				add(summary.KindLet, rule, x.Name, x, "")
			case *allium.Requires:
				req++
				add(summary.KindRequires, rule, "requires#"+strconv.Itoa(req), x, "")
			case *allium.Ensures:
				ens++
				add(summary.KindEnsures, rule, "ensures#"+strconv.Itoa(ens), x, "")
			case *allium.For:
				walk(x.Body)
			}
		}
	}
	walk(body)
}

// triggerName is the trigger's name for external triggers and its printed
// condition otherwise.
func triggerName(t *allium.Trigger) string {
	if t.Kind == allium.TriggerExternal {
		return t.Name
	}
	return strings.TrimSpace(allium.TriggerString(t))
}

// constructRow stamps a construct with its service's identity.
func constructRow(s *ServiceResult, c construct, inShared *bool) summary.ConstructRow {
	commit := s.Commit
	if s.Status == StatusStale {
		commit = s.LastGoodCommit // the rows describe the kept spec's commit
	}
	row := summary.ConstructRow{
		Repo: s.Repo, Commit: commit, Service: s.Service,
		Group: optString(s.Group), Kind: c.Kind, Parent: optString(c.Parent),
		Name: c.Name, Text: c.Text, Value: optString(c.Value), ValueNumber: c.Number,
		InShared: inShared,
	}
	if c.Prov != nil && c.Prov.File != "" {
		row.SourceFile = optString(c.Prov.File)
		line := int32(c.Prov.Line)
		row.SourceLine = &line
	}
	return row
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Seconds per duration unit. Months and years have no fixed length; 30 and
// 365 days are what a person comparing expiry settings would assume.
var unitSeconds = map[string]float64{
	"second": 1, "seconds": 1,
	"minute": 60, "minutes": 60,
	"hour": 3600, "hours": 3600,
	"day": 86400, "days": 86400,
	"week": 7 * 86400, "weeks": 7 * 86400,
	"month": 30 * 86400, "months": 30 * 86400,
	"year": 365 * 86400, "years": 365 * 86400,
}

// numberValue evaluates a literal default to a number: durations in
// seconds, numbers as written, with negation and arithmetic over literals.
func numberValue(e allium.Expr) (float64, bool) {
	switch x := e.(type) {
	case *allium.Lit:
		if x.Kind != allium.LitNumber {
			return 0, false
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(x.Text, "_", ""), 64)
		return f, err == nil
	case *allium.Duration:
		f, err := strconv.ParseFloat(strings.ReplaceAll(x.Value, "_", ""), 64)
		unit, ok := unitSeconds[x.Unit]
		return f * unit, err == nil && ok
	case *allium.Unary:
		if x.Op == allium.OpNeg {
			f, ok := numberValue(x.X)
			return -f, ok
		}
	case *allium.Binary:
		a, okA := numberValue(x.X)
		b, okB := numberValue(x.Y)
		if !okA || !okB {
			return 0, false
		}
		switch x.Op {
		case allium.OpAdd:
			return a + b, true
		case allium.OpSub:
			return a - b, true
		case allium.OpMul:
			return a * b, true
		case allium.OpDiv:
			return a / b, b != 0
		}
	}
	return 0, false
}
