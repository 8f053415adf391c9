package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// An input the request may leave out (its schema says optional: Joi
// without .required(), zod's .optional(), express-validator's
// .optional()) given as a field of a new row is, in JavaScript, undefined
// when left out, and the ORMs read an undefined field as one not given:
// the row gets the column's default. express-rest-boilerplate's
// new User(req.body) with role: Joi.string().valid(User.roles) and the
// model's role default 'user' (api/validations/user.validation.js:22,
// api/models/user.model.js:45-48) makes a user whose role is the one
// given, else user: role ?? user. Where the language's absent input is a
// value the row stores (Python's None), catalog absent_inputs_defaulted
// is false and the input is stated as it is.

// defaultAbsentInputs gives each field of a creation whose value is an
// optional input of the request, and whose column has a default, the
// value `input ?? default`. The args are copied before any change: the
// stated call may share them.
func (rc *ruleCtx) defaultAbsentInputs(ent string, args []allium.Arg) []allium.Arg {
	e := rc.b.entByName[ent]
	if e == nil || !rc.b.lang.AbsentInputsDefaulted || len(rc.schemaOptional) == 0 {
		return args
	}
	var out []allium.Arg
	for i, a := range args {
		id, ok := a.Value.(*allium.Ident)
		if !ok || !rc.schemaOptional[id.Name] {
			continue
		}
		f := e.field(a.Name)
		if f == nil || f.drop || f.dflt == nil {
			continue
		}
		if out == nil {
			out = slices.Clone(args)
		}
		out[i].Value = &allium.Binary{Op: allium.OpCoalesce, X: id, Y: freshDefault(f.dflt)}
	}
	if out == nil {
		return args
	}
	return out
}
