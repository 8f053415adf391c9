package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// A view's dispatch runs before its handler, and so does every dispatch
// of the view's bases the service defines: each hands over to the next
// with return super().dispatch(...), and the last to the framework's,
// which calls the handler. A base may also hand over to a method of its
// own that ends so, as django-allauth's RESTView does
// (headless/internal/restkit/views.py:18-31):
//
//	def dispatch(self, request, *args, **kwargs):
//	    return self.handle(request, *args, **kwargs)
//	def handle(self, request, *args, **kwargs):
//	    if self.handle_json_input and request.method != "GET":
//	        self.data = self._parse_json(request)
//	        response = self.handle_input(self.data)   # self.input = input_class(data=...)
//	        if response:
//	            return response
//	    return super().dispatch(request, *args, **kwargs)
//
// What those bodies check holds for every handler of the view and what
// they keep on self (self.input, the validated input the handler reads,
// headless/account/views.py:406) is the handler's. Before, only the
// view's own dispatch was read, and a handler of a view that inherits its
// dispatch read self.input as nothing.

// dispatchStep is one method of the chain and what it runs before it
// hands over.
type dispatchStep struct {
	fr      *funcRef
	prelude []facts.Stmt
}

// dispatchChain is the dispatch methods that run before h, nearest class
// first: for each class of the view's lineage, the dispatch it defines (or
// the method of its own that dispatch hands over to) when it ends by
// handing over to super(); the chain stops at one that does not.
func (rc *ruleCtx) dispatchChain(h *handler) []dispatchStep {
	b := rc.b
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		return nil
	}
	var out []dispatchStep
	seen := map[*funcRef]bool{}
	for _, c := range b.ix.lineage(cr) {
		for _, name := range b.lang.ViewDispatch {
			fr := b.ix.funcs[qual(c.qual(), name)]
			if fr == nil || len(fr.fn.Body()) == 0 || seen[fr] {
				continue
			}
			seen[fr] = true
			if via := handsOverVia(fr, name); via != "" {
				// return self.handle(request, *args, **kwargs): the
				// method of the same class that hands over to super().
				fr = b.ix.funcs[qual(c.qual(), via)]
				if fr == nil {
					return out
				}
			}
			prelude, ok := dispatchPrelude(fr.fn, name)
			if !ok {
				return out // a dispatch that does not hand over is not read
			}
			out = append(out, dispatchStep{fr: fr, prelude: prelude})
		}
	}
	return out
}

// dispatchPrelude is what fn runs before it hands over to super().<name>
// (see handsOverToSuper); false when it does not end so.
func dispatchPrelude(fn *facts.Function, name string) ([]facts.Stmt, bool) {
	body := fn.Body()
	if len(body) == 0 {
		return nil, false
	}
	last := &body[len(body)-1]
	if last.Kind == facts.StmtReturn && last.Value != nil && isSuperCall(last.Value, name) {
		return body[:len(body)-1], true
	}
	if last.Kind == facts.StmtTry && len(last.Body) > 0 && len(last.Else()) == 0 && len(last.Finally()) == 0 {
		in := &last.Body[len(last.Body)-1]
		if in.Kind == facts.StmtReturn && in.Value != nil && isSuperCall(in.Value, name) {
			return append(slices.Clone(body[:len(body)-1]), last.Body[:len(last.Body)-1]...), true
		}
	}
	if handOvers(body, name) != 1 {
		return nil, false
	}
	return nestedHandOver(body, name)
}

// A dispatch may hand over only on one branch of its tests, and answer
// the request itself on every other: django-allauth's
// PasswordResetFromKeyView.dispatch (account/views.py:619-658) hands over
// inside `if self.key == self.reset_url_key or is_ajax:` and `if
// token_form.is_valid():`, after keeping self.reset_user, and renders the
// failure page below. The handler runs only down that path, so each test
// on it holds (or, for an else branch, fails) for the handler: the path
// is read as guards, `if not <test>: return`, followed by what the branch
// runs before handing over. Before, such a dispatch was not read at all
// and what it kept on self was nothing to the handler.

// handOvers counts the hand-overs, return super().<name>(...), anywhere in
// body.
func handOvers(body []facts.Stmt, name string) int {
	n := 0
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtReturn && s.Value != nil && isSuperCall(s.Value, name) {
			n++
		}
		return true
	})
	return n
}

// nestedHandOver is what body runs before its one hand-over when that is
// reached through if statements only: the statements before each test on
// the path, and the test as a guard that returns when the path is not
// taken; false when the hand-over lies in a loop, a try or a with.
func nestedHandOver(body []facts.Stmt, name string) ([]facts.Stmt, bool) {
	for i := range body {
		s := &body[i]
		if s.Kind == facts.StmtReturn && s.Value != nil && isSuperCall(s.Value, name) {
			return slices.Clone(body[:i]), true
		}
		if handOvers([]facts.Stmt{*s}, name) == 0 {
			continue
		}
		if s.Kind != facts.StmtIf || s.Cond == nil {
			return nil, false
		}
		branch, cond := s.Body, s.Cond
		if handOvers(s.Body, name) == 0 {
			branch = s.Else()
		} else {
			// taken when the test holds: it fails the request otherwise
			cond = facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprUnary, X: s.Cond, Line: s.Line()})
			cond.SetOp("not")
		}
		rest, ok := nestedHandOver(branch, name)
		if !ok {
			return nil, false
		}
		guard := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: cond, Line: s.Line(),
			Body: []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtReturn, Line: s.Line()})}})
		out := append(slices.Clone(body[:i]), guard)
		return append(out, rest...), true
	}
	return nil, false
}

// handsOverVia is the method of its own class fr's body consists of
// handing over to (return self.handle(request, *args, **kwargs)), with
// every argument passed on as received; "" otherwise.
func handsOverVia(fr *funcRef, name string) string {
	body := fr.fn.Body()
	if len(body) != 1 || body[0].Kind != facts.StmtReturn || body[0].Value == nil {
		return ""
	}
	call := body[0].Value
	if call.Kind != facts.ExprCall || call.X == nil || call.X.Kind != facts.ExprAttr || call.X.X == nil ||
		call.X.X.Kind != facts.ExprName || len(fr.fn.Params) == 0 || call.X.X.Name() != fr.fn.Params[0].Name {
		return ""
	}
	if m := call.X.Name(); m != name {
		return m
	}
	return ""
}
