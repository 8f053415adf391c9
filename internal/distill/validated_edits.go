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

// validatedEdits records what an object validator of form set in the
// validated data dv (a key set to a name or attribute the validator had
// bound) and what it took out (data.pop(key)).
func (rc *ruleCtx) validatedEdits(form, dv *value, out *[]allium.Stmt) {
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
	for _, key := range sortedKeys(dv.popped) {
		if rc.dropped == nil {
			rc.dropped = map[string]bool{}
		}
		rc.dropped[qual+"."+key] = true
	}
}
