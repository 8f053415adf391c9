package distill

import (
	"slices"
	"strconv"
	"strings"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A service may sign several kinds of JWT whose subject claims hold
// different things: fastapi-full-stack signs {"sub": str(subject)} with
// the user's id as its access token (core/security.py:21-26) and
// {"sub": email} as its password-reset token (utils.py:104-114). A claim
// named by its key alone is then ambiguous; what a decode reads is what
// the token it decodes carries. The encoder calls are read once for the
// service (encodeSites), and a decode is paired with those it can be
// told to read back: by the audience it demands, by the secret it
// verifies with, and by the helper that reads it (verify_password_reset_token
// reads what generate_password_reset_token signs). When every paired
// site's subject holds one field of the user other than its id, the
// subject claim is that field (token.email), not the user (token.user).

// encodeSite is one JWT encoder call of the service and what its payload
// carries.
type encodeSite struct {
	kind     string // the kind of token the enclosing function issues (tokenKind)
	secret   string // the secret argument as written, "" when none is given
	audience string // the payload's audience entry as written, "" when none
	// subject: what the payload's subject entry holds: a field of the
	// user other than its id, "user" for the user (its id), "" when the
	// payload cannot be read or the entry holds anything else.
	subject string
	known   bool // the payload was read (a dict literal, or a local holding one)
}

// encodeSites reads the service's JWT encoder calls once.
func (b *builder) encodeSites() []encodeSite {
	if b.memos.encodeSitesFound {
		return b.memos.encodeSites
	}
	b.memos.encodeSitesFound = true
	st := b.lang.SignedTokens
	if st == nil {
		return nil
	}
	var sites []encodeSite
	b.eachEncoder(func(fn *facts.Function) {
		facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
			for _, x := range []*facts.Expr{s.Value, s.Cond} {
				x.Any(func(c *facts.Expr) bool {
					if c.Kind != facts.ExprCall || !b.isTokenEncoder(c.Resolved(), c.Raw()) || len(c.Args()) == 0 {
						return false
					}
					site := encodeSite{kind: tokenKind([]string{fn.Name}), secret: tokenSecretArg(c)}
					d := &c.Args()[0]
					if d.Kind == facts.ExprName {
						d = localDict(fn.Body(), d.Name())
					}
					if d != nil && d.Kind == facts.ExprDict && !payloadAltered(fn, &c.Args()[0]) {
						site.known = true
						for i := range d.Entries() {
							en := &d.Entries()[i]
							if en.Key == nil || en.Key.Kind != facts.ExprString {
								site.known = false // a spread, or a computed key
								continue
							}
							switch key := en.Key.Value(); {
							case key == "aud":
								site.audience = writtenAs(&en.Value)
							case catalog.Match(st.SubjectKeys, key):
								site.subject = b.subjectHolder(&en.Value)
							}
						}
					}
					sites = append(sites, site)
					return false
				})
			}
			return true
		})
	})
	b.memos.encodeSites = sites
	return sites
}

// payloadAltered reports a payload held by a local that the function
// changes after building it (to_encode.update({...}), to_encode["k"] =
// ...): its entries are not all in the literal.
func payloadAltered(fn *facts.Function, arg *facts.Expr) bool {
	if arg.Kind != facts.ExprName {
		return false
	}
	name := arg.Name()
	altered := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		for _, t := range s.Targets {
			if t.Kind == facts.ExprSubscript && t.X != nil && t.X.Kind == facts.ExprName && t.X.Name() == name {
				altered = true
			}
		}
		for _, x := range []*facts.Expr{s.Value, s.Cond} {
			x.Any(func(c *facts.Expr) bool {
				if c.Kind == facts.ExprCall && c.Method() != "" && c.X != nil && c.X.X != nil && c.X.X.Kind == facts.ExprName && c.X.X.Name() == name {
					altered = true
				}
				return altered
			})
		}
		return !altered
	})
	return altered
}

// tokenSecretArg is an encoder's or decoder's secret, its second argument
// (or key=) as written: jwt.encode(payload, settings.SECRET_KEY, ...).
func tokenSecretArg(c *facts.Expr) string {
	if k := c.Keyword("key"); k != nil {
		return writtenAs(k)
	}
	if len(c.Args()) > 1 {
		return writtenAs(&c.Args()[1])
	}
	return ""
}

// writtenAs is how an argument is written, for telling two apart: a
// string literal by its content (quoted), a dotted name by its text; ""
// for anything else, which tells nothing apart.
func writtenAs(e *facts.Expr) string {
	switch e.Kind {
	case facts.ExprString:
		return strconv.Quote(e.Value())
	case facts.ExprName, facts.ExprAttr:
		return e.Raw()
	}
	return ""
}

// subjectHolder names what a payload's subject entry holds: email (or
// user.email) is the user's email, a field of the user entity other than
// its id; an id, or a name that is no field of the user, is the user
// ("user"), as a subject is read by default. str(x) holds what x holds.
// "" when the entry is anything else.
func (b *builder) subjectHolder(v *facts.Expr) string {
	for v.Kind == facts.ExprCall && v.Method() == "" && v.Raw() == "str" && len(v.Args()) == 1 {
		v = &v.Args()[0]
	}
	var name string
	switch v.Kind {
	case facts.ExprName:
		name = v.Name()
	case facts.ExprAttr:
		name = v.Name()
	default:
		return ""
	}
	name = snake(name)
	ent := b.entByName[b.userEntity()]
	if ent == nil || slices.Contains(b.lang.IDAttrs, name) || name == "pk" || strings.HasSuffix(name, "_id") {
		return "user"
	}
	if f := ent.attrField(name); f != nil && !f.drop {
		return f.name
	}
	return "user"
}

// decodedSubject is the field of the user a decode's subject claim holds
// (token.email), or "" when it is the user, or when the encoder calls it
// is paired with disagree or cannot be read. call is the decoder's call;
// stack is the walk's stack, whose innermost token-reading function
// names the kind of token it reads.
func (b *builder) decodedSubject(call *facts.Expr, stack []string) string {
	sites := b.encodeSites()
	if len(sites) == 0 || call == nil {
		return ""
	}
	narrow := func(keep func(encodeSite) bool) {
		var kept []encodeSite
		for _, s := range sites {
			if keep(s) {
				kept = append(kept, s)
			}
		}
		if len(kept) > 0 {
			sites = kept
		}
	}
	if aud := call.Keyword("audience"); aud != nil {
		narrow(func(s encodeSite) bool { return s.audience != "" && s.audience == writtenAs(aud) })
	}
	if secret := tokenSecretArg(call); secret != "" {
		narrow(func(s encodeSite) bool { return s.secret == secret })
	}
	if k := readTokenKind(stack); k != "signed" {
		narrow(func(s encodeSite) bool { return s.kind == k })
	}
	holder := ""
	for i, s := range sites {
		if !s.known || s.subject == "" || i > 0 && s.subject != holder {
			return ""
		}
		holder = s.subject
	}
	if holder == "user" {
		return ""
	}
	return holder
}

// tokenReaders start the name of a function that reads a token back
// (verify_password_reset_token reads a password_reset token).
var tokenReaders = []string{"verify_", "decode_", "check_", "read_", "validate_", "parse_", "load_", "confirm_"}

// readTokenKind is the kind of token the innermost function on the stack
// that reads one names, as tokenKind names the kind a function issues:
// verify_password_reset_token -> password_reset; "signed" when none says.
func readTokenKind(stack []string) string {
	named := make([]string, len(stack))
	for i, fn := range stack {
		if j := strings.LastIndexByte(fn, '.'); j >= 0 {
			fn = fn[j+1:]
		}
		fn = snake(fn)
		for _, p := range tokenReaders {
			fn = strings.TrimPrefix(fn, p)
		}
		named[i] = fn
	}
	return tokenKind(named)
}
