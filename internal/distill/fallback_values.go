package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// fallbackValueCatches drops the preconditions the body of a try gained
// from checks that raise what one of its except handlers catches, when
// that handler only gives the local the body assigns another value and
// the request goes on:
//
//	try:
//	    channel_slug = clean_channel(channel, error_class=...).slug
//	except ValidationError:
//	    channel_slug = None
//
// A channel clean_channel refuses leaves channel_slug None; it does not
// refuse the request, so its checks are no preconditions of the rule.
// Only handlers of one assignment of None to the name the body's last
// statement assigns a call's or attribute's value to are read so: a
// handler that does more (sets an error message a later check tests,
// answers the request) or sets a flag (valid = False after valid = True)
// is left to exceptRules.
func (rc *ruleCtx) fallbackValueCatches(s *facts.Stmt, from int, sc *scope) {
	if len(rc.raises) == 0 || from >= len(rc.body) || len(s.Body) == 0 {
		return
	}
	last := &s.Body[len(s.Body)-1]
	if last.Kind != facts.StmtAssign || len(last.Targets) != 1 || last.Targets[0].Kind != facts.ExprName {
		return
	}
	if last.Value == nil || last.Value.Kind != facts.ExprCall && last.Value.Kind != facts.ExprAttr {
		// valid = True ... except: valid = False is a flag a later
		// check reads (CTFd's register, auth.py:302-307), not a value.
		return
	}
	name := last.Targets[0].Name()
	drop := map[int]bool{}
	handlers := s.Handlers()
	for hi := range handlers {
		h := &handlers[hi]
		if len(h.Body) != 1 || h.Body[0].Kind != facts.StmtAssign || len(h.Body[0].Targets) != 1 ||
			h.Body[0].Targets[0].Kind != facts.ExprName || h.Body[0].Targets[0].Name() != name ||
			h.Body[0].Value == nil || h.Body[0].Value.Kind != facts.ExprNone {
			continue
		}
		for i, st := range rc.body[from:] {
			if req, ok := st.(*allium.Requires); ok {
				if t, tagged := rc.raises[req]; tagged && rc.catches(h, t, sc) {
					drop[from+i] = true
				}
			}
		}
	}
	if len(drop) == 0 {
		return
	}
	kept := slices.Clone(rc.body[:from])
	for i := from; i < len(rc.body); i++ {
		if !drop[i] {
			kept = append(kept, rc.body[i])
		}
	}
	rc.body = kept
}
