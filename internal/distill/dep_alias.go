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
