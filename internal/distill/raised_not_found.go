package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// notFoundRaises are the service's own exception classes that stand for
// a lookup's not-found: each is raised, and nothing else done, in a
// handler of the framework's not-found error (except User.DoesNotExist:
// raise UserNotFound(...)). A caller that catches one around a call of
// such a helper catches the helper's lookup finding nothing, as if it had
// caught DoesNotExist itself. Only classes the service defines count: a
// framework's error raised there (raise ValidationError(...)) also stands
// for every other failure. Computed once, over every file that is not a
// test.
func (b *builder) notFoundRaises() map[*classRef]bool {
	if b.raisedNotFound != nil {
		return b.raisedNotFound
	}
	b.raisedNotFound = map[*classRef]bool{}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		visitFile(f, nil, func(fn *facts.Function) {
			facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
				if s.Kind != facts.StmtTry {
					return true
				}
				for i := range s.Handlers() {
					h := &s.Handlers()[i]
					if h.Type == nil || h.Type.Kind == facts.ExprTuple ||
						!catalog.MatchAny(b.lang.NotFoundErrors, facts.LastSegment(h.Type.Raw()), h.Type.Resolved()) {
						continue
					}
					// The handler is the raise alone: one that does more
					// (logs, falls back) is not a plain not-found.
					if len(h.Body) != 1 || h.Body[0].Kind != facts.StmtRaise || h.Body[0].Value == nil {
						continue
					}
					exc := h.Body[0].Value
					if exc.Kind == facts.ExprCall {
						exc = exc.X
					}
					if exc.Kind != facts.ExprName && exc.Kind != facts.ExprAttr {
						continue
					}
					if cr := b.ix.class(f, exc); cr != nil {
						b.raisedNotFound[cr] = true
					}
				}
				return true
			})
		})
	}
	return b.raisedNotFound
}

// isNotFoundError reports whether an except clause's type is a lookup's
// not-found: the framework's (the catalog's not_found_errors) or one of
// the service's own that a helper raises in its place (notFoundRaises),
// as f names it.
func (b *builder) isNotFoundError(f *facts.File, t *facts.Expr) bool {
	if t == nil || t.Kind == facts.ExprTuple {
		return false
	}
	if catalog.MatchAny(b.lang.NotFoundErrors, facts.LastSegment(t.Raw()), t.Resolved()) {
		return true
	}
	if t.Kind != facts.ExprName && t.Kind != facts.ExprAttr {
		return false
	}
	cr := b.ix.class(f, t)
	return cr != nil && b.notFoundRaises()[cr]
}
