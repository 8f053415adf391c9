package distill

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A rate limit over a whole blueprint, read from the settings on each
// request (flaskbb's auth blueprint):
//
//	def login_rate_limit():
//	    return "{count}/{timeout}minutes".format(
//	        count=flaskbb_config["AUTH_REQUESTS"],
//	        timeout=flaskbb_config["AUTH_TIMEOUT"],
//	    )
//	limiter.limit(login_rate_limit)(auth)
//
// The limit is its settings: the count is the config parameter it reads
// (auth_requests: Integer = 20), the period the other, a Duration in the
// unit the text gives it (auth_timeout: Duration = 15.minutes). The
// framework enforces the limit, so both are declared though no rule reads
// them.

// settingsLimit is "{count}/{period}unit" (or "per").
var settingsLimit = regexp.MustCompile(`^\s*\{(\w+)\}\s*(?:/|per)\s*\{(\w+)\}\s*(second|minute|hour|day|week)s?\s*$`)

// settingsLimits declares the settings of the limits applied to a
// blueprint by a function the service defines beside them.
func (b *builder) settingsLimits() {
	names := b.lang.RateLimitDecorators
	if len(names) == 0 {
		return
	}
	for _, f := range b.ix.files {
		for i := range f.Functions {
			b.limitsIn(f, f.Functions[i].Body())
		}
	}
}

// limitsIn reads the limit calls `limiter.limit(fn)(bp)` of body, fn a
// function body defines.
func (b *builder) limitsIn(f *facts.File, body []facts.Stmt) {
	for i := range body {
		s := &body[i]
		if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || s.Value.X == nil {
			continue
		}
		limit := s.Value.X
		if limit.Kind != facts.ExprCall || limit.X == nil || !catalog.MatchAny(b.lang.RateLimitDecorators, limit.X.Raw()) ||
			len(limit.Args()) == 0 || limit.Args()[0].Kind != facts.ExprName {
			continue
		}
		if fn := definedIn(body, limit.Args()[0].Name()); fn != nil {
			b.limitSettings(f, fn)
		}
	}
}

// definedIn is the function named name that body defines, or nil.
func definedIn(body []facts.Stmt, name string) *facts.Function {
	for i := range body {
		if fn := body[i].Func(); body[i].Kind == facts.StmtFunction && fn != nil && fn.Name == name {
			return fn
		}
	}
	return nil
}

// limitSettings declares the settings a limit function formats into its
// limit text.
func (b *builder) limitSettings(f *facts.File, fn *facts.Function) {
	if len(fn.Body()) != 1 || fn.Body()[0].Kind != facts.StmtReturn {
		return
	}
	call := fn.Body()[0].Value
	if call == nil || call.Kind != facts.ExprCall || call.Method() != "format" || call.X.X == nil || call.X.X.Kind != facts.ExprString {
		return
	}
	m := settingsLimit.FindStringSubmatch(call.X.X.Value())
	if m == nil {
		return
	}
	count, period := b.settingRef(call.Keyword(m[1])), b.settingRef(call.Keyword(m[2]))
	if count == nil || period == nil || count.typ != "Integer" || period.typ != "Integer" {
		return
	}
	l, ok := period.value.(*allium.Lit)
	if !ok {
		return
	}
	n, err := strconv.ParseInt(l.Text, 10, 64)
	if err != nil {
		return
	}
	period.typ, period.value = "Duration", durationFrom(n, m[3]+"s")
	for _, ci := range []*configInfo{count, period} {
		ci.enforced = true
		b.useConfig(ci)
	}
}

// settingRef is the candidate a read of a setting through an object
// imported from a settings module names (flaskbb_config["AUTH_REQUESTS"]),
// or nil.
func (b *builder) settingRef(e *facts.Expr) *configInfo {
	if e == nil || e.Kind != facts.ExprSubscript || e.X == nil || e.X.Kind != facts.ExprName || e.Y == nil ||
		e.Y.Kind != facts.ExprString || !b.settingsImport(e.X.Resolved()) {
		return nil
	}
	return b.settingByKey(e.Y.Value())
}

// settingByKey is the candidate config["X"] reads: under its key, or a
// setting described in lower case (settingsFixture) read in upper case.
func (b *builder) settingByKey(key string) *configInfo {
	for _, k := range []string{key, strings.ToLower(key)} {
		if ci := b.configByKey[k]; ci != nil {
			return ci
		}
	}
	return nil
}
