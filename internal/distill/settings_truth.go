package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// settingsHelperTruth decides a call of a service function without
// parameters that only answers from the project's settings, as
// graphql_auth's using_refresh_tokens():
//
//	if (hasattr(settings, "GRAPHQL_JWT")
//	        and settings.GRAPHQL_JWT.get("JWT_LONG_RUNNING_REFRESH_TOKEN", False)
//	        and "graphql_jwt.refresh_token.apps.RefreshTokenConfig" in settings.INSTALLED_APPS):
//	    return True
//	return False
//
// The settings are the module constants of the service's settings module
// (the one that defines the catalog's installed_apps settings), read
// through the catalog's settings object. ok is false for anything else.
func (rc *ruleCtx) settingsHelperTruth(f *facts.File, e *facts.Expr) (truth, ok bool) {
	if e == nil || e.Kind != facts.ExprCall || len(e.Args()) > 0 || len(e.Keywords()) > 0 || e.Method() != "" {
		return false, false
	}
	fr := rc.b.ix.function(f, e)
	if fr == nil || fr.class != nil || len(fr.fn.Params) > 0 {
		return false, false
	}
	consts := rc.b.projectSettings()
	if consts == nil {
		return false, false
	}
	returned := func(s *facts.Stmt) (bool, bool) {
		if s.Kind != facts.StmtReturn {
			return false, false
		}
		return boolLiteral(s.Value)
	}
	body := fr.fn.Body()
	switch {
	case len(body) == 1 && body[0].Kind == facts.StmtReturn:
		// return <condition>
		return rc.b.settingsTruth(body[0].Value, consts)
	case len(body) == 2 && body[0].Kind == facts.StmtIf && len(body[0].Body) == 1 && len(body[0].Else()) == 0:
		// if <condition>: return True
		// return False
		then, okThen := returned(&body[0].Body[0])
		other, okOther := returned(&body[1])
		cond, okCond := rc.b.settingsTruth(body[0].Cond, consts)
		if !okThen || !okOther || !okCond {
			return false, false
		}
		if cond {
			return then, true
		}
		return other, true
	}
	return false, false
}

// boolLiteral is the value of a True or False literal; ok is false for
// anything else.
func boolLiteral(e *facts.Expr) (value, ok bool) {
	if e == nil || e.Kind != facts.ExprBool {
		return false, false
	}
	return e.Value() == "true", true
}

// isTrueLit and isFalseLit report e the literal True, or False.
func isTrueLit(e *facts.Expr) bool {
	v, ok := boolLiteral(e)
	return ok && v
}

func isFalseLit(e *facts.Expr) bool {
	v, ok := boolLiteral(e)
	return ok && !v
}

// projectSettings are the module constants, by name, of the file that
// defines the catalog's installed_apps settings (a Django project's
// settings.py). It is nil when the catalog names no settings object, when
// no file defines them, and when several do (settings per environment:
// which one runs is not in the code).
func (b *builder) projectSettings() map[string]*facts.Expr {
	if b.settingsLooked {
		return b.settingsMemo
	}
	b.settingsLooked = true
	ia := b.lang.InstalledApps
	if ia.Object == "" {
		return nil
	}
	var settingsFile *facts.File
	for _, f := range b.ix.files {
		if !slices.ContainsFunc(f.Constants, func(c facts.Assignment) bool { return slices.Contains(ia.Settings, c.Name) }) {
			continue
		}
		if settingsFile != nil {
			return nil
		}
		settingsFile = f
	}
	if settingsFile == nil {
		return nil
	}
	consts := map[string]*facts.Expr{}
	for i := range settingsFile.Constants {
		if c := &settingsFile.Constants[i]; c.Value != nil {
			consts[c.Name] = c.Value
		}
	}
	b.settingsMemo = consts
	return consts
}

// settingsTruth evaluates a condition made only of reads of the settings
// object: hasattr(settings, "NAME") of a setting the module defines,
// settings.NAME.get("KEY", default) of a dict setting, "value" in
// settings.NAME of a list setting, joined by and, or and not. A setting
// the module does not define may still have the framework's default, so
// a read of it is unknown; and and or are decided by one known side when
// it settles them (False and x is false). ok is false when the condition
// stays unknown or a value read is not a boolean.
func (b *builder) settingsTruth(e *facts.Expr, consts map[string]*facts.Expr) (truth, ok bool) {
	if e == nil {
		return false, false
	}
	object := b.lang.InstalledApps.Object
	setting := func(x *facts.Expr) (*facts.Expr, bool) {
		if x == nil || x.Kind != facts.ExprAttr || x.X == nil || x.X.Resolved() != object {
			return nil, false
		}
		v, found := consts[x.Name()]
		return v, found
	}
	switch e.Kind {
	case facts.ExprBoolOp:
		x, okx := b.settingsTruth(e.X, consts)
		y, oky := b.settingsTruth(e.Y, consts)
		var settles bool // the value of one side that decides the whole
		switch e.Op() {
		case "and":
			settles = false
		case "or":
			settles = true
		default:
			return false, false
		}
		if okx && x == settles || oky && y == settles {
			return settles, true
		}
		if okx && oky {
			return !settles, true
		}
	case facts.ExprUnary:
		if t, ok := b.settingsTruth(e.X, consts); ok && e.Op() == "not" {
			return !t, true
		}
	case facts.ExprCall:
		if obj, attr, ok := b.attrHasCall(e); ok && obj.Resolved() == object {
			if _, found := consts[attr.Value()]; found {
				return true, true
			}
			return false, false
		}
		if e.Method() == "get" && len(e.Args()) >= 1 && len(e.Args()) <= 2 && e.Args()[0].Kind == facts.ExprString {
			d, found := setting(e.X.X)
			if !found || d.Kind != facts.ExprDict {
				return false, false
			}
			for _, en := range d.Entries() {
				if en.Key == nil || en.Key.Kind != facts.ExprString {
					return false, false // a **spread or computed key may hold it
				}
				if en.Key.Value() == e.Args()[0].Value() {
					return boolLiteral(&en.Value)
				}
			}
			if len(e.Args()) == 2 {
				return boolLiteral(&e.Args()[1])
			}
			return false, true // no such key and no default: None
		}
	case facts.ExprCompare:
		if e.Op() != "in" && e.Op() != "not in" || e.X == nil || e.X.Kind != facts.ExprString {
			return false, false
		}
		list, found := setting(e.Y)
		if !found || list.Kind != facts.ExprList && list.Kind != facts.ExprTuple {
			return false, false
		}
		in := slices.ContainsFunc(list.Args(), func(a facts.Expr) bool { return a.Kind == facts.ExprString && a.Value() == e.X.Value() })
		if !in && slices.ContainsFunc(list.Args(), func(a facts.Expr) bool { return a.Kind != facts.ExprString }) {
			return false, false // a *spread or a name may hold it
		}
		return in == (e.Op() == "in"), true
	}
	return false, false
}
