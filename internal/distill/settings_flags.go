package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A function of the service that takes nothing and answers True or False
// from the deployment's settings alone is a fact about the deployment, not
// behaviour of a request: CTFd's
//
//	def can_send_mail():
//	    return mailserver() or mailgun()
//	def mailserver():
//	    if app.config.get("MAIL_SERVER") and app.config.get("MAIL_PORT"):
//	        return True
//	    if get_config("mail_server") and get_config("mail_port"):
//	        return True
//	    return False
//
// is the Boolean parameter config.can_send_mail, named by the function
// (the spec states the decision, not how the settings make it up). The
// body may only branch on and return settings reads (a catalogued config
// getter given the setting's name), literals, and other such functions of
// the service; it must read at least one setting. Anything else (an
// argument, a query, an effect) leaves the function to be inlined.

// settingsFlag is config.<fn> for a call of such a function, nil when fr
// is not one.
func (rc *ruleCtx) settingsFlag(fr *funcRef) allium.Expr {
	if fr == nil || fr.class != nil || len(fr.fn.Params) != 0 || !isSnake(fr.fn.Name) {
		return nil
	}
	reads := 0
	if !rc.decidesFromSettings(fr, nil, &reads) || reads == 0 {
		return nil
	}
	key := "flag:" + fr.fn.QualName
	ci := rc.b.configByKey[key]
	if ci == nil {
		ci = &configInfo{name: fr.fn.Name, typ: "Boolean", file: fr.file, line: fr.fn.Line, order: len(rc.b.configByKey), runtime: true}
		rc.b.configByKey[key] = ci
	}
	return rc.b.useConfig(ci)
}

// decidesFromSettings reports whether every statement of fr's body is an
// if or a return over settings reads and literals; seen holds the
// functions being checked (no recursion), reads counts the settings read.
func (rc *ruleCtx) decidesFromSettings(fr *funcRef, seen []string, reads *int) bool {
	if slices.Contains(seen, fr.fn.QualName) || len(seen) > 3 {
		return false
	}
	seen = append(seen, fr.fn.QualName)
	var stmts func(list []facts.Stmt) bool
	stmts = func(list []facts.Stmt) bool {
		if len(list) == 0 {
			return false
		}
		for i := range list {
			s := &list[i]
			switch s.Kind {
			case facts.StmtReturn:
				if s.Value == nil || !rc.settingsOnly(fr.file, s.Value, seen, reads) {
					return false
				}
				if rc.namedSettingRead(s.Value) {
					// return get_config("user_mode"): the setting's own
					// value, not a True or False the function decides
					// (CTFd's user_mode(), utils/config/__init__.py:16-17,
					// compared with "users" and "teams" by its callers).
					// Inlined, the call is config.user_mode itself.
					return false
				}
			case facts.StmtIf:
				if !rc.settingsOnly(fr.file, s.Cond, seen, reads) || !stmts(s.Body) || len(s.Else()) > 0 && !stmts(s.Else()) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return stmts(withoutDocstring(fr.fn.Body()))
}

// settingsOnly reports whether e is made of settings reads, literals and
// calls of functions that decide from settings alone.
func (rc *ruleCtx) settingsOnly(f *facts.File, e *facts.Expr, seen []string, reads *int) bool {
	if e == nil {
		return false
	}
	switch e.Kind {
	case facts.ExprBool, facts.ExprNone:
		return true
	case facts.ExprBoolOp:
		return rc.settingsOnly(f, e.X, seen, reads) && rc.settingsOnly(f, e.Y, seen, reads)
	case facts.ExprUnary:
		return e.Op() == "not" && rc.settingsOnly(f, e.X, seen, reads)
	case facts.ExprCall:
		if catalog.MatchAny(rc.b.lang.ConfigGetters, e.Resolved(), e.Raw()) && len(e.Args()) > 0 && e.Args()[0].Kind == facts.ExprString {
			*reads++
			return true
		}
		if len(e.Args()) != 0 || len(e.Keywords()) != 0 {
			return false
		}
		fr := rc.b.ix.function(f, e)
		return fr != nil && fr.class == nil && len(fr.fn.Params) == 0 && rc.decidesFromSettings(fr, seen, reads)
	}
	return false
}

// namedSettingRead reports a catalogued config getter given the setting's name:
// get_config("user_mode").
func (rc *ruleCtx) namedSettingRead(e *facts.Expr) bool {
	return e.Kind == facts.ExprCall && catalog.MatchAny(rc.b.lang.ConfigGetters, e.Resolved(), e.Raw()) && len(e.Args()) > 0 && e.Args()[0].Kind == facts.ExprString
}
