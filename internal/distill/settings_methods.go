package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A catalogued settings call made on a class of the service (Parse
// Server's Config.get(appId), catalog settings_calls) gives an instance of
// that class: the deployment's options are its attributes, and its own
// methods compute from them. Parse Server's UserController sets
// user._email_verify_token_expires_at = Parse._encode(this.config.
// generateEmailVerifyTokenExpiresAt()) (Controllers/UserController.js:56-58),
// a method of Config (Config.js:642-648) that answers now plus
// this.emailVerifyTokenValidityDuration seconds: the value is read only by
// running that method with `this` the settings object, so that
// this.emailVerifyTokenValidityDuration inside it is the option
// config.email_verify_token_validity_duration.

// settingsObject is the settings value a catalogued settings call gives,
// with the service's class it was called on (Config of Config.get) when
// there is one, whose methods a later call on the value runs.
func (rc *ruleCtx) settingsObject(e *facts.Expr, method string, sc *scope) *value {
	v := &value{kind: vSettings}
	if method == "" || e.X == nil || e.X.Kind != facts.ExprAttr || e.X.X == nil {
		return v
	}
	if cr := rc.b.ix.class(sc.file, e.X.X); cr != nil {
		v.repo = cr
	}
	return v
}

// settingsMethodCall runs a method of the settings object's class
// (config.generateEmailVerifyTokenExpiresAt()) with `this` the settings
// object. nil when the receiver is no settings object of a known class or
// the class has no such method of its own.
func (rc *ruleCtx) settingsMethodCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	if method == "" || recv == nil || recv.kind != vSettings || recv.group != "" {
		return nil
	}
	cr := recv.repo
	if cr == nil {
		cr = rc.settingsClass()
	}
	if cr == nil {
		return nil
	}
	fr := rc.b.ix.method(cr, method)
	if fr == nil || fr.fn == nil {
		return nil
	}
	return rc.inline(fr, recv, e, sc, out)
}

// settingsClass is the service's class whose catalogued static call gives
// the settings object (Config of Config.get), for a settings value reached
// another way: Parse Server's this.config (a getter returning
// Config.get(this.appId), Controllers/UserController.js:18-20) and
// req.config (the middleware's Config.get) are both read as the settings
// object before their getter runs. nil unless exactly one class of the
// service has that name and that static method.
func (rc *ruleCtx) settingsClass() *classRef {
	for _, call := range rc.b.lang.SettingsCalls {
		cls, static, ok := strings.Cut(call, ".")
		if !ok || cls == "" || static == "" || strings.Contains(static, ".") {
			continue
		}
		if cr := rc.b.ix.soleClassNamed(cls); cr != nil && rc.b.ix.method(cr, static) != nil {
			return cr
		}
	}
	return nil
}

// settingsObjectDuration is the Duration option an attribute of the
// settings object names (this.emailVerifyTokenValidityDuration in a
// method of Parse Server's Config, Config.js:647; req.config.x), whose
// unit its description gives: the walk reads the attribute as config.x,
// and unitConversion then folds x * 1000 back into the duration. nil for
// any other expression, and for an option of no stated unit.
func (rc *ruleCtx) settingsObjectDuration(setting *facts.Expr, sc *scope) *configInfo {
	if setting.Kind != facts.ExprAttr || setting.X == nil {
		return nil
	}
	var scratch []allium.Stmt
	if obj := rc.eval(setting.X, sc, &scratch, false); obj.kind != vSettings || obj.group != "" {
		return nil
	}
	v := rc.eval(setting, sc, &scratch, false)
	if v.kind != vExpr || !isConfigRef(v.expr) {
		return nil
	}
	name := v.expr.(*allium.Member).Name
	var found *configInfo
	for _, ci := range rc.b.configByKey {
		if ci.name != name || ci.typ != "Duration" || ci.unit == "" {
			continue
		}
		if found != nil && found.unit != ci.unit {
			return nil // two options of that name in different units
		}
		found = ci
	}
	return found
}
