package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// providedClass is the class a module's custom providers bind the token
// tok (an expression read in file f: a class, a string, a constant) to,
// or nil when none does or the service's modules bind it to different
// classes (which one a consumer gets is then its module's imports, not
// read here). See catalog.CustomProviders.
func (b *builder) providedClass(f *facts.File, tok *facts.Expr) *classRef {
	if tok == nil {
		return nil
	}
	key := b.providerToken(f, tok)
	if key == "" {
		return nil
	}
	providers := b.customProviders()
	for range 4 {
		if cr := providers[key]; cr != nil {
			return cr
		}
		if key = b.memos.providerAliases[key]; key == "" {
			return nil
		}
	}
	return nil
}

// providerToken is the identity of an injection token: the class it
// names, the string it is, or the constant it reads (a Symbol made once
// at module level); "" for anything else.
func (b *builder) providerToken(f *facts.File, tok *facts.Expr) string {
	switch tok.Kind {
	case facts.ExprString:
		return "string " + tok.Value()
	case facts.ExprName, facts.ExprAttr:
		if cr := b.ix.class(f, tok); cr != nil {
			return "class " + cr.qual()
		}
		if c := b.ix.constant(f, tok); c != nil {
			return "constant " + qual(c.file.Module, c.as.Name)
		}
	}
	return ""
}

// customProviders maps each token a module's provider list binds to the
// class bound, built on first use. A token bound to two different
// classes maps to nil.
func (b *builder) customProviders() map[string]*classRef {
	if b.memos.providers != nil {
		return b.memos.providers
	}
	b.memos.providers = map[string]*classRef{}
	b.memos.providerAliases = map[string]string{}
	reps := b.lang.Repositories
	if reps == nil || len(reps.CustomProviders.Modules) == 0 {
		return b.memos.providers
	}
	cp := &reps.CustomProviders
	for _, f := range b.ix.files {
		for ci := range f.Classes {
			for di := range f.Classes[ci].Decorators {
				d := &f.Classes[ci].Decorators[di]
				if d.Kind != facts.ExprCall || !catalog.MatchAny(cp.Modules, d.Resolved(), d.Raw()) {
					continue
				}
				for _, list := range cp.Lists {
					b.bindProviders(f, decoratorOption(d, list), cp)
				}
			}
		}
	}
	return b.memos.providers
}

// decoratorOption is the entry key of the options object a decorator
// call is given (@Module({providers: [...]})): the walker gives a sole
// object argument as keywords, as Python would spell them.
func decoratorOption(d *facts.Expr, key string) *facts.Expr {
	if v := d.Keyword(key); v != nil {
		return v
	}
	if len(d.Args()) > 0 {
		return entryValue(&d.Args()[0], key)
	}
	return nil
}

// bindProviders records the bindings of one provider list (in file f).
// Its plain entries (a class provided as itself) bind nothing new.
func (b *builder) bindProviders(f *facts.File, list *facts.Expr, cp *catalog.CustomProviders) {
	if list == nil || list.Kind != facts.ExprList {
		return
	}
	for i := range list.Args() {
		entry := &list.Args()[i]
		if entry.Kind != facts.ExprDict {
			continue
		}
		tok := entryValue(entry, cp.Token)
		if tok == nil {
			continue
		}
		key := b.providerToken(f, tok)
		if key == "" {
			continue
		}
		bound := b.boundClass(f, entry, cp)
		if bound == nil {
			// useExisting: ANOTHER_TOKEN, a token bound elsewhere.
			if alias := b.aliasedToken(f, entry, cp); alias != "" && alias != key {
				b.memos.providerAliases[key] = alias
			}
			continue
		}
		if prev, seen := b.memos.providers[key]; seen && prev != bound {
			b.memos.providers[key] = nil
			continue
		}
		b.memos.providers[key] = bound
	}
}

// aliasedToken is the token a provider entry hands its own token on to:
// a class key naming something that is no service class (a port bound by
// another entry, a Symbol constant), "" otherwise.
func (b *builder) aliasedToken(f *facts.File, entry *facts.Expr, cp *catalog.CustomProviders) string {
	for _, k := range cp.Classes {
		if v := entryValue(entry, k); v != nil {
			return b.providerToken(f, v)
		}
	}
	return ""
}

// boundClass is the class one provider entry binds its token to: the
// class named under a class key, or the class whose instance the factory
// under a factory key returns (useFactory: (repo) => new
// UserRepository(repo)).
func (b *builder) boundClass(f *facts.File, entry *facts.Expr, cp *catalog.CustomProviders) *classRef {
	for _, k := range cp.Classes {
		if v := entryValue(entry, k); v != nil {
			if cr := b.serviceClass(f, v); cr != nil {
				return cr
			}
		}
	}
	for _, k := range cp.Factories {
		v := entryValue(entry, k)
		if v == nil || v.Kind != facts.ExprFunction || v.Func() == nil {
			continue
		}
		if cr := b.instanceOf(f, returnedValue(v.Func())); cr != nil {
			return cr
		}
	}
	return nil
}
