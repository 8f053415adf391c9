package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// Filling the keys an object lacks from others, in place (catalog
// object_defaults; Strapi's jwt service):
//
//	issue(payload, jwtOptions = {}) {
//	  _.defaults(jwtOptions, strapi.config.get('plugin.users-permissions.jwt'));
//	  return jwt.sign(payload, secret, jwtOptions);
//	}
//
// jwtOptions is then read as its own entries first and the sources'
// after them, in order: a key it has keeps its value, one it lacks is the
// first source's that has it (the config section's expiresIn, '30d').

// defaultedObject appends to the dict value the call's first argument
// holds the entries of its other arguments (a dict, or a section of the
// config object) and gives that value back; nil when the first argument
// holds no dict the walk can read. A source the walk cannot read adds
// nothing: a key only it gives stays unknown.
func (rc *ruleCtx) defaultedObject(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	args := e.Args()
	if len(args) < 2 {
		return nil
	}
	target := rc.eval(&args[0], sc, out, false)
	if len(target.parts) == 0 {
		return nil
	}
	for i := range args[1:] {
		src := rc.eval(&args[i+1], sc, out, false)
		switch {
		case src.kind == vSection && src.call != nil && src.file != nil:
			// The section's entries are read in the config file, with
			// no local of this scope.
			target.parts = append(target.parts, dictPart{e: src.call, sc: &scope{file: src.file, vars: map[string]*value{}}, section: src.param})
		case len(src.parts) > 0:
			target.parts = append(target.parts, src.parts...)
		}
	}
	return target
}

// sectionLifetime is the lifetime an entry of a config section gives,
// as the setting it is: the parameter named by the entry's key path
// (jwt.expiresIn: jwt_expires_in = 30.days), which a deployment
// configures; nil when the entry is no duration the spec can state.
func (rc *ruleCtx) sectionLifetime(part dictPart, key string, entry *facts.Expr, out *[]allium.Stmt) allium.Expr {
	life := rc.lifetime(entry, part.sc, out)
	if life == nil || isConfigRef(life) {
		return life
	}
	name := bindingName(snake(strings.ReplaceAll(part.section+"."+key, ".", "_")))
	if !isSnake(name) {
		return life
	}
	return rc.b.literalConfig(name, "Duration", life, part.sc.file, entry.Line())
}
