package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A payload the service signs in one place and reads back in another
// names its entries once, where it is built:
//
//	payload = {"u": self.user.username, "t": self.prepare_token(), "e": new_email}
//	signed_payload = TimestampSigner().sign_object(payload)
//	...
//	payload = TimestampSigner().unsign_object(signed_payload, max_age=900)
//	return check_token(request, payload["u"], payload["t"], payload["e"])
//
// The signing side states the entries as fields of the token it creates
// under the names they carry there (tokenClaims: the one-letter "e" of
// new_email is new_email; wrapIssuedToken: the entry holding a token the
// rule issued is that very token). The reading side names them the same
// way, so that the token read back is the token created: payload["e"] is
// token.new_email, and payload["t"] is the token itself.

// signedKey is what an entry of the service's signed payloads holds.
type signedKey struct {
	name  string // the field the entry is stated as ("" when its key's own)
	token bool   // the entry carries a token the service signs: the token itself
}

// signedPayloadKey is what the entry key of the service's signed payloads
// holds, read once for the service from every payload literal a sign call
// of the catalog's signed_tokens is given (directly, or through a local
// the function bound to it). A key that two payloads use for different
// things holds neither: ok is false, as for a key no payload has.
func (b *builder) signedPayloadKey(key string) (signedKey, bool) {
	if !b.memos.signedKeysFound {
		b.memos.signedKeysFound = true
		b.memos.signedKeys = b.readSignedKeys()
	}
	k, ok := b.memos.signedKeys[key]
	if !ok || k.clash {
		return signedKey{}, false
	}
	return k.signedKey, true
}

// seenSignedKey is a signedKey as the service's payloads agree on it.
type seenSignedKey struct {
	signedKey
	clash bool
}

func (b *builder) readSignedKeys() map[string]seenSignedKey {
	st := b.lang.SignedTokens
	if st == nil {
		return nil
	}
	keys := map[string]seenSignedKey{}
	add := func(key string, k signedKey) {
		if prev, ok := keys[key]; ok {
			prev.clash = prev.clash || prev.signedKey != k
			keys[key] = prev
			return
		}
		keys[key] = seenSignedKey{signedKey: k}
	}
	visit := func(f *facts.File, cls *facts.Class, fn *facts.Function) {
		facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
			for _, x := range []*facts.Expr{s.Value, s.Cond} {
				x.Any(func(c *facts.Expr) bool {
					if !b.signsPayload(c, fn) || len(c.Args()) == 0 {
						return false
					}
					d := &c.Args()[0]
					if d.Kind == facts.ExprName {
						d = localDict(fn.Body(), d.Name())
					}
					if d == nil || d.Kind != facts.ExprDict {
						return false
					}
					for i := range d.Entries() {
						en := &d.Entries()[i]
						if en.Key == nil || en.Key.Kind != facts.ExprString {
							continue
						}
						add(en.Key.Value(), b.payloadEntryKey(en, f, cls))
					}
					return false
				})
			}
			return true
		})
	}
	for _, f := range b.ix.files {
		for i := range f.Functions {
			visit(f, nil, &f.Functions[i])
		}
		for i := range f.Classes {
			for j := range f.Classes[i].Methods {
				visit(f, &f.Classes[i], &f.Classes[i].Methods[j])
			}
		}
	}
	return keys
}

// payloadEntryKey names what one entry of a signed payload literal holds,
// as tokenClaims and wrapIssuedToken state it on the signing side: a
// one-letter key of a variable is the variable's name ({"e": new_email}),
// an entry that calls a function of the service signing a token of its
// own is that token; any other entry keeps its key.
func (b *builder) payloadEntryKey(en *facts.DictEntry, f *facts.File, cls *facts.Class) signedKey {
	key := en.Key.Value()
	if st := b.lang.SignedTokens; st != nil {
		if _, ok := st.ClaimFields[key]; ok {
			return signedKey{} // the catalog names it (claim)
		}
	}
	v := &en.Value
	switch {
	case len(key) == 1 && v.Kind == facts.ExprName:
		if name := snake(v.Name()); isSnake(name) {
			return signedKey{name: name}
		}
	case v.Kind == facts.ExprCall:
		if callee := b.calledFunction(v, f, cls); callee != nil && b.returnsSigned(callee) {
			return signedKey{token: true}
		}
	}
	return signedKey{}
}

// calledFunction is the function of the service a call names, as far as
// one file tells: self.<method>() of the enclosing class, or a function of
// the file. nil for any other call.
func (b *builder) calledFunction(call *facts.Expr, f *facts.File, cls *facts.Class) *facts.Function {
	if call.X == nil {
		return nil
	}
	if m := call.Method(); m != "" {
		if cls == nil || call.X.X == nil || call.X.X.Kind != facts.ExprName || call.X.X.Name() != "self" {
			return nil
		}
		for i := range cls.Methods {
			if cls.Methods[i].Name == m {
				return &cls.Methods[i]
			}
		}
		return nil
	}
	if call.X.Kind != facts.ExprName {
		return nil
	}
	for i := range f.Functions {
		if f.Functions[i].Name == call.X.Name() {
			return &f.Functions[i]
		}
	}
	return nil
}

// returnsSigned reports a function that returns what a sign call of the
// catalog's signed tokens gives (return TimestampSigner().sign(token)).
func (b *builder) returnsSigned(fn *facts.Function) bool {
	found := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtReturn && s.Value != nil && b.signsPayload(s.Value, fn) {
			found = true
		}
		return !found
	})
	return found
}

// signsPayload reports a call that signs its first argument into a token:
// a sign method of a serializer the call makes (TimestampSigner().sign_object)
// or fn bound to a local, or a catalogued sign call (signing.dumps).
func (b *builder) signsPayload(c *facts.Expr, fn *facts.Function) bool {
	st := b.lang.SignedTokens
	if st == nil || c == nil || c.Kind != facts.ExprCall {
		return false
	}
	if catalog.MatchAny(st.SignCalls, c.Resolved(), c.Raw()) {
		return true
	}
	if !catalog.Match(st.SignMethods, c.Method()) {
		return false
	}
	recv := c.X.X
	if recv != nil && recv.Kind == facts.ExprName {
		recv = soleValue(recv.Name(), fn)
	}
	return recv != nil && recv.Kind == facts.ExprCall && catalog.MatchAny(st.Serializers, recv.Resolved(), recv.Raw())
}

// soleValue is the value fn's body assigns to the local name, nil when it
// assigns it none or more than one.
func soleValue(name string, fn *facts.Function) *facts.Expr {
	var v *facts.Expr
	n := 0
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprName && s.Targets[0].Name() == name {
			v, n = s.Value, n+1
		}
		return true
	})
	if n != 1 {
		return nil
	}
	return v
}
