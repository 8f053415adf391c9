package manifest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrInvalid matches, through errors.Is, every error that reports a problem
// with a manifest: unreadable file, bad YAML, or a failed check.
var ErrInvalid = errors.New("invalid manifest")

// Problem is one thing wrong with a manifest, at a position in its file.
// Line and Col are 1-based; 0 means unknown (for example a YAML syntax error
// reports a line but no column).
type Problem struct {
	File string
	Line int
	Col  int
	Msg  string
}

// String formats the problem as file:line:col: message, leaving out the
// parts of the position that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// ValidationError lists every problem found in a manifest, sorted by
// position.
type ValidationError struct {
	Problems []Problem
}

// Error lists every problem, one per line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Is reports whether target is ErrInvalid, so that callers can branch on the
// category without knowing the type.
func (e *ValidationError) Is(target error) bool {
	return target == ErrInvalid
}

// sortProblems orders problems by position; problems at the same position
// keep the order in which they were found.
func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}
