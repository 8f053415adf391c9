package distill

import (
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A router of another module mounted only under a module-level condition
// (the FastAPI full-stack template's api/main.py:
//
//	if settings.FASTAPI_ENV == "development":
//	    api_router.include_router(private.router)
//
// ) serves its routes only when the condition holds. The rules of those
// routes do not say so; a note on each does, naming the condition.

// routerMount is a mount of a router under a module-level if.
type routerMount struct {
	file *facts.File
	cond *facts.Stmt // the if
}

// conditionalMounts finds, once per service, the routers the catalog's
// router_mounts calls mount inside a module-level if, by every dotted
// name the mounted router may stand for.
func (b *builder) conditionalMounts() map[string]routerMount {
	if b.mounts != nil {
		return b.mounts
	}
	b.mounts = map[string]routerMount{}
	if len(b.lang.RouterMounts) == 0 {
		return b.mounts
	}
	for _, f := range b.ix.files {
		for i := range f.Statements {
			s := &f.Statements[i]
			if s.Kind != facts.StmtIf {
				continue
			}
			for j := range s.Body {
				c := s.Body[j].Value
				if s.Body[j].Kind != facts.StmtExpr || c == nil || c.Kind != facts.ExprCall || len(c.Args()) == 0 || !catalog.Match(b.lang.RouterMounts, c.Method()) {
					continue
				}
				for _, n := range b.ix.names(f, &c.Args()[0]) {
					if _, seen := b.mounts[n]; !seen {
						b.mounts[n] = routerMount{file: f, cond: s}
					}
				}
			}
		}
	}
	return b.mounts
}

// mountOf is the conditional mount of the router a route decorator of
// file f registers on (router in @router.post(...)), or nil.
func (b *builder) mountOf(f *facts.File, decorator string) *routerMount {
	i := strings.LastIndexByte(decorator, '.')
	if i <= 0 {
		return nil
	}
	mounts := b.conditionalMounts()
	if m, ok := mounts[b.ix.canonical(qual(f.Module, decorator[:i]))]; ok {
		return &m
	}
	return nil
}

// mountNote notes, on a rule whose route is served only under the
// condition its router is mounted under, that the rule does not state it.
func (rc *ruleCtx) mountNote(h *handler) {
	m := h.mount
	if m == nil {
		return
	}
	what := "the condition its router is mounted under"
	if c := m.cond.Cond; c != nil && c.Raw() != "" {
		what += " (" + c.Raw() + ")"
	}
	rc.leaveOutAt(m.file.Path, m.cond.Line(), LeftOutGuard, what)
}
