package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// An object validator may edit the validated data it returns, and a
// default save (a ModelSerializer's create, a ModelForm's save) writes
// the data as edited:
//
//	def validate(self, data):
//	    username = data.pop("username")
//	    password = data.pop("password")
//	    user = authenticate(request=..., username=username, password=password)
//	    if user is None:
//	        raise AuthenticationFailed(...)
//	    data["user"] = user
//	    return data
//
// (netbox's TokenProvisionSerializer, users/api/serializers_/tokens.py:
// 106-118): the token is created for the user authenticated, not for a
// "user" input, and with no username or password. Read as the request's
// input, the created row named the input.

// validatedEdits records what the object validator fr of form set in the
// validated data dv (a key set to a name or attribute the validator had
// bound) and what it took out (data.pop(key)).
func (rc *ruleCtx) validatedEdits(form *value, fr *funcRef, dv *value, out *[]allium.Stmt) {
	qual := form.shape.qual()
	for _, key := range sortedKeys(dv.rewritten) {
		p := dv.rewritten[key]
		if p.e == nil || p.sc == nil || p.e.Kind != facts.ExprName && p.e.Kind != facts.ExprAttr {
			continue // a value made there would be made again
		}
		if rc.cleaned == nil {
			rc.cleaned = map[string]*value{}
		}
		rc.cleaned[qual+"."+key] = rc.eval(p.e, p.sc, out, false)
	}
	data := fr.fn.Params[1].Name
	facts.Walk(fr.fn.Body, func(st *facts.Stmt) bool {
		if st.Value == nil {
			return true
		}
		st.Value.Any(func(e *facts.Expr) bool {
			if e.Kind == facts.ExprCall && e.Method() == "pop" && e.X.X != nil && e.X.X.Kind == facts.ExprName && e.X.X.Name() == data &&
				len(e.Args()) > 0 && e.Args()[0].Kind == facts.ExprString {
				if rc.dropped == nil {
					rc.dropped = map[string]bool{}
				}
				rc.dropped[qual+"."+e.Args()[0].Value()] = true
			}
			return false
		})
		return true
	})
}
