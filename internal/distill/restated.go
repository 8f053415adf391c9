package distill

import "github.com/distill/distill/internal/allium"

// dropRestatedLookups leaves out `requires: exists E{...}` when the rule
// binds the same lookup (let user = E{...}) and requires that binding to
// exist: a form's validator and the view check one row twice
// (flask-base's reset_password: ResetPasswordForm.validate_email, then
// `if user is None`), and the spec says it once, by name.
func dropRestatedLookups(body []allium.Stmt) []allium.Stmt {
	lets := map[string]string{} // name -> key of its lookup
	for _, s := range body {
		if l, ok := s.(*allium.Let); ok {
			if _, join := l.Value.(*allium.Join); join {
				lets[l.Name] = exprKey(l.Value)
			}
		}
	}
	named := map[string]bool{} // keys of lookups required to exist by name
	for _, s := range body {
		if id := existsOperand(s); id != nil {
			if n, ok := id.(*allium.Ident); ok && lets[n.Name] != "" {
				named[lets[n.Name]] = true
			}
		}
	}
	if len(named) == 0 {
		return body
	}
	out := body[:0:0]
	for _, s := range body {
		if x := existsOperand(s); x != nil {
			if _, join := x.(*allium.Join); join && named[exprKey(x)] {
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// existsOperand is x of `requires: exists x`, or nil.
func existsOperand(s allium.Stmt) allium.Expr {
	r, ok := s.(*allium.Requires)
	if !ok {
		return nil
	}
	u, ok := r.Cond.(*allium.Unary)
	if !ok || u.Op != allium.OpExists {
		return nil
	}
	return u.X
}
