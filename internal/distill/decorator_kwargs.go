package distill

import (
	"github.com/distill/distill/internal/facts"
)

// A service's decorator often hands its handler a value it made as a
// keyword argument:
//
//	def validate_body(serializer_class):
//	    def validate_decorator(func):
//	        def func_wrapper(*args, **kwargs):
//	            kwargs["data"] = validate_data(serializer_class, request.data)
//	            return func(*args, **kwargs)
//	        ...
//
//	@validate_body(ResetPasswordSerializer)
//	def post(self, request, data): ...
//
// The handler's parameter data is the value the wrapper put in kwargs
// (baserow's views take their validated bodies so, api/decorators.py:
// 226-237). Left as an unknown parameter, its reads made the handler's
// request inputs wrong: data["new_password"] lost the new password and
// **data filled every parameter of the helper it was spread into with
// its default (None).

// varKeywordParam is the name of fn's **kwargs parameter, "" without one.
func varKeywordParam(fn *facts.Function) string {
	for _, p := range fn.Params {
		if p.Kind == facts.ParamVarKeyword {
			return p.Name
		}
	}
	return ""
}

// kwargsEntry reads `kw["key"] = value` with kw the wrapper's **kwargs
// parameter and returns key, "" for any other statement.
func kwargsEntry(s *facts.Stmt, kw string) string {
	if kw == "" || s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
		return ""
	}
	t := &s.Targets[0]
	if t.Kind != facts.ExprSubscript || t.X == nil || t.X.Kind != facts.ExprName || t.X.Name() != kw ||
		t.Y == nil || t.Y.Kind != facts.ExprString || t.Y.Value() == "" {
		return ""
	}
	return t.Y.Value()
}

// givenKeywords binds each parameter of the decorated fn that the
// wrapper gave in its **kwargs to the value given; a parameter fn does
// not name by that key takes nothing from it.
func givenKeywords(fn *facts.Function, wsc, sc *scope) {
	if len(wsc.kwGiven) == 0 {
		return
	}
	for _, p := range fn.Params {
		if p.Kind == facts.ParamVarKeyword || p.Kind == facts.ParamVarPositional {
			continue
		}
		if v := wsc.kwGiven[p.Name]; v != nil {
			sc.vars[p.Name] = v
		}
	}
}
