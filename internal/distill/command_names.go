package distill

import (
	"strings"
	"unicode"

	"github.com/distill/distill/internal/facts"
)

// Django names a management command after its module, often written run
// together (healthchecks' senddeletionscheduled, sendinactivitynotices).
// The rule is named in the words the command's own code uses: its help
// text, its methods and the names its statements read (deletion_scheduled_date),
// a word's plural included: SendDeletionScheduled. A module name those
// words do not spell whole keeps its plain reading (Senddeletionscheduled).

// commandName is the rule name of the command class c of f.
func commandName(f *facts.File, c *facts.Class) string {
	module := facts.LastSegment(f.Module)
	if strings.ContainsAny(module, "_-") {
		return pascal(module)
	}
	words := commandWords(c)
	if split := segment(strings.ToLower(module), words); split != nil {
		return pascal(strings.Join(split, "_"))
	}
	return pascal(module)
}

// commandWords is the vocabulary of c: the words of its help text and
// docstring, its methods' names and the names, keyword arguments and
// strings their statements read.
func commandWords(c *facts.Class) map[string]bool {
	words := map[string]bool{}
	add := func(text string) {
		for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) >= 2 {
				w = strings.ToLower(w)
				words[w] = true
				words[w+"s"] = true
			}
		}
	}
	add(c.Doc)
	for i := range c.Fields {
		if v := c.Fields[i].Value; v != nil && v.Kind == facts.ExprString {
			add(v.Value())
		}
	}
	for i := range c.Methods {
		m := &c.Methods[i]
		add(m.Name)
		read := func(e *facts.Expr) bool {
			add(e.Name())
			if e.Kind == facts.ExprString {
				add(e.Value())
			}
			for _, k := range e.Keywords() {
				add(k.Name) // deletion_scheduled_date__gt=now()
			}
			return false // visit every part
		}
		facts.Walk(m.Body(), func(s *facts.Stmt) bool {
			s.Value.Any(read)
			s.Cond.Any(read)
			for j := range s.Targets {
				s.Targets[j].Any(read)
			}
			return true
		})
	}
	return words
}

// segment splits s into the fewest words of vocab that spell it whole,
// nil when they cannot.
func segment(s string, vocab map[string]bool) []string {
	// best[i]: the fewest words spelling s[:i], and where the last begins.
	type cut struct{ n, from int }
	best := make([]cut, len(s)+1)
	for i := 1; i <= len(s); i++ {
		best[i] = cut{n: -1}
		for j := 0; j < i; j++ {
			if best[j].n < 0 || !vocab[s[j:i]] {
				continue
			}
			if best[i].n < 0 || best[j].n+1 < best[i].n {
				best[i] = cut{n: best[j].n + 1, from: j}
			}
		}
	}
	if len(s) == 0 || best[len(s)].n < 0 {
		return nil
	}
	var out []string
	for i := len(s); i > 0; i = best[i].from {
		out = append([]string{s[best[i].from:i]}, out...)
	}
	return out
}
