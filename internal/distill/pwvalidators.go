package distill

import (
	"strconv"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Validating a framework password form (Django's SetPasswordForm,
// PasswordChangeForm) requires what the form checks: the new password
// repeated in its confirmation input, and the configured password
// validators (AUTH_PASSWORD_VALIDATORS) passed:
//
//	f = SetPasswordForm(user, kwargs)
//	if f.is_valid(): ...
//
//	requires: new_password1 = new_password2
//	requires: length(new_password2) >= config.min_password_length
//	requires: valid_password(new_password2)
//
// The validators run on the input the form validates (catalog:
// password_form_validated_inputs; Django's SetPasswordForm validates
// new_password2 in clean_new_password2), else on the new password.
//
// The validators are read from the service's settings (catalog:
// password_validators); with no such setting, only the confirmation.

// passwordFormChecks states the preconditions of validating pf, once per
// rule.
func (rc *ruleCtx) passwordFormChecks(pf *passwordForm, sc *scope, line int) {
	key := "pwform-checked:" + pf.input
	if rc.lets[key] {
		return
	}
	rc.lets[key] = true
	p := rc.paramValue(pf.input)
	if p.kind != vParam {
		return
	}
	rc.useParam(p.param)
	pw := &allium.Ident{Name: p.param}
	rc.currentPasswordCheck(pf, sc, line)
	if c := rc.b.lang.PasswordConfirmations[pf.input]; c != "" {
		if q := rc.paramValue(c); q.kind == vParam {
			rc.useParam(q.param)
			rc.requires(&allium.Binary{Op: allium.OpEq, X: pw, Y: &allium.Ident{Name: q.param}}, sc, line)
		}
	}
	// The validators run on the input the form validates (Django's
	// forms: the repeated one, equal to the new by the requirement
	// above), else on the new password.
	validated, validatedIdent := p, pw
	if pf.validated != "" {
		if q := rc.paramValue(pf.validated); q.kind == vParam {
			rc.useParam(q.param)
			validated, validatedIdent = q, &allium.Ident{Name: q.param}
		}
	}
	for _, x := range rc.b.passwordValidatorChecks(validatedIdent, line) {
		rc.requires(x, sc, line)
	}
	rc.serviceValidators(pf.user, validated, sc, line)
}

// passwordValidatorChecks reads the configured password validators and
// returns what they require of the password pw.
func (b *builder) passwordValidatorChecks(pw allium.Expr, line int) []allium.Expr {
	pv := b.lang.PasswordValidators
	c, entries := b.passwordValidatorEntries()
	if c == nil {
		return nil
	}
	var out []allium.Expr
	general := false
	for _, entry := range entries {
		name, opts := validatorEntry(entry)
		last := name[strings.LastIndex(name, ".")+1:]
		switch {
		case containsName(pv.MinLength, last):
			n := pv.MinLengthDefault
			if opts != nil && pv.MinLengthOption != "" {
				for _, en := range opts.Entries() {
					if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == pv.MinLengthOption && en.Value.Kind == facts.ExprInt {
						if v, err := strconv.Atoi(en.Value.Value()); err == nil {
							n = v
						}
					}
				}
			}
			if n <= 0 {
				continue
			}
			bound := b.literalConfig("min_password_length", "Integer", &allium.Lit{Kind: allium.LitNumber, Text: strconv.Itoa(n)}, c.file, entry.Line())
			out = append(out, &allium.Binary{Op: allium.OpGe,
				X: &allium.Call{Fun: &allium.Ident{Name: "length"}, Args: []allium.Arg{{Value: pw}}}, Y: bound})
		case containsName(pv.General, last) && !general:
			general = true
			out = append(out, &allium.Call{Fun: &allium.Ident{Name: "valid_password"}, Args: []allium.Arg{{Value: pw}}})
		}
	}
	return out
}

// passwordValidatorEntries are the entries of the configured password
// validators setting, and the constant that holds them; nil when the
// service sets none.
func (b *builder) passwordValidatorEntries() (*constRef, []*facts.Expr) {
	pv := b.lang.PasswordValidators
	if pv == nil || pv.Setting == "" {
		return nil, nil
	}
	var c *constRef
	for name, cr := range b.ix.consts {
		if (name == pv.Setting || strings.HasSuffix(name, "."+pv.Setting)) && cr.as != nil && cr.as.Value != nil {
			if c == nil || name < qual(c.file.Module, c.as.Name) {
				c = cr // the same setting in several files: one, always the same
			}
		}
	}
	if c == nil || (c.as.Value.Kind != facts.ExprList && c.as.Value.Kind != facts.ExprTuple) {
		return nil, nil
	}
	entries := make([]*facts.Expr, len(c.as.Value.Args()))
	for i := range c.as.Value.Args() {
		entries[i] = &c.as.Value.Args()[i]
	}
	return c, entries
}

// validatorEntry reads {"NAME": "...", "OPTIONS": {...}}.
func validatorEntry(e *facts.Expr) (name string, opts *facts.Expr) {
	if e.Kind != facts.ExprDict {
		return "", nil
	}
	for i := range e.Entries() {
		en := &e.Entries()[i]
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			continue
		}
		switch en.Key.Value() {
		case "NAME":
			if en.Value.Kind == facts.ExprString {
				name = en.Value.Value()
			}
		case "OPTIONS":
			if en.Value.Kind == facts.ExprDict {
				opts = &en.Value
			}
		}
	}
	return name, opts
}

func containsName(list []string, n string) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// passwordSetCheck reads user.has_usable_password() as exists
// user.password; nil for any other call.
func (rc *ruleCtx) passwordSetCheck(e *facts.Expr, method string, recv *value) *value {
	if method == "" || len(e.Args()) > 0 || recv == nil || recv.kind != vEntity || !containsName(rc.b.lang.PasswordSetChecks, method) {
		return nil
	}
	f := rc.b.passwordField(recv.ent)
	if f == nil {
		return nil
	}
	f.used = true
	rc.touch(recv)
	return exprValue(&allium.Unary{Op: allium.OpExists, X: &allium.Member{X: recv.expr, Name: f.name}})
}

// currentPasswordCheck requires the current password a password form
// checks (pf.old) to verify against the user's, once.
func (rc *ruleCtx) currentPasswordCheck(pf *passwordForm, sc *scope, line int) {
	if pf.old == "" || pf.user == nil || pf.user.kind != vEntity {
		return
	}
	f := rc.b.passwordField(pf.user.ent)
	old := rc.paramValue(pf.old)
	if f == nil || old.kind != vParam {
		return
	}
	check := &allium.Call{Fun: &allium.Ident{Name: "verify"}, Args: []allium.Arg{
		{Value: &allium.Ident{Name: old.param}}, {Value: &allium.Member{X: pf.user.expr, Name: f.name}}}}
	if rc.required(check) {
		return
	}
	rc.useParam(old.param)
	f.used = true
	rc.touch(pf.user)
	rc.requires(check, sc, line)
}

// passwordValidationCall reads a call that runs the configured password
// validators on its first argument (Django's
// validate_password(password, self.instance) in a form's _post_clean):
// what they require of that input is required. It reports false for any
// other call.
func (rc *ruleCtx) passwordValidationCall(e *facts.Expr, names []string, sc *scope, out *[]allium.Stmt) bool {
	pv := rc.b.lang.PasswordValidators
	if pv == nil || len(pv.Calls) == 0 || !catalog.MatchAny(pv.Calls, names...) || len(e.Args()) == 0 {
		return false
	}
	pw := rc.tr(&e.Args()[0], sc, out)
	if pw == nil {
		return true // the validators of something the spec cannot name
	}
	for _, x := range rc.b.passwordValidatorChecks(pw, e.Line()) {
		rc.requires(x, sc, e.Line())
	}
	return true
}
