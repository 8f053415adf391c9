package syntax

import (
	"context"
	"time"
)

// Pool hands out Parsers to worker goroutines: one Parser per worker, so
// each tree-sitter parser (one per grammar inside it) is used by one
// goroutine at a time.
type Pool struct {
	free chan *Parser
}

// NewPool returns a pool of size Parsers with the given per-file timeout.
func NewPool(size int, timeout time.Duration) *Pool {
	if size < 1 {
		size = 1
	}
	p := &Pool{free: make(chan *Parser, size)}
	for range size {
		p.free <- NewParser(timeout)
	}
	return p
}

// Get waits for a free Parser or for ctx to end.
func (p *Pool) Get(ctx context.Context) (*Parser, error) {
	select {
	case ps := <-p.free:
		return ps, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// TryGet returns a free Parser if there is one, without waiting.
func (p *Pool) TryGet() (*Parser, bool) {
	select {
	case ps := <-p.free:
		return ps, true
	default:
		return nil, false
	}
}

// Put returns a Parser taken with Get or TryGet.
func (p *Pool) Put(ps *Parser) { p.free <- ps }

// Close closes every Parser in the pool; all must have been returned.
func (p *Pool) Close() {
	for {
		select {
		case ps := <-p.free:
			ps.Close()
		default:
			return
		}
	}
}
