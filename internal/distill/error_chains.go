package distill

import "github.com/distill/distill/internal/facts"

// errorsOnlyIf returns the conditions, outermost first, of an if with no
// else whose body only collects an error (errors.append(msg)), directly
// or through further such ifs; nil for any other statement. The error is
// collected when all of them hold.
func errorsOnlyIf(s *facts.Stmt, isErrors func(*facts.Expr) bool) []*facts.Expr {
	if s.Kind != facts.StmtIf || s.Cond == nil || len(s.Else()) > 0 || len(s.Body) == 0 {
		return nil
	}
	if len(s.Body) == 1 && s.Body[0].Kind == facts.StmtIf {
		if inner := errorsOnlyIf(&s.Body[0], isErrors); inner != nil {
			return append([]*facts.Expr{s.Cond}, inner...)
		}
		return nil
	}
	for i := range s.Body {
		st := &s.Body[i]
		if st.Kind != facts.StmtExpr || st.Value == nil || st.Value.Kind != facts.ExprCall {
			return nil
		}
		if m := st.Value.Method(); (m == "append" || m == "extend") && isErrors(st.Value.X.X) {
			continue
		}
		return nil
	}
	return []*facts.Expr{s.Cond}
}
