package distill

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Rate limits on a handler:
//
//	@limiter.limit(settings.THROTTLE_LOGIN_PATTERN)   # "50/hour"
//	def login(): ...
//
//	class UserListResource(BaseResource):
//	    decorators = BaseResource.decorators + [limiter.limit("200/day;50/hour", methods=["POST"])]
//
// Each part of the limit is policy a deployment tunes: the config
// parameter <rule>_requests_per_<period> (login_requests_per_hour: Integer
// = 50). The limit is the framework's to enforce, so no rule reads it.

// limitPart is one "N/period" (or "N per period") of a limit string.
var limitPart = regexp.MustCompile(`^\s*(\d+)\s*(?:/|per)\s*(second|minute|hour|day|month|year)s?\s*$`)

// rateLimits declares the config parameters of the rate limits on h,
// whose rule is named rule: named's, when the name is that rule's (it
// keeps them, to rename them when it is renamed), else nil.
func (b *builder) rateLimits(h *handler, rule string, named *ruleOut) {
	names := b.lang.RateLimitDecorators
	if len(names) == 0 {
		return
	}
	var limits []*facts.Expr
	for i := range h.fn.Decorators {
		if _, call := decoratorName(&h.fn.Decorators[i]); call != nil && catalog.MatchAny(names, call.X.Raw()) {
			limits = append(limits, call)
		}
	}
	if h.class != nil {
		for i := range h.class.Fields {
			if f := &h.class.Fields[i]; f.Name == "decorators" && f.Value != nil {
				f.Value.Any(func(e *facts.Expr) bool {
					if e.Kind == facts.ExprCall && e.X != nil && catalog.MatchAny(names, e.X.Raw()) && limitsMethod(e, h.fn.Name) {
						limits = append(limits, e)
					}
					return false
				})
			}
		}
	}
	for _, call := range limits {
		if len(call.Args()) == 0 {
			continue
		}
		text, ok := b.limitText(h.file, &call.Args()[0])
		if !ok {
			continue
		}
		for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == ',' }) {
			m := limitPart.FindStringSubmatch(part)
			if m == nil {
				continue
			}
			n, err := strconv.ParseInt(m[1], 10, 64)
			if err != nil {
				continue
			}
			x := b.literalConfig(snake(rule)+"_requests_per_"+m[2], "Integer",
				&allium.Lit{Kind: allium.LitNumber, Text: strconv.FormatInt(n, 10)}, h.file, call.Line())
			if ref, ok := x.(*allium.Member); ok {
				if ci := b.configByKey["literal:"+ref.Name]; ci != nil {
					ci.enforced = true
					if named != nil {
						named.limits = append(named.limits, ci)
					}
				}
			}
		}
	}
}

// limitsMethod reports whether a class-level limit applies to the view
// method named method: it names no methods, or names that one.
func limitsMethod(call *facts.Expr, method string) bool {
	kw := call.Keyword("methods")
	if kw == nil {
		return true
	}
	for _, a := range kw.Args() {
		if a.Kind == facts.ExprString && strings.EqualFold(a.Value(), method) {
			return true
		}
	}
	return false
}

// limitText is the limit string an argument gives: a literal, or a
// constant holding one or reading it from the environment with one as its
// default.
func (b *builder) limitText(f *facts.File, e *facts.Expr) (string, bool) {
	if e.Kind == facts.ExprString {
		return e.Value(), true
	}
	c := b.ix.constant(f, e)
	if c == nil || c.as.Value == nil {
		return "", false
	}
	v := c.as.Value
	if d, ok := b.envRead(v); ok {
		v = d
	}
	if v == nil || v.Kind != facts.ExprString {
		return "", false
	}
	return v.Value(), true
}

// renameLimits gives the rate-limit parameters named after r, a rule
// renamed from the name from, its new name's prefix: mealie's create_one
// of several controllers was CreateOne2 when its limits were read, and is
// AdminUserManagementCreateOne in the spec (rule_class_names.go). A
// parameter whose new name is taken keeps its old one.
func (b *builder) renameLimits(r *ruleOut, from string) {
	old, to := snake(from)+"_", snake(r.rule.Name)+"_"
	for _, ci := range r.limits {
		if !strings.HasPrefix(ci.name, old) {
			continue
		}
		name := to + strings.TrimPrefix(ci.name, old)
		if b.configByKey["literal:"+name] != nil {
			continue
		}
		delete(b.configByKey, "literal:"+ci.name)
		ci.name = name
		b.configByKey["literal:"+name] = ci
	}
}
