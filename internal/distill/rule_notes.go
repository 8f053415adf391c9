package distill

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/distill/distill/internal/allium"
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
	// A function written in place has no name of its own.
	return noteWriter{path: h.file.Path, line: h.fn.Line, fn: cmp.Or(h.fn.Name, h.name)}
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
