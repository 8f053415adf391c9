package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
)

// Two routes can run the same service call (a form that posts a token
// and a link that carries it): their rules then say the same thing under
// two triggers. The spec states a behaviour once, so mergeSameRules drops
// a rule when another says the same and is named by a part of its name
// (AutoActivateAccount goes, ActivateAccount stays): the longer name only
// qualifies the same action. Rules that say the same under unrelated
// names (GetMe, GetMySettings) stay, since what was left out of them may
// differ. Rules sharing their trigger with another rule (a rejection
// beside its handler's rule) are left alone, and so is the rule of one
// button of a page's forms (or one key of a request): its name joins the
// handler's and the key's, so that it holds another rule's words says
// nothing of its qualifying that rule. Oscar's AccountAuthView's
// registration button (customer/views.py:126) posts the form
// AccountRegistrationView takes; AccountAuthRegistrationSubmit and
// AccountRegistration are two pages' stimuli, stated each.
func (b *builder) mergeSameRules() {
	uses := map[string]int{}
	for _, r := range b.rules {
		if r.rule.Trigger != nil {
			uses[r.rule.Trigger.Name]++
		}
	}
	groups := map[string][]int{} // body key -> indexes in b.rules
	for i, r := range b.rules {
		if key := sameRuleKey(r, uses); key != "" {
			groups[key] = append(groups[key], i)
		}
	}
	drop := map[int]bool{}
	for _, key := range sortedKeys(groups) {
		g := groups[key]
		for _, i := range g {
			for _, j := range g {
				if i == j || drop[j] || !qualifies(b.rules[i].rule.Name, b.rules[j].rule.Name) {
					continue
				}
				drop[i] = true
				b.note("%s: rule %s states what rule %s states; kept once as %s",
					provString(b.rules[i].rule.Prov), b.rules[i].rule.Name, b.rules[j].rule.Name, b.rules[j].rule.Name)
				break
			}
		}
	}
	b.dropRules(drop)
}

// dropRules removes the rules at the indexes drop holds, keeping the
// order of the rest.
func (b *builder) dropRules(drop map[int]bool) {
	if len(drop) == 0 {
		return
	}
	out := b.rules[:0]
	for i, r := range b.rules {
		if !drop[i] {
			out = append(out, r)
		}
	}
	b.rules = out
}

// qualifies reports a name made of another's words, in order, and more
// (AutoActivateAccount qualifies ActivateAccount).
func qualifies(long, short string) bool {
	lw, sw := nameWords(long), nameWords(short)
	if len(sw) == 0 || len(lw) <= len(sw) {
		return false
	}
	k := 0
	for _, w := range lw {
		if k < len(sw) && w == sw[k] {
			k++
		}
	}
	return k == len(sw)
}

// sameRuleKey is what two rules must share to be the same behaviour: the
// rule printed with its names left out, with its trigger's kind, its
// parameters and the actor it needs. "" for a rule that cannot merge.
func sameRuleKey(r *ruleOut, uses map[string]int) string {
	t := r.rule.Trigger
	if t == nil || t.Kind != allium.TriggerExternal || !r.external || r.job || r.shareParams != nil || r.ownAction || uses[t.Name] != 1 || len(r.rule.Body) == 0 {
		return ""
	}
	anon := *r.rule
	trig := *t
	anon.Name, trig.Name = "Same", "Same"
	anon.Trigger = &trig
	return itoa(int(r.auth)) + "\n" + allium.PrintConstruct(&anon)
}

// nameWords splits a PascalCase name into its words.
func nameWords(name string) []string {
	var words []string
	start := 0
	for i, c := range name {
		if i > 0 && c >= 'A' && c <= 'Z' {
			words = append(words, name[start:i])
			start = i
		}
	}
	if start < len(name) {
		words = append(words, name[start:])
	}
	return words
}

func provString(p *allium.Provenance) string {
	if p == nil {
		return "?"
	}
	return p.File + ":" + itoa(p.Line)
}

// dropUndeclaredClaims leaves out the requires that read a claim of a
// signed token the rule takes as input (it requires token.is_valid) when
// the spec gives its signed tokens entities and none of them declares
// that claim: each kind of token is then an entity of its own
// (PasswordResetToken), so `token.op = reset_password` checks what the
// spec states by the entity and names a field nothing declares. Without
// token entities the claim is all the spec has to tell kinds apart.
func (b *builder) dropUndeclaredClaims(m *allium.Module) {
	if len(b.signedTokens) == 0 {
		return
	}
	// The members every signed token has (claims.go, tokens.go).
	declared := map[string]bool{"user": true, "is_valid": true, "issued_at": true, "expires_at": true}
	for _, e := range m.Entities {
		for _, mem := range e.Members {
			switch x := mem.(type) {
			case *allium.Field:
				declared[x.Name] = true
			case *allium.Derived:
				declared[x.Name] = true
			case *allium.Relationship:
				declared[x.Name] = true
			}
		}
	}
	for _, r := range b.rules {
		toks := verifiedTokenParams(r.rule)
		if len(toks) == 0 {
			continue
		}
		body := r.rule.Body[:0]
		for _, s := range r.rule.Body {
			if q, ok := s.(*allium.Requires); ok {
				if f := undeclaredClaim(q.Cond, toks, declared); f != "" {
					b.note("%s: a check of the token's %s claim, which no entity declares, left out of rule %s", provString(q.Prov), f, r.rule.Name)
					continue
				}
			}
			body = append(body, s)
		}
		r.rule.Body = body
	}
}

// verifiedTokenParams are the trigger parameters a rule requires valid as
// signed tokens (token.is_valid, token.issued_at + lifetime >= now).
func verifiedTokenParams(r *allium.Rule) map[string]bool {
	if r.Trigger == nil {
		return nil
	}
	params := map[string]bool{}
	for _, p := range r.Trigger.Params {
		params[p.Name] = true
	}
	toks := map[string]bool{}
	for _, s := range r.Body {
		q, ok := s.(*allium.Requires)
		if !ok {
			continue
		}
		allium.Inspect(q.Cond, func(x allium.Expr) bool {
			if m, ok := x.(*allium.Member); ok && (m.Name == "is_valid" || m.Name == "issued_at") {
				if id, ok := m.X.(*allium.Ident); ok && params[id.Name] {
					toks[id.Name] = true
				}
			}
			return true
		})
	}
	return toks
}

// undeclaredClaim is the first claim of a verified token that cond tests
// against a constant (token.op = "reset", the kind of token) and no
// entity declares, "" when none. A claim the rule goes on to use as a
// value (User{email: token.e}) is an input the token carries, not its
// kind: the requires on it stay.
func undeclaredClaim(cond allium.Expr, toks, declared map[string]bool) string {
	found := ""
	claim := func(x allium.Expr) string {
		if m, ok := x.(*allium.Member); ok {
			if id, ok := m.X.(*allium.Ident); ok && toks[id.Name] && !declared[m.Name] && !strings.HasPrefix(m.Name, "_") {
				return m.Name
			}
		}
		return ""
	}
	allium.Inspect(cond, func(x allium.Expr) bool {
		if c, ok := x.(*allium.Binary); ok && found == "" && (c.Op == allium.OpEq || c.Op == allium.OpNe) {
			if f := claim(c.X); f != "" && kindValue(c.Y) {
				found = f
			} else if f := claim(c.Y); f != "" && kindValue(c.X) {
				found = f
			}
		}
		return found == ""
	})
	return found
}

// kindValue reports a literal or a bare name (an enum value): what a
// token's kind is compared with.
func kindValue(x allium.Expr) bool {
	_, ident := x.(*allium.Ident)
	return ident || constantExpr(x)
}
