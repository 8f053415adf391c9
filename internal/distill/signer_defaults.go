package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A signer's default options given where its module is registered
// (catalog signed_tokens.default_options; nestjs-prisma-starter's
// auth.module.ts):
//
//	JwtModule.registerAsync({
//	  useFactory: async (configService: ConfigService) => {
//	    const securityConfig = configService.get<SecurityConfig>('security');
//	    return {secret: ..., signOptions: {expiresIn: securityConfig.expiresIn}};
//	  },
//	})
//
// make the lifetime of every jwtService.sign(payload) that passes none of
// its own: the access token lives securityConfig.expiresIn.

// defaultLifetime is the lifetime the registration of the signer e calls
// gives its tokens, or nil (no registration, or one without a lifetime).
func (rc *ruleCtx) defaultLifetime(e *facts.Expr, names []string, sc *scope, out *[]allium.Stmt) allium.Expr {
	d := rc.b.lang.SignedTokens.DefaultOptions
	if d == nil || len(d.LifetimePath) == 0 || !catalog.MatchAny(d.Signers, names...) {
		return nil
	}
	if !rc.b.signerDefaultRead {
		rc.b.signerDefaultRead = true
		rc.b.signerDefaultLife = rc.b.registeredLifetime(d)
	}
	if rc.b.signerDefaultLife == nil {
		return nil
	}
	return rc.lifetime(rc.b.signerDefaultLife, sc, out)
}

// registeredLifetime finds the first catalogued registration among the
// decorators of the service's classes (NestJS's @Module({imports:
// [...]})) and returns the expression its options give the lifetime,
// with a local of the options factory it reads replaced by its value.
func (b *builder) registeredLifetime(d *catalog.SignerDefaults) *facts.Expr {
	var life *facts.Expr
	for _, f := range b.ix.files {
		for i := range f.Classes {
			for j := range f.Classes[i].Decorators {
				f.Classes[i].Decorators[j].Any(func(x *facts.Expr) bool {
					if x.Kind != facts.ExprCall || !catalog.MatchAny(d.Registrations, x.Resolved(), x.Raw()) {
						return false
					}
					life = optionsLifetime(x, d)
					return life != nil
				})
				if life != nil {
					return life
				}
			}
		}
	}
	return nil
}

// optionsLifetime follows the lifetime path through a registration's
// options object, or through the object its factory returns.
func optionsLifetime(call *facts.Expr, d *catalog.SignerDefaults) *facts.Expr {
	if life := entryPath(call, d.LifetimePath); life != nil {
		return life
	}
	for _, key := range d.Factories {
		factory := optionEntry(call, key)
		if factory == nil || factory.Kind != facts.ExprFunction || factory.Func() == nil {
			continue
		}
		fn := factory.Func()
		if life := entryPath(returnedValue(fn), d.LifetimePath); life != nil {
			return throughLocal(life, fn.Body())
		}
	}
	return nil
}

// entryPath is the value at a path of keys through an options object
// (a call's, or an object literal) and the object literals nested in it;
// nil when a key is missing.
func entryPath(obj *facts.Expr, path []string) *facts.Expr {
	for _, key := range path {
		if obj = optionEntry(obj, key); obj == nil {
			return nil
		}
	}
	return obj
}

// optionEntry is the entry key of an object literal, or of the options
// object a call is given (read as its keywords, as an object argument of
// a TypeScript call is, or as its first argument); nil when it has none.
func optionEntry(obj *facts.Expr, key string) *facts.Expr {
	if obj == nil || obj.Kind != facts.ExprCall {
		return dictEntry(obj, key)
	}
	if kw := obj.Keyword(key); kw != nil {
		return kw
	}
	if len(obj.Args()) == 0 {
		return nil
	}
	return dictEntry(&obj.Args()[0], key)
}

// throughLocal replaces the local an attribute read starts from
// (securityConfig.expiresIn) by the value the factory's body assigns it
// (configService.get('security').expiresIn): the factory's locals are
// not in the scope of the rule that signs.
func throughLocal(x *facts.Expr, body []facts.Stmt) *facts.Expr {
	if x.Kind != facts.ExprAttr || x.X == nil || x.X.Kind != facts.ExprName {
		return x
	}
	if vals := assignedAtTop(body, x.X.Name()); len(vals) == 1 {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: vals[0], Name: x.Name(), Line: x.Line()})
	}
	return x
}
