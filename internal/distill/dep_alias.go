package distill

import "github.com/distill/distill/internal/facts"

// aliasedDependency finds the Depends(...) of a parameter annotated with a
// module-level alias of an annotated type (CurrentUser =
// Annotated[User, Depends(get_current_user)]; current_user: CurrentUser),
// with the file the alias is declared in, where its names resolve. nil when
// the annotation is no such alias.
func (b *builder) aliasedDependency(f *facts.File, p *facts.Param) (*facts.Expr, *facts.File) {
	an := p.Annotation
	if an == nil || (an.Kind != facts.ExprName && an.Kind != facts.ExprAttr) {
		return nil, nil
	}
	c := b.ix.constant(f, an)
	if c == nil || c.as == nil || c.as.Value == nil {
		return nil, nil
	}
	if dep := dependency(&facts.Param{Annotation: c.as.Value}); dep != nil {
		return dep, c.file
	}
	return nil, nil
}

// paramDependency finds the Depends(...) of a parameter of a function
// declared in file f, written in place (`= Depends(fn)`, Annotated[T,
// Depends(fn)]) or through a module-level alias (`token: TokenDep` with
// TokenDep = Annotated[str, Depends(reusable_oauth2)]), with the file
// where the dependency's names resolve. nil when it takes none.
func (b *builder) paramDependency(f *facts.File, p *facts.Param) (*facts.Expr, *facts.File) {
	if dep := dependency(p); dep != nil {
		return dep, f
	}
	return b.aliasedDependency(f, p)
}

// adoptUserEntity takes, when the service has no entity the usual signs
// name as its users (User, a user base class, a users table), the entity
// the current-user dependency fn is declared to return
// (def get_current_user(request) -> DispatchUser).
func (b *builder) adoptUserEntity(f *facts.File, fn *facts.Expr) {
	if fn == nil || b.userEntity() != "" {
		return
	}
	fr := b.ix.function(f, fn)
	if fr == nil || fr.fn.Returns == nil {
		return
	}
	if cr := b.ix.class(fr.file, fr.fn.Returns); cr != nil {
		if e := b.entByQual[cr.qual()]; e != nil {
			b.userEnt = e.name
		}
	}
}
