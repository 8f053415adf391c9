package compare

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// Variant is one implementation's spec.
type Variant struct {
	ID     string // "repo/service" or the file name
	File   string
	Module *allium.Module
}

// Options tune a comparison.
type Options struct {
	// Required returns how many of n variants must hold a construct for it
	// to be shared; nil means all n.
	Required func(n int) int
	// WholeKinds leaves an entity whose kinds a field tells apart whole
	// instead of meeting other variants' entity per kind
	// (splitDiscriminated). internal/score sets it: it counts each spec's
	// constructs as written, and a split would count one entity (and its
	// fields) once per kind.
	WholeKinds bool
}

// Presence is one variant's side of an aligned construct. LocalName is the
// variant's own name (clauses: requires#N in the variant's numbering;
// triggers: as the summary names them). Value is the variant's default for
// a config parameter, its type for a field or relationship, its values for
// an enum, its normal form (after renaming to canonical names: what it is
// matched on, not a quote; the report quotes the variant's own text) for a
// clause, the trigger kind for a trigger.
type Presence struct {
	Variant   string `json:"variant"`
	Present   bool   `json:"present"`
	LocalName string `json:"local_name,omitempty"`
	Value     string `json:"value,omitempty"`
}

// Aligned is one construct matched across variants, under canonical names.
type Aligned struct {
	Kind     string     `json:"kind"`
	Name     string     `json:"name"`
	Parent   string     `json:"parent,omitempty"`
	InShared bool       `json:"in_shared"`
	Variants []Presence `json:"variants"`

	texts      []string   // per variant: printed text after renaming
	owns       []string   // per variant: the same as its own spec writes it ("" when not found)
	provs      []*provRef // per variant: where it stands
	parents    []string   // per variant: the local name of the owner
	sharedText string     // the text kept in the shared spec
	keys       []string   // per variant: what it is matched on (a clause's normal form)
	sharedKey  string     // the same of the shared text
	depth      int        // 0 for top-level constructs
}

// ConstructRef names a construct the way internal/pipeline's summary rows do.
type ConstructRef struct {
	Kind, Parent, Name string
}

// Result is the outcome of a comparison.
type Result struct {
	// Shared is the shared spec; it passes allium.Check without errors.
	Shared *allium.Module
	// Variants are the variant IDs, sorted; every per-variant slice follows
	// this order.
	Variants []string
	// Files are the variants' spec files.
	Files []string
	// Required is how many variants a construct needed to be shared.
	Required int
	// Aligned lists every construct found in any variant, parents before
	// their members and clauses.
	Aligned []Aligned
	// Similarity[i][j] is the share of constructs variants i and j have in
	// common: |both| / |either| over aligned constructs.
	Similarity [][]float64
	// DifferingOutcomes names the rules whose trigger the quorum aligns
	// but whose outcomes agree in nothing, not even in general form: they
	// are not in the shared spec, and the report lists each variant's
	// outcomes.
	DifferingOutcomes []string
	// Notes say where the shared spec keeps the majority's way of what the
	// variants do differently (a let bound to different values).
	Notes []string
	// Dropped lists shared-spec constructs removed because the checker
	// rejected them, as "kind name: message".
	Dropped []string
}

// Compare aligns the variants and derives their shared spec. It fails only
// for unusable input: no variants, an empty or duplicate ID, a nil module.
func Compare(variants []Variant, opt Options) (*Result, error) {
	if len(variants) == 0 {
		return nil, errors.New("compare: no variants")
	}
	vs := append([]Variant(nil), variants...)
	sort.Slice(vs, func(i, j int) bool { return vs[i].ID < vs[j].ID })
	for i, v := range vs {
		if v.ID == "" {
			return nil, fmt.Errorf("compare: variant from %q has no ID", v.File)
		}
		if i > 0 && vs[i-1].ID == v.ID {
			return nil, fmt.Errorf("compare: duplicate variant ID %q", v.ID)
		}
		if v.Module == nil {
			return nil, fmt.Errorf("compare: variant %q has no module", v.ID)
		}
	}
	n := len(vs)
	req := n
	if opt.Required != nil {
		req = min(max(opt.Required(n), 1), n)
	}
	c := &comparison{n: n, req: req, vs: vs, wholeKinds: opt.WholeKinds}
	c.run()
	return c.result(), nil
}

// comparison holds the working state of one Compare call.
type comparison struct {
	n, req     int
	wholeKinds bool // Options.WholeKinds
	vs         []Variant
	mods       []*allium.Module // renamed copies
	rn         []*renamer

	entities, enums, config, rules, wholes []*group
	shared                                 *allium.Module
	spec                                   *sharedSpec
	sharedTypes                            map[string]bool         // type names the shared spec declares
	derived                                []map[string]derivation // per variant: derived values clause keys expand (derived.go)
	valuelessEnums                         map[string]bool         // shared enums whose variants share no value
	dropped                                []string
	// differing are rule groups the quorum holds whose outcomes agree in
	// nothing, not even in general form: the report lists them.
	differing []*group
	// notes say where the shared spec keeps one variant's way of a thing
	// the variants do differently (a let bound to different values).
	notes     []string
	variables map[string]bool // names the variants bind (checkOptions)
	// lifetimes are config parameters a general outcome reads that not
	// every variant declares (generalLifetime), with the note that says
	// each variant's lifetime.
	lifetimes map[string]string
	// lifetimeNames are the names the shared spec gives those of them
	// fewer than the quorum declare: the field they bound's (generalLifetime).
	lifetimeNames map[string]string
	// origins map each construct of a renamed copy to the variant's own
	// (copyWithOrigins), so the report quotes what the variant's spec says.
	origins []map[allium.Node]allium.Node
}

func (c *comparison) run() {
	c.mods = make([]*allium.Module, c.n)
	c.rn = make([]*renamer, c.n)
	c.origins = make([]map[allium.Node]allium.Node, c.n)
	for i, v := range c.vs {
		c.mods[i], c.origins[i] = copyWithOrigins(v.Module)
		c.rn[i] = &renamer{}
	}
	if !c.wholeKinds {
		splitDiscriminated(c.mods, c.origins)
	}
	c.alignTypes()
	c.alignMembersAndConfig()
	c.derived = make([]map[string]derivation, c.n)
	for v, m := range c.mods {
		c.derived[v] = uniformDerived(m)
	}
	c.alignRules()
	c.alignWholes()
	c.decide()
	c.build()
	c.repair()
}

// alignTypes aligns entities, external entities, value types and enums, then
// renames type references in every variant to the canonical names.
func (c *comparison) alignTypes() {
	entUnits := func(kind string, pick func(m *allium.Module) []typeDecl) []*group {
		per := make([][]*unit, c.n)
		for v, m := range c.mods {
			for i, d := range pick(m) {
				u := &unit{v: v, kind: kind, local: d.name, seq: i, node: d.node, tokens: nameTokens(d.name),
					prov: d.node.Info().Prov, pos: d.node.Info().Pos}
				for _, f := range d.feats {
					u.feat = append(u.feat, nameTokens(f)...)
				}
				u.feat = sortedSet(u.feat)
				u.keys = union(u.tokens, u.feat)
				u.value = d.value
				per[v] = append(per[v], u)
			}
		}
		gs := cluster(kind, c.n, per, typeSimilarity, 0.5)
		sortByFirstSeen(gs)
		return gs
	}
	c.entities = append(c.entities, entUnits(summary.KindExternalEntity, func(m *allium.Module) []typeDecl { return entityDecls(m.Externals) })...)
	c.entities = append(c.entities, entUnits(summary.KindValue, func(m *allium.Module) []typeDecl {
		var out []typeDecl
		for _, v := range m.Values {
			out = append(out, typeDecl{v.Name, v, memberNames(v.Members), ""})
		}
		return out
	})...)
	c.entities = append(c.entities, entUnits(summary.KindEntity, func(m *allium.Module) []typeDecl { return entityDecls(m.Entities) })...)
	c.enums = entUnits(summary.KindEnum, func(m *allium.Module) []typeDecl {
		var out []typeDecl
		for _, e := range m.Enums {
			var vals []string
			for _, ev := range e.Values {
				vals = append(vals, ev.Name)
			}
			out = append(out, typeDecl{e.Name, e, vals, allium.EnumString(e.Values)})
		}
		return out
	})
	for _, g := range append(append([]*group{}, c.entities...), c.enums...) {
		for _, u := range g.members {
			if u != nil && u.local != g.name {
				r := c.rn[u.v]
				if r.types == nil {
					r.types = map[string]string{}
				}
				r.types[u.local] = g.name
			}
		}
	}
	for v, m := range c.mods {
		(&renamer{types: c.rn[v].types}).module(m)
	}
}

// typeSimilarity scores two entities (or enums): 0.4·name +
// 0.6·overlap(member stems). Without a common name stem, fewer than three
// member stems on either side are too little evidence and score 0; with
// names that differ, an entity of few fields is judged mostly by name. A
// type declared with no members (an entity a variant only names) has no
// members to weigh: it is the same type when the name stems are the same.
func typeSimilarity(a, b *unit) float64 {
	name := sameOr(a.local, b.local, a.tokens, b.tokens)
	if len(a.feat) == 0 || len(b.feat) == 0 {
		if name == 1 {
			return 1
		}
		return 0
	}
	few := min(len(a.feat), len(b.feat))
	if name == 0 && few < 3 {
		return 0
	}
	ov := overlap(a.feat, b.feat)
	if name < 1 && few < 3 && a.kind != summary.KindEnum {
		// One or two fields, all shared, say little when the names
		// differ, so the name weighs more and the fields in proportion:
		// DRF's Token{user} is an AuthToken{user, key, created}, not an
		// EmailVerificationToken{user, expires_at, used} for sharing a
		// stem and a user. (An enum's values are its identity.)
		return 0.6*name + 0.4*ov*float64(few)/3
	}
	return 0.4*name + 0.6*ov
}

type typeDecl struct {
	name  string
	node  allium.Node
	feats []string
	value string
}

func entityDecls(list []*allium.Entity) []typeDecl {
	var out []typeDecl
	for _, e := range list {
		out = append(out, typeDecl{e.Name, e, memberNames(e.Members), ""})
	}
	return out
}

func memberNames(list []allium.EntityMember) []string {
	var out []string
	for _, m := range list {
		if name, kind := memberKey(m); kind != "" {
			out = append(out, name)
		}
	}
	return out
}

// memberKey gives an entity member's row name and kind. Transitions are not
// summary rows; they are aligned under the kind "transitions".
func memberKey(m allium.EntityMember) (name, kind string) {
	switch x := m.(type) {
	case *allium.Field:
		return x.Name, summary.KindField
	case *allium.Relationship:
		return x.Name, summary.KindRelationship
	case *allium.Projection:
		return x.Name, summary.KindProjection
	case *allium.Derived:
		return x.Name, summary.KindDerived
	case *allium.Invariant:
		return x.Name, summary.KindInvariant
	case *allium.Transitions:
		return x.Field, kindTransitions
	}
	return "", ""
}

const kindTransitions = "transitions"

// sameDefaultBonus is what the same default adds to the likeness of two
// config parameters.
const sameDefaultBonus = 0.2

func sameOr(a, b string, ta, tb []string) float64 {
	if a == b {
		return 1
	}
	return dice(ta, tb)
}

// alignMembersAndConfig aligns the members of each aligned entity and the
// config parameters, then renames fields and parameters to canonical names.
func (c *comparison) alignMembersAndConfig() {
	for _, g := range c.entities {
		per := make([][]*unit, c.n)
		for v, eu := range g.members {
			if eu == nil {
				continue
			}
			members := entityMembers(eu.node)
			for i, mem := range members {
				if f := constantField(mem, members); f != nil {
					mem = f
				}
				name, kind := memberKey(mem)
				u := &unit{v: v, kind: kind, local: name, parent: eu.local, seq: i, node: mem,
					tokens: nameTokens(name), prov: mem.Info().Prov, pos: mem.Info().Pos}
				switch x := mem.(type) {
				case *allium.Field:
					u.typ = allium.TypeString(x.Type)
				case *allium.Relationship:
					u.typ = x.Entity
				}
				u.keys = u.tokens
				if u.typ != "" {
					// Lets sole references (user: User ~ account: User)
					// meet as candidates.
					u.keys = union(u.tokens, []string{"\x00" + u.typ})
				}
				per[v] = append(per[v], u)
			}
			markSoleReferences(per[v])
		}
		g.children = cluster("", c.n, per, memberSim, 0.55)
		for _, ch := range g.children {
			ch.kind = ch.seed.kind
			ch.parent = g
		}
		sortByFirstSeen(g.children)
		for _, ch := range g.children {
			for _, u := range ch.members {
				if u == nil || u.local == ch.name || ch.kind == kindTransitions {
					continue
				}
				r := c.rn[u.v]
				if r.fields == nil {
					r.fields = map[string]map[string]string{}
				}
				if r.fields[g.name] == nil {
					r.fields[g.name] = map[string]string{}
				}
				r.fields[g.name][u.local] = ch.name
			}
		}
	}
	// A field name renames everywhere in the variant only when every entity
	// of the variant that has it agrees on the canonical name.
	for v, r := range c.rn {
		seen := map[string]string{}
		ambiguous := map[string]bool{}
		for _, g := range c.entities {
			if g.members[v] == nil {
				continue
			}
			for _, ch := range g.children {
				if u := ch.members[v]; u != nil && ch.kind != kindTransitions {
					if prev, ok := seen[u.local]; ok && prev != ch.name {
						ambiguous[u.local] = true
					}
					seen[u.local] = ch.name
				}
			}
		}
		for local, canon := range seen {
			if !ambiguous[local] && local != canon {
				if r.global == nil {
					r.global = map[string]string{}
				}
				r.global[local] = canon
			}
		}
	}

	per := make([][]*unit, c.n)
	for v, m := range c.mods {
		for i, p := range m.Config {
			u := &unit{v: v, kind: summary.KindConfig, local: p.Name, seq: i, node: p, tokens: nameTokens(p.Name),
				typ: allium.TypeString(p.Type), prov: p.Prov, pos: p.Pos}
			if p.Default != nil {
				u.value = allium.ExprString(p.Default)
			}
			u.keys = u.tokens
			per[v] = append(per[v], u)
		}
	}
	c.config = cluster(summary.KindConfig, c.n, per, func(a, b *unit) float64 {
		s := 0.7*sameOr(a.local, b.local, a.tokens, b.tokens) + 0.3*typeSim(a.typ, b.typ)
		if a.value != "" && a.value == b.value && s > 0 {
			// Names that half agree say which parameter is meant only
			// with the value: user_session_freshness_ttl = 1.hour is
			// session_freshness = 1.hour rather than user_session_ttl =
			// 31.days. The value alone aligns nothing (many are 1.hour).
			s += sameDefaultBonus
		}
		return s
	}, 0.55)
	sortByFirstSeen(c.config)
	for _, g := range c.config {
		for _, u := range g.members {
			if u != nil && u.local != g.name {
				r := c.rn[u.v]
				if r.config == nil {
					r.config = map[string]string{}
				}
				r.config[u.local] = g.name
			}
		}
	}
	for v, m := range c.mods {
		r := c.rn[v]
		(&renamer{fields: r.fields, global: r.global, config: r.config}).module(m)
	}
	for _, g := range c.entities {
		for _, ch := range g.children {
			for _, u := range ch.members {
				if u != nil {
					u.text = allium.PrintConstruct(u.node)
					u.value = memberValue(u.node)
				}
			}
		}
	}
	for _, g := range c.config {
		for _, u := range g.members {
			if u != nil {
				p := u.node.(*allium.ConfigParam)
				u.typ = allium.TypeString(p.Type)
				if p.Default != nil {
					u.value = allium.ExprString(p.Default)
				}
				u.text = allium.PrintConstruct(p)
			}
		}
	}
}

// constantField reads a derived value that is one enum literal
// (template: email_update) as the field it is, holding that one value in
// every instance, so that it meets the other variants' field of the name
// (template: login | sudo_code | ...). Anything else, a bare name of another
// member among them, returns nil.
func constantField(mem allium.EntityMember, members []allium.EntityMember) *allium.Field {
	d, ok := mem.(*allium.Derived)
	if !ok || len(d.Params) > 0 || d.When != nil {
		return nil
	}
	id, ok := d.Value.(*allium.Ident)
	if !ok || !lowerFirst(id.Name) {
		return nil
	}
	switch id.Name {
	case "true", "false", "null", "now", "this":
		return nil
	}
	for _, m := range members {
		if n, _ := memberKey(m); n == id.Name {
			return nil
		}
	}
	return &allium.Field{Meta: d.Meta, Name: d.Name, Type: &allium.Type{Enum: []allium.EnumValue{{Name: id.Name}}}}
}

func entityMembers(n allium.Node) []allium.EntityMember {
	switch x := n.(type) {
	case *allium.Entity:
		return x.Members
	case *allium.ValueType:
		return x.Members
	}
	return nil
}

func memberValue(n allium.Node) string {
	switch x := n.(type) {
	case *allium.Field:
		return allium.TypeString(x.Type)
	case *allium.Relationship:
		return x.Entity
	}
	return ""
}

func memberSim(a, b *unit) float64 {
	if a.kind != b.kind {
		return 0
	}
	name := sameOr(a.local, b.local, a.tokens, b.tokens)
	if isExpiry(a.tokens) != isExpiry(b.tokens) {
		// A deadline is never the time something happened:
		// reset_token_expires is reset_password_expires, not
		// password_reset (when the password was last reset), however
		// many words the latter shares.
		name /= 2
	}
	if a.soleRef && b.soleRef && a.typ == b.typ {
		// user: User and account: Account, once Account is aligned with
		// User, are the same reference whatever they are called.
		name = max(name, 0.9)
	}
	switch a.kind {
	case summary.KindField, summary.KindRelationship:
		return 0.7*name + 0.3*typeSim(a.typ, b.typ)
	}
	return name
}

// isExpiry reports a name that marks a deadline (expires_at, expiry,
// ttl: all stem to "expir").
func isExpiry(tokens []string) bool {
	return slices.Contains(tokens, "expir")
}

// typeSim is 1 for equal types, 0.5 when only optionality or an inline
// enum's values differ, else 0.
func typeSim(a, b string) float64 {
	switch {
	case a == b:
		return 1
	case strings.TrimSuffix(a, "?") == strings.TrimSuffix(b, "?"):
		return 0.5
	case strings.Contains(a, "|") && strings.Contains(b, "|"):
		return 0.5
	}
	return 0
}

// alignRules aligns rules by name, trigger, what they touch and their
// clauses (all after renaming), then renames triggers, trigger parameters
// and rules, then aligns each rule's clauses.
func (c *comparison) alignRules() {
	per := make([][]*unit, c.n)
	envs := make([]*typeEnv, c.n)
	for v, m := range c.mods {
		envs[v] = newTypeEnv(m)
	}
	for v, m := range c.mods {
		orig := c.vs[v].Module.Rules
		for i, r := range m.Rules {
			u := &unit{v: v, kind: summary.KindRule, local: orig[i].Name, seq: i, node: r,
				tokens: nameTokens(orig[i].Name), prov: r.Prov, pos: r.Pos}
			if orig[i].Trigger != nil {
				u.orig = triggerKey(orig[i].Trigger)
			}
			if r.Trigger != nil {
				if r.Trigger.Kind == allium.TriggerExternal {
					u.trig = r.Trigger.Name
					// The stimulus is its name and what it carries:
					// ForgotPassword(email) is nearer a user's
					// reset request (org, email) than an admin's (admin,
					// user).
					tk := nameTokens(r.Trigger.Name)
					for _, p := range r.Trigger.Params {
						tk = append(tk, nameTokens(p.Name)...)
					}
					u.trigTk = sortedSet(tk)
				} else {
					u.trig = triggerKey(r.Trigger)
					u.trigTk = textTokens(u.trig)
				}
			}
			var touched, texts []string
			allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
				for _, e := range allium.StmtExprs(s) {
					allium.Inspect(e, func(x allium.Expr) bool {
						switch x := x.(type) {
						case *allium.Member:
							touched = append(touched, "."+x.Name)
						case *allium.Ident:
							if startsUpper(x.Name) {
								touched = append(touched, x.Name)
							}
						}
						return true
					})
				}
				return true
			})
			for _, s := range r.Body {
				texts = append(texts, clauseKey(s))
			}
			u.feat, u.feat2 = sortedSet(touched), sortedSet(texts)
			primary, detail := map[string]bool{}, map[string]bool{}
			env := envs[v].forRule(r)
			allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
				if e, ok := s.(*allium.Ensures); ok {
					for _, st := range e.Body {
						env.effects(st, primary, detail)
					}
					return false
				}
				return true
			})
			u.effects, u.effDetail = sortedKeys(primary), sortedKeys(detail)
			u.keys = union(union(u.tokens, u.trigTk), u.effects)
			per[v] = append(per[v], u)
		}
	}
	c.rules = cluster(summary.KindRule, c.n, per, ruleSim, 0.5)
	c.rules = pairLeftovers(c.rules, ruleSim, leftoverFloor)
	nameGroups(c.rules)
	sortByFirstSeen(c.rules)

	// A trigger parameter read for fields only one entity of its variant
	// declares is of that entity: its fields take their canonical names,
	// and it pairs with a parameter of the same type (typedParams).
	ptypes := make([]map[*allium.Rule]map[string]string, c.n)
	for _, g := range c.rules {
		for _, u := range g.members {
			if u == nil {
				continue
			}
			if ptypes[u.v] == nil {
				ptypes[u.v] = map[*allium.Rule]map[string]string{}
			}
			rule := u.node.(*allium.Rule)
			ptypes[u.v][rule] = c.typedParams(u.v, c.vs[u.v].Module.Rules[u.seq], rule)
		}
	}
	// Trigger names and parameters follow the rule's representative; each
	// group's external trigger is the name its members use (distinctNames:
	// no two groups take one name).
	trigCounts := make([]map[string]int, len(c.rules))
	for i, g := range c.rules {
		trigCounts[i] = map[string]int{}
		for _, u := range g.members {
			if u != nil && u.trig != "" && u.node.(*allium.Rule).Trigger.Kind == allium.TriggerExternal {
				trigCounts[i][u.trig]++
			}
		}
	}
	canonTrigs := distinctNames(trigCounts)
	for gi, g := range c.rules {
		repV := g.representative().v
		rep := g.representative().node.(*allium.Rule)
		repUses := paramUses(rep)
		if repUses == nil {
			repUses = map[string][]string{}
		}
		for p, t := range ptypes[repV][rep] {
			repUses[p] = append(repUses[p], "type "+t)
		}
		canonTrig := canonTrigs[gi]
		for _, u := range g.members {
			if u == nil {
				continue
			}
			r := c.rn[u.v]
			rule := u.node.(*allium.Rule)
			if u.local != g.name {
				if r.rules == nil {
					r.rules = map[string]string{}
				}
				r.rules[u.local] = g.name
			}
			t := rule.Trigger
			if t != nil && rep.Trigger != nil && t.Kind == rep.Trigger.Kind && t.Kind != allium.TriggerExternal &&
				t.Binding != "" && rep.Trigger.Binding != "" && t.Binding != rep.Trigger.Binding && !ruleBindings(rule)[rep.Trigger.Binding] &&
				r.typeName(t.Entity()) == c.rn[repV].typeName(rep.Trigger.Entity()) {
				// member: OrganizationUser.created and organization_user:
				// OrganizationUser.created bind the same instance (of
				// entities the alignment holds for one).
				if r.params == nil {
					r.params = map[*allium.Rule]map[string]string{}
				}
				r.params[rule] = map[string]string{t.Binding: rep.Trigger.Binding}
				continue
			}
			if t == nil || t.Kind != allium.TriggerExternal || rep.Trigger == nil || rep.Trigger.Kind != allium.TriggerExternal {
				continue
			}
			if canonTrig != "" && t.Name != canonTrig {
				if r.trigger == nil {
					r.trigger = map[string]string{}
				}
				if _, taken := r.trigger[t.Name]; !taken {
					r.trigger[t.Name] = canonTrig
				}
			}
			uses := paramUses(rule)
			if uses == nil {
				uses = map[string][]string{}
			}
			for p, t := range ptypes[u.v][rule] {
				uses[p] = append(uses[p], "type "+t)
			}
			matched := matchParams(t.Params, rep.Trigger.Params, uses, repUses)
			for from, to := range matched {
				if r.params == nil {
					r.params = map[*allium.Rule]map[string]string{}
				}
				if r.params[rule] == nil {
					r.params[rule] = map[string]string{}
				}
				r.params[rule][from] = to
			}
			if u != g.representative() {
				actingParams(rule, rep.Trigger.Params, matched, repUses)
			}
		}
	}
	for v, m := range c.mods {
		r := c.rn[v]
		c.bindingRenames(v, m)
		(&renamer{trigger: r.trigger, rules: r.rules, params: r.params}).module(m)
	}
	for _, g := range c.rules {
		letRenames(g)
		forRenames(g)
		inlineAliases(g)
	}

	for _, g := range c.rules {
		trig := &group{kind: summary.KindTrigger, parent: g, members: make([]*unit, c.n)}
		cper := make([][]*unit, c.n)
		for v, u := range g.members {
			if u == nil {
				continue
			}
			rule := u.node.(*allium.Rule)
			u.text = allium.PrintConstruct(rule)
			if rule.Trigger != nil {
				trig.members[v] = &unit{v: v, kind: summary.KindTrigger, local: u.orig, parent: u.local,
					node: rule.Trigger, text: triggerKey(rule.Trigger), value: rule.Trigger.Kind.String(),
					prov: rule.Trigger.Prov, pos: rule.Trigger.Pos}
			}
			cper[v] = clauseUnits(v, u.local, rule.Body, c.derived[v], liftGuard(g, v))
			env := envs[v].forRule(rule)
			for _, cu := range cper[v] {
				if cu.kind == summary.KindEnsures {
					primary, detail := map[string]bool{}, map[string]bool{}
					for _, st := range cu.node.(*allium.Ensures).Body {
						env.effects(st, primary, detail)
					}
					cu.effects, cu.effDetail = sortedKeys(primary), sortedKeys(detail)
				}
			}
		}
		clauses := cluster("", c.n, cper, clauseSim, 0.5)
		for _, ch := range clauses {
			ch.kind = ch.seed.kind
			ch.parent = g
		}
		sortByFirstSeen(clauses)
		numberClauses(clauses)
		if trig.first() != nil {
			trig.seed = trig.first()
			trig.name = triggerKey(trig.representativeFor(g).node.(*allium.Trigger))
			g.children = append(g.children, trig)
		}
		g.children = append(g.children, clauses...)
	}
}

// representativeFor picks the member belonging to the same variant as the
// parent's representative, so a trigger is named like its rule.
func (g *group) representativeFor(parent *group) *unit {
	if u := g.members[parent.representative().v]; u != nil {
		return u
	}
	return g.first()
}

// triggerKey is the summary's trigger name: the name of an external trigger,
// the printed condition of any other.
func triggerKey(t *allium.Trigger) string {
	if t.Kind == allium.TriggerExternal {
		return t.Name
	}
	return strings.TrimSpace(allium.TriggerString(t))
}

// leftoverFloor is how much two rules no other pairing claims must
// resemble each other to be one (pairLeftovers).
const leftoverFloor = 0.4

// ruleSim weighs what a rule does most: 0.2·name + 0.3·trigger + 0.3·effects
// (Jaccard of the primary effects of its ensures: fields set, entities
// created or removed, triggers emitted) + 0.1·fields and types touched +
// 0.1·clauses in normal form. Verify and UserVerifiesEmail that both set
// is_email_verified align; two rules that share only a name do not.
func ruleSim(a, b *unit) float64 {
	trig := 0.0
	if a.trig == b.trig {
		trig = 1
	} else {
		trig = dice(a.trigTk, b.trigTk)
	}
	eff := 0.0
	if len(a.effects)+len(b.effects) > 0 {
		eff = jaccard(a.effects, b.effects)
	}
	return 0.2*sameOr(a.local, b.local, a.tokens, b.tokens) + 0.3*trig + 0.3*eff + 0.1*jaccard(a.feat, b.feat) + 0.1*jaccard(a.feat2, b.feat2)
}

// typedParams infers the entity of each of a rule's trigger parameters
// from the fields the rule reads through it: when two or more are read and
// exactly one entity of the variant (as written) declares them all, the
// parameter is of that entity. Reads through it (p.f) are renamed, in the
// working copy, to the entity's canonical field names, which the renamer
// could not do for a field name other entities of the variant also use
// (verification.email, where EmailVerification.email is new_email and
// User.email is email). It returns the canonical type by parameter.
func (c *comparison) typedParams(v int, orig, rule *allium.Rule) map[string]string {
	if orig.Trigger == nil || orig.Trigger.Kind != allium.TriggerExternal || rule.Trigger == nil ||
		len(orig.Trigger.Params) != len(rule.Trigger.Params) {
		return nil
	}
	read := map[string]map[string]bool{}
	for _, p := range orig.Trigger.Params {
		read[p.Name] = map[string]bool{}
	}
	allium.WalkStmts(orig.Body, func(s allium.Stmt) bool {
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				if m, ok := x.(*allium.Member); ok {
					if id, ok := m.X.(*allium.Ident); ok && read[id.Name] != nil {
						read[id.Name][m.Name] = true
					}
				}
				return true
			})
		}
		return true
	})
	m := c.vs[v].Module
	ents := append(append([]*allium.Entity{}, m.Externals...), m.Entities...)
	out := map[string]string{}
	renames := map[string]map[string]string{} // working name -> local field -> canonical (fields are keyed by canonical type)
	r := c.rn[v]
	for i, p := range orig.Trigger.Params {
		fields := read[p.Name]
		if len(fields) < 2 {
			continue
		}
		var found []string
		for _, e := range ents {
			has := map[string]bool{}
			for _, mem := range e.Members {
				if n, _ := memberKey(mem); n != "" {
					has[n] = true
				}
			}
			all := true
			for f := range fields {
				all = all && has[f]
			}
			if all {
				found = append(found, e.Name)
			}
		}
		if len(found) != 1 {
			continue
		}
		out[rule.Trigger.Params[i].Name] = r.typeName(found[0])
		renames[rule.Trigger.Params[i].Name] = r.fields[r.typeName(found[0])]
	}
	if len(renames) == 0 {
		return out
	}
	allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				if m, ok := x.(*allium.Member); ok {
					if id, ok := m.X.(*allium.Ident); ok {
						if to, ok := renames[id.Name][m.Name]; ok {
							m.Name = to
						}
					}
				}
				return true
			})
		}
		return true
	})
	return out
}

// matchParams pairs a rule's trigger parameters with the representative's:
// equal names first, then names that share a stem (new_password ~
// password), best first, then what is left by position. It returns the
// renames (local -> representative) of the pairs whose names differ.
func matchParams(local, rep []allium.TriggerParam, localUses, repUses map[string][]string) map[string]string {
	out := map[string]string{}
	usedL, usedR := make([]bool, len(local)), make([]bool, len(rep))
	for i, p := range local {
		for j, q := range rep {
			if !usedR[j] && p.Name == q.Name {
				usedL[i], usedR[j] = true, true
				break
			}
		}
	}
	type pair struct {
		i, j int
		s    float64
	}
	var pairs []pair
	for i, p := range local {
		for j, q := range rep {
			if usedL[i] || usedR[j] || p.Name == "_" || q.Name == "_" {
				continue
			}
			if s := nameSim(p.Name, q.Name); s >= 0.5 {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	take := func() {
		// Pairs as alike by stems are told apart by their written names:
		// password goes with new_password rather than new_password2
		// (digits are no stems), whichever order the triggers list them.
		sort.SliceStable(pairs, func(a, b int) bool {
			if pairs[a].s != pairs[b].s {
				return pairs[a].s > pairs[b].s
			}
			pa, pb := pairs[a], pairs[b]
			return sharedEnds(local[pa.i].Name, rep[pa.j].Name) > sharedEnds(local[pb.i].Name, rep[pb.j].Name)
		})
		for _, p := range pairs {
			if usedL[p.i] || usedR[p.j] {
				continue
			}
			usedL[p.i], usedR[p.j] = true, true
			out[local[p.i].Name] = rep[p.j].Name
		}
		pairs = pairs[:0]
	}
	take()
	// Then by use: two parameters the rules read the same way (the same
	// fields of them, the same argument of the same call, the same join
	// field) are one, whatever each variant called it — `actor` and
	// `user` both passed to verify(...) and read for .email.
	for i, p := range local {
		for j, q := range rep {
			if usedL[i] || usedR[j] || p.Name == "_" || q.Name == "_" {
				continue
			}
			if s := jaccard(localUses[p.Name], repUses[q.Name]); s >= 0.34 {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	take()
	// Whatever is left pairs by position among the leftovers, so that
	// reset_token and token still read alike when nothing else tells.
	var li, ri []int
	for i := range local {
		if !usedL[i] && local[i].Name != "_" {
			li = append(li, i)
		}
	}
	for j := range rep {
		if !usedR[j] && rep[j].Name != "_" {
			ri = append(ri, j)
		}
	}
	if len(local) == len(rep) {
		for k := 0; k < len(li) && k < len(ri); k++ {
			out[local[li[k]].Name] = rep[ri[k]].Name
		}
	}
	// A rename onto a name the rule keeps for another parameter would
	// capture it.
	for _, p := range local {
		if _, renamed := out[p.Name]; renamed {
			continue
		}
		for from, to := range out {
			if to == p.Name {
				delete(out, from)
			}
		}
	}
	return out
}

// sharedEnds is how many bytes a and b have in common at their start and
// at their end (together at most the shorter one's length).
func sharedEnds(a, b string) int {
	n := min(len(a), len(b))
	pre := 0
	for pre < n && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < n-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	return pre + suf
}

// actingParams reads a parameter of a member's trigger that pairs with
// none of the representative's as the field of the same name of a
// representative's parameter nothing pairs with, when the representative
// reads that field of it: flask-base's change-email request takes the
// signed-in user as a parameter, user (app/account/views.py:158, current_user),
// where django-healthchecks and polar take the session and read session.user
// (hc/accounts/views.py, polar's auth subject); the one user is then
// session.user in all three, and their creations of the token for it
// (user: user, user: session.user) meet. The member's trigger takes the
// session's name in place of the parameter. Nothing changes when the
// member binds either name otherwise (a let, a for, a lambda).
func actingParams(rule *allium.Rule, rep []allium.TriggerParam, matched map[string]string, repUses map[string][]string) {
	taken := map[string]bool{}
	for _, to := range matched {
		taken[to] = true
	}
	own := map[string]bool{}
	for _, p := range rule.Trigger.Params {
		own[p.Name] = true
	}
	repNames := map[string]bool{}
	for _, q := range rep {
		repNames[q.Name] = true
	}
	for i, p := range rule.Trigger.Params {
		if _, ok := matched[p.Name]; ok || repNames[p.Name] || p.Name == "_" {
			continue
		}
		for _, q := range rep {
			if taken[q.Name] || own[q.Name] || !slices.Contains(repUses[q.Name], "."+p.Name) ||
				rebinds(rule, p.Name) || rebinds(rule, q.Name) {
				continue
			}
			substituteParam(rule, p.Name, q.Name)
			rule.Trigger.Params[i].Name = q.Name
			taken[q.Name], own[q.Name] = true, true
			break
		}
	}
}

// rebinds reports whether a rule binds name other than as a trigger
// parameter: a let, a for variable, a lambda's parameter.
func rebinds(rule *allium.Rule, name string) bool {
	found := false
	allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
		switch x := s.(type) {
		case *allium.Let:
			found = found || x.Name == name
		case *allium.For:
			found = found || x.Var == name
		}
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				if l, ok := x.(*allium.Lambda); ok && l.Param == name {
					found = true
				}
				return !found
			})
		}
		return !found
	})
	return found
}

// substituteParam writes every read of parameter p in the rule as q.p.
func substituteParam(rule *allium.Rule, p, q string) {
	field := func() allium.Expr { return &allium.Member{X: &allium.Ident{Name: q}, Name: p} }
	allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
		allium.SetStmtExprs(s, func(e allium.Expr) allium.Expr {
			return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
				switch y := x.(type) {
				case *allium.Ident:
					if y.Name == p {
						return field(), true
					}
				case *allium.Join:
					for i := range y.Fields {
						if y.Fields[i].Value == nil && y.Fields[i].Name == p {
							y.Fields[i].Value = field() // User{user} reads the parameter
						}
					}
				}
				return x, false
			})
		})
		return true
	})
}

// paramUses describes how a rule uses each of its trigger parameters: the
// fields read through it (".email"), the calls it is an argument of
// ("verify#0", "Session.created:user"), the join fields it looks up
// ("User{email}"), each use once, sorted. matchParams pairs parameters of
// different names by it.
func paramUses(r *allium.Rule) map[string][]string {
	if r == nil || r.Trigger == nil {
		return nil
	}
	params := map[string]bool{}
	for _, p := range r.Trigger.Params {
		params[p.Name] = true
	}
	uses := map[string][]string{}
	param := func(e allium.Expr) string {
		if id, ok := e.(*allium.Ident); ok && params[id.Name] {
			return id.Name
		}
		return ""
	}
	visit := func(e allium.Expr) {
		allium.Inspect(e, func(x allium.Expr) bool {
			switch y := x.(type) {
			case *allium.Member:
				if p := param(y.X); p != "" {
					uses[p] = append(uses[p], "."+y.Name)
				}
			case *allium.Call:
				fn := allium.ExprString(y.Fun)
				for i, a := range y.Args {
					if p := param(a.Value); p != "" {
						key := a.Name
						if key == "" {
							key = strconv.Itoa(i)
						}
						uses[p] = append(uses[p], fn+"#"+key)
					}
				}
			case *allium.Join:
				for _, f := range y.Fields {
					p := param(f.Value)
					if f.Value == nil && params[f.Name] {
						p = f.Name
					}
					if p != "" {
						uses[p] = append(uses[p], y.Entity+"{"+f.Name+"}")
					}
				}
			}
			return true
		})
	}
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		if req, ok := s.(*allium.Requires); ok {
			// requires: exists target: the row the request names, which
			// a variant may call user.
			if u, ok := req.Cond.(*allium.Unary); ok && u.Op == allium.OpExists {
				if p := param(u.X); p != "" {
					uses[p] = append(uses[p], "requires exists")
				}
			}
		}
		for _, e := range allium.StmtExprs(s) {
			visit(e)
		}
		return true
	})
	for p, us := range uses {
		uses[p] = sortedSet(us)
	}
	return uses
}

// clauseUnits lists a rule's let, requires and ensures clauses, numbered
// like the summary's rows; clauses of a rule-level for carry the for. A
// requires of several conjuncts is one unit per conjunct, an ensures block
// of several statements one unit per statement (all under the clause's
// number), so that `requires: a and b` meets two requires and an outcome
// meets the same outcome written in a clause of its own.
func clauseUnits(v int, rule string, body []allium.Stmt, derived map[string]derivation, lift bool) []*unit {
	var out []*unit
	req, ens := 0, 0
	add := func(s, whole allium.Stmt, part, parts int, kind, local string, f *allium.For) {
		u := &unit{v: v, parent: rule, seq: len(out), node: s, forOf: f, prov: whole.Info().Prov, pos: whole.Info().Pos,
			kind: kind, local: local, whole: whole, part: part, parts: parts}
		u.ownText = func(orig func(allium.Node) allium.Node) string {
			w, _ := orig(whole).(allium.Stmt)
			own := ownPart(w, part, parts)
			if own == nil {
				return ""
			}
			return ownForHead(f, orig) + printBare(own)
		}
		u.text = printBare(s)
		u.key = clauseKey(expandDerived(s, derived))
		u.readsDerived = u.key != clauseKey(s)
		if f != nil {
			head := "for " + f.Var + " in " + allium.ExprString(f.Coll) + ": "
			u.text = head + u.text
			u.key = "for " + f.Var + " in " + exprKey(f.Coll) + ": " + u.key
		}
		u.value = u.key
		u.feat = textTokens(u.key)
		out = append(out, u)
	}
	var guarded *allium.Ensures
	if lift {
		guarded = guardedOutcomes(body)
	}
	var walk func(list []allium.Stmt, f *allium.For)
	walk = func(list []allium.Stmt, f *allium.For) {
		for _, s := range list {
			switch x := s.(type) {
			case *allium.Let:
				add(s, s, 0, 1, summary.KindLet, x.Name, f)
			case *allium.Ensures:
				if x != guarded {
					break
				}
				// `ensures: if C: A B` as the rule's only outcome does
				// what `requires: C` and `ensures: A`, `ensures: B` do:
				// nothing when C fails, A and B when it holds. Its
				// parts are units of those kinds, so they meet the
				// variants that write it so; the report says how this
				// variant writes it.
				br := x.Body[0].(*allium.If).Branches[0]
				head := "ensures: if " + oneLine(allium.ExprString(br.Cond)) + ": ..."
				for i, c := range conjuncts(br.Cond) {
					req++
					// The first part carries the clause's comments, which
					// the if written back takes (joinGuarded).
					p := &allium.Requires{Meta: x.Meta, Cond: c}
					if i > 0 {
						p.Meta.Doc, p.Meta.Comment, p.Meta.Blank = nil, "", false
					}
					add(p, p, 0, 1, summary.KindRequires, "requires#"+strconv.Itoa(req), f)
					out[len(out)-1].text += "  (written " + head + ")"
					out[len(out)-1].guard = true
					out[len(out)-1].ownText = ownGuardPart(x, f, i, -1)
				}
				for _, st := range br.Body {
					ens++
					p := &allium.Ensures{Meta: x.Meta, Body: []allium.Stmt{st}}
					p.Meta.Doc, p.Meta.Comment, p.Meta.Blank = nil, "", false
					add(p, p, 0, 1, summary.KindEnsures, "ensures#"+strconv.Itoa(ens), f)
					out[len(out)-1].text += "  (written " + head + ")"
					out[len(out)-1].guardConds = conjuncts(br.Cond)
					out[len(out)-1].ownText = ownGuardPart(x, f, -1, indexOf(br.Body, st))
				}
				continue
			}
			switch x := s.(type) {
			case *allium.Requires:
				req++
				local := "requires#" + strconv.Itoa(req)
				parts := conjuncts(x.Cond)
				if len(parts) == 1 {
					add(s, s, 0, 1, summary.KindRequires, local, f)
					continue
				}
				for i, c := range parts {
					p := &allium.Requires{Meta: x.Meta, Cond: c}
					if i > 0 {
						p.Meta.Doc, p.Meta.Comment, p.Meta.Blank = nil, "", false
					}
					add(p, s, i, len(parts), summary.KindRequires, local, f)
				}
			case *allium.Ensures:
				ens++
				local := "ensures#" + strconv.Itoa(ens)
				if len(x.Body) <= 1 {
					add(s, s, 0, 1, summary.KindEnsures, local, f)
					continue
				}
				for i, st := range x.Body {
					p := &allium.Ensures{Meta: x.Meta, Body: []allium.Stmt{st}}
					if i > 0 {
						p.Meta.Doc, p.Meta.Comment, p.Meta.Blank = nil, "", false
					}
					add(p, s, i, len(x.Body), summary.KindEnsures, local, f)
				}
			case *allium.For:
				walk(x.Body, x)
			}
		}
	}
	walk(body, nil)
	return out
}

// ownPart is the part-th of parts of the variant's own clause w, split
// like clauseUnits splits the renamed copy; nil when w is not found or
// splits otherwise.
func ownPart(w allium.Stmt, part, parts int) allium.Stmt {
	if w == nil || parts <= 1 {
		return w
	}
	switch x := w.(type) {
	case *allium.Requires:
		if cs := conjuncts(x.Cond); len(cs) == parts {
			return &allium.Requires{Meta: x.Meta, Cond: cs[part]}
		}
	case *allium.Ensures:
		if len(x.Body) == parts {
			return &allium.Ensures{Meta: x.Meta, Body: []allium.Stmt{x.Body[part]}}
		}
	}
	return nil
}

// ownForHead is the head of the variant's own rule-level for a clause
// stands in ("for s in user.sessions: "), "" outside one.
func ownForHead(f *allium.For, orig func(allium.Node) allium.Node) string {
	if f == nil {
		return ""
	}
	if of, ok := orig(f).(*allium.For); ok {
		return "for " + of.Var + " in " + allium.ExprString(of.Coll) + ": "
	}
	// Not found: a marker no spec holds rather than the renamed head.
	return "for ?: "
}

// ownGuardPart prints, as the variant writes it, the cond-th conjunct of
// the guard of `ensures: if C: ...` (as a requires) or, when cond < 0, the
// stmt-th statement under it (as an ensures), with the guard the clause is
// written under.
func ownGuardPart(x *allium.Ensures, f *allium.For, cond, stmt int) func(func(allium.Node) allium.Node) string {
	return func(orig func(allium.Node) allium.Node) string {
		oe, ok := orig(x).(*allium.Ensures)
		if !ok || len(oe.Body) != 1 {
			return ""
		}
		oif, ok := oe.Body[0].(*allium.If)
		if !ok || len(oif.Branches) != 1 {
			return ""
		}
		br := oif.Branches[0]
		var part allium.Stmt
		cs := conjuncts(br.Cond)
		switch {
		case cond >= 0 && cond < len(cs):
			part = &allium.Requires{Cond: cs[cond]}
		case cond < 0 && stmt >= 0 && stmt < len(br.Body):
			part = &allium.Ensures{Body: []allium.Stmt{br.Body[stmt]}}
		default:
			return ""
		}
		return ownForHead(f, orig) + printBare(part) + "  (written ensures: if " + oneLine(allium.ExprString(br.Cond)) + ": ...)"
	}
}

func indexOf(list []allium.Stmt, s allium.Stmt) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// liftGuard reports whether variant v's rule in group g writes its only
// outcome under a guard (guardedOutcomes) that another variant's rule
// states as a requires, or as a guard of its own only outcome, in normal
// form: then the guard is read as that requires, so the clauses meet one
// by one. A guard no other variant shares stays as written.
func liftGuard(g *group, v int) bool {
	u := g.members[v]
	if u == nil {
		return false
	}
	e := guardedOutcomes(u.node.(*allium.Rule).Body)
	if e == nil {
		return false
	}
	want := map[string]bool{}
	for _, c := range conjuncts(e.Body[0].(*allium.If).Branches[0].Cond) {
		want[clauseKey(&allium.Requires{Cond: c})] = true
	}
	for w, o := range g.members {
		if w == v || o == nil {
			continue
		}
		found := false
		if oe := guardedOutcomes(o.node.(*allium.Rule).Body); oe != nil {
			// Both guard their outcomes alike: read as requires, the
			// outcomes meet one by one rather than as one if.
			for _, c := range conjuncts(oe.Body[0].(*allium.If).Branches[0].Cond) {
				found = found || want[clauseKey(&allium.Requires{Cond: c})]
			}
			if found {
				return true
			}
			continue
		}
		allium.WalkStmts(o.node.(*allium.Rule).Body, func(s allium.Stmt) bool {
			if r, ok := s.(*allium.Requires); ok {
				for _, c := range conjuncts(r.Cond) {
					if want[clauseKey(&allium.Requires{Cond: c})] {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// guardedOutcomes returns the ensures of a rule body that is the rule's only
// outcome and is one `if` with a single branch and no else: a guard on
// everything the rule does (clauseUnits reads it as requires and
// ensures). A rule with another ensures, or an if with an else, acts when
// the condition fails, so its if is left as written.
func guardedOutcomes(body []allium.Stmt) *allium.Ensures {
	var found *allium.Ensures
	n := 0
	allium.WalkStmts(body, func(s allium.Stmt) bool {
		if e, ok := s.(*allium.Ensures); ok {
			n++
			found = e
			return false
		}
		return true
	})
	if n != 1 || !hasStmt(body, found) || len(found.Body) != 1 {
		return nil
	}
	st, ok := found.Body[0].(*allium.If)
	if !ok || len(st.Branches) != 1 || st.Else != nil || len(st.Branches[0].Body) == 0 {
		return nil
	}
	return found
}

// hasStmt reports whether s is one of the statements of list itself (not
// nested in a for).
func hasStmt(list []allium.Stmt, s allium.Stmt) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// printBare prints a clause without its comments, for the report.
func printBare(s allium.Stmt) string {
	cp := deepCopy(s)
	allium.WalkStmts([]allium.Stmt{cp}, func(st allium.Stmt) bool {
		st.Info().Doc, st.Info().Comment = nil, ""
		return true
	})
	return allium.PrintConstruct(cp)
}

// clauseSim scores two clauses of the same kind: 1 when their normal forms
// are equal; ensures by what they do (0.7·effects, the primary effects
// weighing three quarters, + 0.3·Dice of the words); lets of different
// names at most 0.5; else the Dice of their words.
func clauseSim(a, b *unit) float64 {
	if a.kind != b.kind {
		return 0
	}
	if a.key == b.key {
		return 1
	}
	s := dice(a.feat, b.feat)
	switch a.kind {
	case summary.KindLet:
		if a.local != b.local {
			return 0.5 * s
		}
		return 0.5 + 0.5*s
	case summary.KindEnsures:
		if len(a.effects) == 0 && len(b.effects) == 0 {
			return s
		}
		eff := 0.75 * jaccard(a.effects, b.effects)
		if len(a.effDetail)+len(b.effDetail) > 0 {
			eff += 0.25 * jaccard(a.effDetail, b.effDetail)
		} else {
			eff += 0.25 * jaccard(a.effects, b.effects)
		}
		return 0.7*eff + 0.3*s
	}
	return s
}

// numberClauses gives clause groups canonical names: lets keep their name,
// requires and ensures are numbered in order.
func numberClauses(gs []*group) {
	req, ens := 0, 0
	for _, g := range gs {
		switch g.kind {
		case summary.KindRequires:
			req++
			g.name = "requires#" + strconv.Itoa(req)
		case summary.KindEnsures:
			ens++
			g.name = "ensures#" + strconv.Itoa(ens)
		}
	}
}

// builtinTypes are the reference's built-in types; a field of any other
// named type refers to an entity, value or enum.
var builtinTypes = map[string]bool{
	"String": true, "Integer": true, "Decimal": true, "Boolean": true, "Timestamp": true,
	"Duration": true, "Date": true, "Set": true, "List": true, "Sequence": true,
}

// markSoleReferences flags the fields that are their entity's only field of
// a given declared type.
func markSoleReferences(us []*unit) {
	count := map[string]int{}
	for _, u := range us {
		if u.kind == summary.KindField {
			count[u.typ]++
		}
	}
	for _, u := range us {
		base := strings.TrimSuffix(u.typ, "?")
		if u.kind == summary.KindField && count[u.typ] == 1 && startsUpper(base) && !builtinTypes[base] && !strings.Contains(base, "<") {
			u.soleRef = true
		}
	}
}

// letRenames gives a let that binds the same value as a let of the group's
// representative the representative's name, throughout its rule, so that a
// renamed local variable (`let membership = ...` against
// `let admin_member = ...`) is not reported as a difference. Values are
// compared in normal form (User{email: lower(email)} ~ User{email}); a let
// whose value differs but has the same shape (a lookup of the same entity,
// the same navigation x.user) takes the name when it is the only one of
// that shape on both sides. It runs after the module-wide renames, so
// values compare in canonical names; a name already bound in the rule is
// never taken.
func letRenames(g *group) {
	rep := g.representative()
	if rep == nil {
		return
	}
	repByValue := map[string]string{} // value key -> name
	repByShape := map[string][]string{}
	repNames := map[string]bool{}
	allium.WalkStmts(rep.node.(*allium.Rule).Body, func(s allium.Stmt) bool {
		if l, ok := s.(*allium.Let); ok {
			k := exprKey(l.Value)
			if _, dup := repByValue[k]; !dup {
				repByValue[k] = l.Name
			}
			if sh := letShape(l.Value); sh != "" {
				repByShape[sh] = append(repByShape[sh], l.Name)
			}
			repNames[l.Name] = true
		}
		return true
	})
	for _, u := range g.members {
		if u == nil || u == rep {
			continue
		}
		rule := u.node.(*allium.Rule)
		bound := ruleBindings(rule)
		renames := map[string]string{}
		byShape := map[string][]*allium.Let{}
		allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
			if l, ok := s.(*allium.Let); ok {
				if sh := letShape(l.Value); sh != "" {
					byShape[sh] = append(byShape[sh], l)
				}
			}
			return true
		})
		take := func(from, to string) {
			if from == to || bound[to] || renames[from] != "" {
				return
			}
			renames[from] = to
			bound[to] = true
		}
		allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
			if l, ok := s.(*allium.Let); ok && !repNames[l.Name] {
				if name, ok := repByValue[exprKey(l.Value)]; ok {
					take(l.Name, name)
				}
			}
			return true
		})
		allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
			if l, ok := s.(*allium.Let); ok && !repNames[l.Name] && renames[l.Name] == "" {
				sh := letShape(l.Value)
				if sh != "" && len(byShape[sh]) == 1 && len(repByShape[sh]) == 1 {
					take(l.Name, repByShape[sh][0])
				}
			}
			return true
		})
		if len(renames) > 0 {
			(&renamer{params: map[*allium.Rule]map[string]string{rule: renames}}).rule(rule)
		}
	}
}

// letShape is what kind of value a let binds, ignoring how: "join User",
// "created User", ".user" for a navigation ending in user, or "" when
// nothing tells.
func letShape(e allium.Expr) string {
	switch x := e.(type) {
	case *allium.Join:
		return "join " + x.Entity
	case *allium.Call:
		if m, ok := x.Fun.(*allium.Member); ok && m.Name == "created" {
			return "created " + allium.RootIdent(m.X)
		}
	case *allium.Member:
		return "." + x.Name
	case *allium.Binary:
		if x.Op == allium.OpCoalesce {
			return letShape(x.X)
		}
	}
	return ""
}

// forRenames gives the variable of a for (rule-level or inside an ensures)
// the name the representative uses for a for over the same collection, or,
// failing that, for the for at the same place among those left: a for's
// variable is its own, and its name says nothing.
func forRenames(g *group) {
	rep := g.representative()
	if rep == nil {
		return
	}
	fors := func(r *allium.Rule) []*allium.For {
		var out []*allium.For
		allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
			if f, ok := s.(*allium.For); ok {
				out = append(out, f)
			}
			return true
		})
		return out
	}
	repFors := fors(rep.node.(*allium.Rule))
	if len(repFors) == 0 {
		return
	}
	for _, u := range g.members {
		if u == nil || u == rep {
			continue
		}
		rule := u.node.(*allium.Rule)
		mine := fors(rule)
		bound := ruleBindings(rule)
		usedRep := make([]bool, len(repFors))
		pair := make([]int, len(mine))
		for i, f := range mine {
			pair[i] = -1
			for j, rf := range repFors {
				if !usedRep[j] && exprKey(f.Coll) == exprKey(rf.Coll) {
					pair[i], usedRep[j] = j, true
					break
				}
			}
		}
		next := 0
		for i := range mine {
			if pair[i] >= 0 {
				continue
			}
			for next < len(repFors) && usedRep[next] {
				next++
			}
			if next < len(repFors) {
				pair[i], usedRep[next] = next, true
			}
		}
		renames := map[string]string{}
		for i, f := range mine {
			if pair[i] < 0 {
				continue
			}
			to := repFors[pair[i]].Var
			if to == f.Var || bound[to] || renames[f.Var] != "" {
				continue
			}
			// The same variable name for two fors is renamed once, for
			// both; it is only a name.
			renames[f.Var] = to
			bound[to] = true
		}
		if len(renames) > 0 {
			(&renamer{params: map[*allium.Rule]map[string]string{rule: renames}}).rule(rule)
		}
	}
}

// ruleBindings lists the names a rule binds: trigger parameters and
// binding, lets and for variables.
func ruleBindings(rule *allium.Rule) map[string]bool {
	bound := map[string]bool{}
	if t := rule.Trigger; t != nil {
		bound[t.Binding] = true
		for _, p := range t.Params {
			bound[p.Name] = true
		}
	}
	allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
		switch x := s.(type) {
		case *allium.Let:
			bound[x.Name] = true
		case *allium.For:
			bound[x.Var] = true
		}
		return true
	})
	return bound
}

// bindingRenames extends each rule's parameter renames with its bindings
// named after a renamed type: in a variant whose Account aligned with User,
// `let account = User{email}` and `when: account: User...` become `user`,
// so clauses read the same as in the variants that say user.
func (c *comparison) bindingRenames(v int, m *allium.Module) {
	r := c.rn[v]
	byType := map[string]string{}
	for local, canon := range r.types {
		if a, b := snakeName(local), snakeName(canon); a != b {
			byType[a] = b
		}
	}
	if len(byType) == 0 {
		return
	}
	for _, rule := range m.Rules {
		add := func(name string) {
			canon, ok := byType[name]
			if !ok {
				return
			}
			if r.params == nil {
				r.params = map[*allium.Rule]map[string]string{}
			}
			if r.params[rule] == nil {
				r.params[rule] = map[string]string{}
			}
			if _, set := r.params[rule][name]; !set {
				r.params[rule][name] = canon
			}
		}
		// A trigger's binding follows its entity's new name only when it
		// is that entity's name: `when: token: PasswordResetToken.expires_at
		// <= now` keeps token when Token becomes AccessToken.
		if t := rule.Trigger; t != nil && t.Binding != "" && (t.Entity() == "" || snakeName(t.Entity()) == t.Binding) {
			add(t.Binding)
		}
		allium.WalkStmts(rule.Body, func(s allium.Stmt) bool {
			if l, ok := s.(*allium.Let); ok {
				add(l.Name)
			}
			return true
		})
	}
}
