package syntax

import (
	"context"
	"testing"
)

// TestCancelAfterParseDoesNotPoisonParser cancels each parse's context
// right after the parse returns, as a caller does with `defer cancel()`,
// and then parses again with a live context. go-tree-sitter's ParseCtx
// watches the context from a goroutine that may run only after the parse
// has finished; if it then sees the cancellation it sets the parser's
// cancellation flag, and every later parse with that parser halts at once
// and reports a timeout. The first run of distill's end-to-end tests under
// load lost whole services to this.
func TestCancelAfterParseDoesNotPoisonParser(t *testing.T) {
	p := NewParser(0)
	defer p.Close()
	// Large enough that tree-sitter checks the flag during the parse (it
	// looks every hundred operations).
	var src []byte
	for range 200 {
		src = append(src, "def f(x):\n    return x + 1\n"...)
	}
	walk := func(Node) error { return nil }
	for i := range 500 {
		ctx, cancel := context.WithCancel(context.Background())
		if _, err := p.Parse(ctx, Python(), src, walk); err != nil {
			t.Fatalf("iteration %d: parse with a live context: %v", i, err)
		}
		cancel()
	}
}
