package distill

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// noteWriter is the handler whose rule a "left out of rule" note was
// written for: where it is and what it is called.
type noteWriter struct {
	path string
	line int
	fn   string
}

func (rc *ruleCtx) noteWriter() noteWriter {
	h := rc.h
	return noteWriter{path: h.file.Path, line: h.fn.Line, fn: h.label()}
}

// label names a handler in a note: its function, or its trigger when the
// function was written in place and has no name of its own. A mutation
// whose resolver a base class holds (every one of a service's mutations
// may run one BaseMutation.mutate) is named with its class, or every
// mutation's note would name the same mutate.
func (h *handler) label() string {
	if h.mutation && h.class != nil && h.fn.Name != "" && !slices.ContainsFunc(h.class.Methods, func(m facts.Function) bool { return m.Name == h.fn.Name }) {
		return h.class.Name + "'s " + h.fn.Name
	}
	return cmp.Or(h.fn.Name, h.name)
}

// namePrintedRules rewrites each "left out of rule R" note whose rule R
// the spec does not print (its handler stated nothing, or the rule was
// merged into another or dropped later) to name the handler the code
// was left out of instead: a reader looking for rule R would find none.
// The handler may still have rules of other names (one per change its
// request asks for, key_splits.go), so the note says no more than where.
func (b *builder) namePrintedRules(m *allium.Module) {
	printed := map[string]bool{}
	for _, r := range m.Rules {
		printed[r.Name] = true
	}
	const marker = " left out of rule "
	for note, writers := range b.ruleNoteWriters {
		i := strings.LastIndex(note, marker)
		if i < 0 || printed[note[i+len(marker):]] || !b.notes[note] {
			continue
		}
		delete(b.notes, note)
		for _, w := range writers {
			b.notes[fmt.Sprintf("%s left out of handler %s (%s:%d)", note[:i], w.fn, w.path, w.line)] = true
		}
	}
}

// unfollowedCall records a call of the handler being walked that the
// walk could not follow (a save of a value it could not read, or a call
// made for its effect to nothing the catalog or the service defines): a
// handler that states nothing says that what such calls do is unread,
// not that it does nothing.
func (b *builder) unfollowedCall(e *facts.Expr) {
	what := e.Raw()
	if what == "" {
		return
	}
	if !slices.Contains(b.unfollowed, what) {
		b.unfollowed = append(b.unfollowed, what)
	}
}

// unfollowedList names the calls a handler could not follow, the first
// three of them and how many more.
func unfollowedList(calls []string) string {
	const shown = 3
	if len(calls) > shown {
		return strings.Join(calls[:shown], ", ") + " and " + itoa(len(calls)-shown) + " more"
	}
	return strings.Join(calls, ", ")
}
