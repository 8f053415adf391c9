package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// settingTemplate names a message after the setting that holds its
// subject or body, when the service reads that text from a named setting
// (subject = get_config("password_reset_subject") or DEFAULT_SUBJECT):
// the key minus the argument it fills (password_reset) is what the code
// calls the message, a better name than the function that happens to send
// it (forgot_password). A word naming the sink's own entity is dropped
// (successful_registration_email of an Email is successful_registration).
// The text is read where a function that sends the message assigns the
// local named like the sink's argument (subject = ...), innermost first;
// only a key that ends with the argument's name counts: that suffix is the
// evidence the setting is this message's text.
func (rc *ruleCtx) settingTemplate(names []string, entity string, sc *scope) string {
	for i := len(sc.stack) - 1; i >= 0; i-- {
		fr := rc.b.ix.funcs[sc.stack[i]]
		if fr == nil {
			continue
		}
		for _, n := range names {
			if strings.HasPrefix(n, "#") {
				continue
			}
			var keys []string
			for _, x := range assignedAtTop(fr.fn.Body(), n) {
				for _, k := range rc.settingKeys(x) {
					if strings.HasSuffix(k, "_"+n) && !slices.Contains(keys, k) {
						keys = append(keys, k)
					}
				}
			}
			if len(keys) != 1 {
				continue
			}
			t := strings.TrimSuffix(keys[0], "_"+n)
			word := snake(entity)
			t = strings.TrimPrefix(strings.TrimSuffix(t, "_"+word), word+"_")
			if t != "" && isSnake(t) && len(t) <= 40 {
				return t
			}
		}
	}
	return ""
}

// settingKeys lists the names of the settings e reads through a config
// getter (get_config("x")).
func (rc *ruleCtx) settingKeys(e *facts.Expr) []string {
	if e == nil {
		return nil
	}
	if e.Kind == facts.ExprCall && catalog.MatchAny(rc.b.lang.ConfigGetters, e.Resolved(), e.Raw()) && len(e.Args()) > 0 && e.Args()[0].Kind == facts.ExprString {
		return []string{e.Args()[0].Value()}
	}
	keys := rc.settingKeys(e.X)
	for i := range e.Args() {
		keys = append(keys, rc.settingKeys(&e.Args()[i])...)
	}
	for i := range e.Keywords() {
		keys = append(keys, rc.settingKeys(&e.Keywords()[i].Value)...)
	}
	return keys
}

// assignedAtTop returns the values a function's top-level statements
// assign to the local name.
func assignedAtTop(body []facts.Stmt, name string) []*facts.Expr {
	var out []*facts.Expr
	for i := range body {
		s := &body[i]
		if s.Kind != facts.StmtAssign || s.Value == nil {
			continue
		}
		for _, t := range s.Targets {
			if t.Kind == facts.ExprName && t.Name() == name {
				out = append(out, s.Value)
			}
		}
	}
	return out
}
