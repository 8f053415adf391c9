package score

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/distill/distill/internal/allium"
)

// Scope names what an expected spec deliberately leaves out. The corpus's
// expected specs state a service's auth flows; the vendored code sometimes
// carries more (CTFd's models module defines forty models, healthchecks'
// hc/api/models.py is the whole check and channel model). Distilling those
// is right, and the expected spec saying nothing of them is right too, so a
// distilled item about them is neither a match nor a mistake: it is outside
// the annotation. Scope lets the person who wrote the expected spec say so,
// each entry with its reason, and Score then leaves such items out of
// precision and counts them apart (Count.OutOfScope). Recall never changes.
type Scope struct {
	// Entities holds code-side entity names (as the distilled spec names
	// them) no expected rule touches.
	Entities map[string]bool
	// Rules holds distilled rule names of flows the expected spec does
	// not cover.
	Rules map[string]bool
	// Fields holds "Entity.field" names (the distilled spec's) of columns
	// of an entity the expected spec keeps, on a topic its header
	// excludes (flaskbb's User.website: "user profile details").
	Fields map[string]bool
	// Config holds distilled config parameter names of a topic the
	// expected spec's header excludes (fastapi-full-stack's
	// max_email_length: "the length limit of emails and names"). The
	// parameter leaves precision, and so does every distilled requires
	// or ensures clause that reads it: the parameter is what such a
	// clause is about.
	Config map[string]bool
}

// scopeLine is "entity Name -- reason", "rule Name -- reason",
// "config name -- reason" or "field Entity.name -- reason"; whether the
// name may hold a dot is the kind's, checked after the match.
var scopeLine = regexp.MustCompile(`^(entity|rule|config|field)\s+([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s+--\s*(\S.*)$`)

// ParseScope reads a scope file: one "entity Name -- reason", "rule Name
// -- reason", "config name -- reason" or "field Entity.name -- reason" per
// line; blank lines and lines starting with "#" are skipped. The reason is
// required, so that every exclusion says why a careful person left it out.
// Errors name the file and line. Whether a listed name exists in the
// distilled spec is not ParseScope's to know: ScoreIn reports field and
// config lines that leave nothing out (Result.StaleScope).
func ParseScope(name string, r io.Reader) (Scope, error) {
	s := Scope{Entities: map[string]bool{}, Rules: map[string]bool{}, Fields: map[string]bool{}, Config: map[string]bool{}}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		m := scopeLine.FindStringSubmatch(text)
		if m == nil || (m[1] == "field") != strings.Contains(m[2], ".") {
			return Scope{}, fmt.Errorf("%s:%d: want \"entity Name -- reason\", \"rule Name -- reason\", \"config name -- reason\" or \"field Entity.name -- reason\", got %q", name, line, text)
		}
		set := s.Entities
		switch m[1] {
		case "rule":
			set = s.Rules
		case "field":
			set = s.Fields
		case "config":
			set = s.Config
		}
		if set[m[2]] {
			return Scope{}, fmt.Errorf("%s:%d: %s %s listed twice", name, line, m[1], m[2])
		}
		set[m[2]] = true
	}
	if err := sc.Err(); err != nil {
		return Scope{}, fmt.Errorf("%s: %w", name, err)
	}
	return s, nil
}

// excluded reports which of the distilled module's constructs are out of
// scope: the entities listed, the rules listed or whose text names at
// least one listed entity and no other declared one, and the config
// parameters listed or only those rules read; fields ("Entity.field")
// listed, and those of an entity in scope whose type or relationship is a listed entity
// (User's grantor: AccessPermission with grantor = this, when
// AccessPermission is listed), since a spec that leaves an entity out
// leaves out the ways to reach it too. A listed field leaves only itself
// out: rules and clauses that mention it still count. A rule that names no entity, or names one in scope, stays
// in: when in doubt an item counts.
func (s Scope) excluded(m *allium.Module) (entities, rules, config, fields map[string]bool) {
	entities, rules, config, fields = map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for f := range s.Fields {
		fields[f] = true
	}
	for c := range s.Config {
		config[c] = true
	}
	declared := map[string]bool{}
	for _, list := range [][]*allium.Entity{m.Entities, m.Externals} {
		for _, e := range list {
			declared[e.Name] = true
			if s.Entities[e.Name] {
				entities[e.Name] = true
			}
		}
	}
	for _, v := range m.Values {
		declared[v.Name] = true
		if s.Entities[v.Name] {
			entities[v.Name] = true
		}
	}
	for _, list := range [][]*allium.Entity{m.Entities, m.Externals} {
		for _, e := range list {
			if entities[e.Name] {
				continue
			}
			for _, mem := range e.Members {
				switch x := mem.(type) {
				case *allium.Field:
					if namesEntity(x.Type, entities) {
						fields[e.Name+"."+x.Name] = true
					}
				case *allium.Relationship:
					if entities[x.Entity] {
						fields[e.Name+"."+x.Name] = true
					}
				}
			}
		}
	}
	texts := make([]string, len(m.Rules))
	for i, r := range m.Rules {
		texts[i] = allium.PrintConstruct(r)
		if s.Rules[r.Name] {
			rules[r.Name] = true
			continue
		}
		out, in := false, false
		for _, w := range identifier.FindAllString(texts[i], -1) {
			if w == r.Name || !declared[w] {
				continue
			}
			if entities[w] {
				out = true
			} else {
				in = true
			}
		}
		if out && !in {
			rules[r.Name] = true
		}
	}
	// A config parameter only out-of-scope rules read is out of scope with
	// them (the name limit of an excluded project rename).
	readIn, readOut := map[string]bool{}, map[string]bool{}
	for i, r := range m.Rules {
		reads := readIn
		if rules[r.Name] {
			reads = readOut
		}
		for _, c := range configRef.FindAllStringSubmatch(texts[i], -1) {
			reads[c[1]] = true
		}
	}
	for c := range readOut {
		if !readIn[c] {
			config[c] = true
		}
	}
	return entities, rules, config, fields
}

// namesEntity reports whether t or one of its arguments (Set<T>, T?) is
// one of the entities.
func namesEntity(t *allium.Type, entities map[string]bool) bool {
	if t == nil {
		return false
	}
	if entities[t.Name] {
		return true
	}
	for _, a := range t.Args {
		if namesEntity(a, entities) {
			return true
		}
	}
	return false
}

var (
	identifier = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	configRef  = regexp.MustCompile(`\bconfig\.([A-Za-z_][A-Za-z0-9_]*)`)
)

// readsConfig reports whether a clause's text reads one of the config
// parameters.
func readsConfig(text string, config map[string]bool) bool {
	for _, c := range configRef.FindAllStringSubmatch(text, -1) {
		if config[c[1]] {
			return true
		}
	}
	return false
}
