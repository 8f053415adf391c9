package distill

import (
	"maps"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// declaredSpread reads a constructor's spread of the request's input
// whose keys are declared (a view's **kwargs that @use_kwargs(user_schema)
// fills with the fields the schema loads, schema_kwargs.go): it may set
// those columns and no other, so the columns outside it keep their
// defaults. flask-realworld's register_user hands User(username, email,
// password=password, **kwargs) (conduit/user/views.py:20-22) the schema's
// loadable fields: UserSchema.createdAt is dump_only
// (conduit/user/serializers.py:13), so created_at keeps its default
// (conduit/user/models.py:15), while updatedAt loads into updated_at
// (serializers.py:14), whose default the request may override. It
// reports whether it read the spread; v collects the keys in spreadKeys.
func (rc *ruleCtx) declaredSpread(v *value, x *facts.Expr, sc *scope) bool {
	if x == nil || x.Kind != facts.ExprName {
		return false
	}
	d := sc.vars[x.Name()]
	if d == nil || d.kind != vReqDict || d.declared == nil || d.shape != nil {
		return false
	}
	if v.spreadKeys == nil {
		v.spreadKeys = map[string]bool{}
	}
	maps.Copy(v.spreadKeys, d.declared)
	return true
}

// withoutDefaultsOf drops from args, after its first given entries (the
// values the code gave), the column defaults of the columns a spread may
// set (keys): the request may hold another value for them.
func withoutDefaultsOf(args []allium.Arg, given int, keys map[string]bool) []allium.Arg {
	if len(keys) == 0 || given >= len(args) {
		return args
	}
	out := args[:given:given]
	for _, a := range args[given:] {
		if !keys[a.Name] {
			out = append(out, a)
		}
	}
	return out
}
