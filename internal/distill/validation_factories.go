package distill

import "github.com/distill/distill/internal/facts"

// A route's middleware made by a factory of the service given a request
// shape class, whose middleware reads the request's body by it:
//
//	this.router.post('/signup', ValidationMiddleware(CreateUserDto), this.auth.signUp);
//	export const ValidationMiddleware = (type, skipMissingProperties = false) =>
//	  (req, res, next) => { const dto = plainToInstance(type, req.body); validateOrReject(dto)... };
//
// The handler's request body is then of that shape: its fields are the
// rule's inputs, with the shape's constraints (class-validator's
// @MinLength(9)) as preconditions, and a spread of the body gives them.

// validatedBodyShape is the request shape a route's middleware validates
// its body by, or nil.
func (rc *ruleCtx) validatedBodyShape(h *handler) *classRef {
	for _, step := range h.middlewareSteps() {
		m, file := step.x, step.file
		if m.Kind != facts.ExprCall || len(m.Args()) == 0 || m.Args()[0].Raw() == "" {
			continue
		}
		cr := rc.b.ix.class(file, &m.Args()[0])
		if cr == nil || rc.b.shapes[cr.qual()] == nil {
			continue
		}
		fr := rc.b.ix.function(file, m)
		if fr == nil || len(fr.fn.Params) == 0 {
			continue
		}
		if mw := returnedClosure(fr.fn); mw != nil && isMiddleware(mw) && readsBodyBy(mw, fr.fn.Params[0].Name) {
			return cr
		}
	}
	return nil
}

// readsBodyBy reports a middleware that passes its request's body to a
// call together with the value named param (plainToInstance(type,
// req.body), validate(schema, req.body)).
func readsBodyBy(mw *facts.Function, param string) bool {
	req := mw.Params[0].Name
	found := false
	facts.Walk(mw.Body(), func(s *facts.Stmt) bool {
		for _, e := range []*facts.Expr{s.Value, s.Cond} {
			e.Any(func(x *facts.Expr) bool {
				if x.Kind != facts.ExprCall {
					return false
				}
				body, given := false, false
				for _, a := range x.Args() {
					body = body || a.Kind == facts.ExprAttr && a.Name() == "body" && a.X != nil && a.X.Kind == facts.ExprName && a.X.Name() == req
					given = given || a.Kind == facts.ExprName && a.Name() == param
				}
				found = found || body && given
				return found
			})
		}
		return !found
	})
	return found
}
