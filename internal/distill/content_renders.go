package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// maxContentHops bounds how many object entries contentTemplate follows
// back to the call that built a message's content.
const maxContentHops = 3

// renderedContent names the message a content render call makes
// (mailGenerator.generate(options.mailgenContent)) after the function of
// the service that built the content, its catalogued suffix left out
// (emailVerificationMailgenContent: email_verification); "" when the call
// is no such render or its content's builder cannot be traced.
func (rc *ruleCtx) renderedContent(call *facts.Expr, names []string, sc *scope) string {
	cr := rc.b.lang.ContentRenders
	if len(call.Args()) == 0 || !catalog.MatchAny(cr.Calls, names...) {
		return ""
	}
	return rc.contentTemplate(&call.Args()[0], sc, cr.BuilderSuffixes, 0)
}

// contentTemplate follows content back to the call that built it: the
// call itself, or the entry of an object literal a caller handed in
// (options.mailgenContent of sendEmail({mailgenContent: ...})).
func (rc *ruleCtx) contentTemplate(e *facts.Expr, sc *scope, suffixes []string, hops int) string {
	switch e.Kind {
	case facts.ExprCall:
		if e.X == nil {
			return ""
		}
		fn := e.X.Raw()
		if i := strings.LastIndexByte(fn, '.'); i >= 0 {
			fn = fn[i+1:]
		}
		for _, suffix := range suffixes {
			if rest, ok := strings.CutSuffix(fn, suffix); ok && rest != "" {
				if t := snake(rest); isSnake(t) && len(t) <= 40 {
					return t
				}
			}
		}
	case facts.ExprAttr:
		if hops >= maxContentHops || e.X == nil {
			return ""
		}
		// Reading the object only to find its entry: what the walk would
		// state of it is not this rule's.
		var scratch []allium.Stmt
		obj := rc.eval(e.X, sc, &scratch, false)
		for i := len(obj.parts) - 1; i >= 0; i-- {
			part := obj.parts[i]
			for j := range part.e.Entries() {
				en := &part.e.Entries()[j]
				if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == e.Name() {
					return rc.contentTemplate(&en.Value, part.sc, suffixes, hops+1)
				}
			}
		}
	}
	return ""
}
