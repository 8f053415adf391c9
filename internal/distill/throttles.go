package distill

// A class-based view that lists a throttle class of the service
// (throttle_classes = [AuthRateThrottle], whose rate is "20/day") admits
// so many requests from one client per period:
//
//	requires: auth_requests(client, config.auth_throttle_period) < config.auth_throttle_limit
//
// named after the throttle class (AuthRateThrottle: auth), with the
// limit and the period as config parameters. A rate the code does not
// spell out is left out.

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// throttleRate is DRF's rate syntax: requests/period, the period read by
// its first letter.
var throttleRate = regexp.MustCompile(`^(\d+)/([smhd])`)

// viewThrottles states the rate limits of the handler's view class.
func (rc *ruleCtx) viewThrottles(h *handler, sc *scope) {
	b := rc.b
	th := b.lang.Throttles
	if th == nil || h.class == nil || h.job || h.mutation {
		return
	}
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		return
	}
	for _, attr := range th.ClassAttrs {
		list, file := b.classField(cr, attr)
		if list == nil || list.Kind != facts.ExprList && list.Kind != facts.ExprTuple {
			continue
		}
		for i := range list.Args() {
			tc := b.ix.class(file, &list.Args()[i])
			if tc == nil {
				continue
			}
			limit, period := b.throttleRateOf(tc)
			if limit == "" {
				rc.untranslated(sc, h.fn.Line, LeftOutValue, "the rate of throttle "+tc.class.Name)
				continue
			}
			stem := snake(tc.class.Name)
			for _, suf := range []string{"_rate_throttle", "_throttle"} {
				if s := strings.TrimSuffix(stem, suf); s != stem && s != "" {
					stem = s
					break
				}
			}
			lim := b.literalConfig(stem+"_throttle_limit", "Integer", &allium.Lit{Kind: allium.LitNumber, Text: limit}, tc.file, tc.class.Line)
			per := b.literalConfig(stem+"_throttle_period", "Duration", period, tc.file, tc.class.Line)
			rc.useParam("client")
			rc.requires(&allium.Binary{Op: allium.OpLt,
				X: &allium.Call{Fun: &allium.Ident{Name: stem + "_requests"}, Args: []allium.Arg{{Value: &allium.Ident{Name: "client"}}, {Value: per}}},
				Y: lim}, sc, h.fn.Line)
		}
	}
}

// throttleRateOf reads a throttle class's rate: a string in one of the
// catalog's rate attributes, directly or through the constant (a setting
// read with a default) it names. "" when none is spelled out.
func (b *builder) throttleRateOf(tc *classRef) (string, allium.Expr) {
	for _, attr := range b.lang.Throttles.RateAttrs {
		v, file := b.classField(tc, attr)
		for depth := 0; v != nil && depth < 4; depth++ {
			if v.Kind != facts.ExprName && v.Kind != facts.ExprAttr {
				break
			}
			c := b.ix.constant(file, v)
			if c == nil || c.as == nil {
				v = nil
				break
			}
			v, file = c.as.Value, c.file
		}
		if v == nil {
			continue
		}
		var rate string
		v.Any(func(e *facts.Expr) bool {
			if e.Kind == facts.ExprString && rate == "" && throttleRate.MatchString(e.Value()) {
				rate = e.Value()
			}
			return rate != ""
		})
		m := throttleRate.FindStringSubmatch(rate)
		if m == nil {
			continue
		}
		unit := map[string]string{"s": "second", "m": "minute", "h": "hour", "d": "day"}[m[2]]
		if _, err := strconv.Atoi(m[1]); err != nil {
			continue
		}
		return m[1], &allium.Duration{Value: "1", Unit: unit}
	}
	return "", nil
}
