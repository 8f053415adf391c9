package compare

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// compareTexts compares variants given as text and fails on a shared spec
// with checker errors.
func compareTexts(t *testing.T, quorum int, texts ...string) *Result {
	t.Helper()
	var vs []Variant
	for i, src := range texts {
		vs = append(vs, parseText(t, string(rune('a'+i))+".allium", src))
	}
	opt := Options{}
	if quorum > 0 {
		opt.Required = func(int) int { return quorum }
	}
	res, err := Compare(vs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if errs := allium.Check(res.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
		t.Fatalf("shared spec has errors: %v\n%s", errs, PrintShared(res))
	}
	return res
}

// notShared lists the aligned constructs of a kind that are not shared.
func notShared(res *Result, kinds ...string) []string {
	var out []string
	for _, a := range res.Aligned {
		for _, k := range kinds {
			if a.Kind == k && !a.InShared {
				out = append(out, a.Kind+" "+a.Parent+"/"+a.Name)
			}
		}
	}
	return out
}

const userEntity = `-- allium: 3
entity User {
    email: String
    password_hash: String
    sessions: Session with user = this
}
entity Session {
    user: User
    remember: Boolean
}
`

// TestAlphaEquivalence: bindings, lets, trigger parameters and for
// variables named differently, a lookup spelled with a normalising call,
// conditions commuted, negated or split — the clauses still meet, and the
// shared rule reads them in the representative's names.
func TestAlphaEquivalence(t *testing.T) {
	a := userEntity + `
rule UserLogsIn {
    when: UserLogsIn(email, password, remember_me)

    let user = User{email}
    requires: exists user
    requires: verify(password, user.password_hash) and user.email != ""

    ensures: Session.created(user: user, remember: remember_me)
    ensures:
        for s in user.sessions:
            s.remember = false
}
`
	b := userEntity + `
rule Login {
    when: UserLogsIn(address, pwd, remember)

    let account = User{email: lower(address)}
    requires: exists account
    requires: not (account.email = "")
    requires: verify(pwd, account.password_hash)

    ensures:
        for old in account.sessions:
            old.remember = false
    ensures: Session.created(remember: remember, user: account)
}
`
	res := compareTexts(t, 0, a, b)
	if ns := notShared(res, summary.KindRule, summary.KindLet, summary.KindRequires, summary.KindEnsures); len(ns) > 0 {
		t.Errorf("not shared: %v\n%s", ns, Markdown(res, ReportOptions{}))
	}
	got := string(PrintShared(res))
	// The representative is b (of the rule names each used once, Login
	// sorts first); the clauses come from a, in b's names.
	for _, want := range []string{
		"when: UserLogsIn(address, pwd, remember)",
		"let account = User{email: address}",
		"requires: verify(pwd, account.password_hash) and account.email != \"\"",
		"for old in account.sessions:",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("shared spec lacks %q:\n%s", want, got)
		}
	}
}

// TestParamsPairedByUse: parameters whose names say nothing of each other
// and whose order differs pair by how the rules use them (the join field
// they look up, the argument of verify they are), not by position.
func TestParamsPairedByUse(t *testing.T) {
	a := userEntity + `
rule UserLogsIn {
    when: UserLogsIn(key, mail)
    let user = User{email: mail}
    requires: verify(key, user.password_hash)
    ensures: Session.created(user: user, remember: false)
}
`
	b := userEntity + `
rule UserLogsIn {
    when: UserLogsIn(address, password)
    let user = User{email: address}
    requires: verify(password, user.password_hash)
    ensures: Session.created(user: user, remember: false)
}
`
	res := compareTexts(t, 0, a, b)
	if ns := notShared(res, summary.KindRule, summary.KindLet, summary.KindRequires, summary.KindEnsures); len(ns) > 0 {
		t.Errorf("not shared: %v\n%s", ns, Markdown(res, ReportOptions{}))
	}
}

// TestRuleByTriggerParams: of two rules with the same effect, a rule
// aligns with the one whose stimulus carries what its own carries.
func TestRuleByTriggerParams(t *testing.T) {
	mail := userEntity + `
entity Email {
    to: String
}
`
	a := mail + `
rule ForgotPassword {
    when: ForgotPassword(email)
    ensures: Email.created(to: "support")
}
`
	b := mail + `
rule AdminSendsPasswordReset {
    when: AdminSendsPasswordReset(admin, user)
    ensures: Email.created(to: "support")
}

rule UserRequestsPasswordReset {
    when: UserRequestsPasswordReset(email)
    ensures: Email.created(to: "support")
}
`
	res := compareTexts(t, 0, a, b)
	for _, al := range res.Aligned {
		if al.Kind != summary.KindRule || !al.Variants[0].Present {
			continue
		}
		if got := al.Variants[1].LocalName; got != "UserRequestsPasswordReset" {
			t.Errorf("ForgotPassword aligned with %q, want UserRequestsPasswordReset", got)
		}
	}
}

// TestRuleByEffect: rules whose names share little align when their
// ensures set the same field; rules that share only a name do not.
func TestRuleByEffect(t *testing.T) {
	ent := `-- allium: 3
entity User {
    email: String
    is_email_verified: Boolean
    disabled: Boolean
}
entity Token {
    user: User
}
`
	a := ent + `
rule Verify {
    when: Verify(token)
    ensures: token.user.is_email_verified = true
}
rule UserDisables {
    when: UserDisables(user)
    ensures: user.disabled = true
}
`
	b := ent + `
rule UserVerifiesEmail {
    when: UserVerifiesEmail(user)
    ensures: user.is_email_verified = true
}
rule UserDisables {
    when: AdminRemovesAccount(user)
    ensures: not exists user
}
`
	res := compareTexts(t, 0, a, b)
	rules := map[string]string{}
	for _, al := range res.Aligned {
		if al.Kind == summary.KindRule {
			var locals []string
			for _, p := range al.Variants {
				locals = append(locals, p.LocalName)
			}
			rules[al.Name] = strings.Join(locals, ",")
		}
	}
	var verify string
	for _, l := range rules {
		if strings.Contains(l, "Verify") {
			verify = l
		}
	}
	if verify != "Verify,UserVerifiesEmail" {
		t.Errorf("Verify and UserVerifiesEmail should align; rules: %v", rules)
	}
	for name, l := range rules {
		if l == "UserDisables,UserDisables" {
			t.Errorf("%s: rules that share only a name aligned", name)
		}
	}
}

// TestSharedClauseBringsItsLet: a shared clause brings the let it reads,
// with the value most variants give, and a comment and a note say so.
func TestSharedClauseBringsItsLet(t *testing.T) {
	rule := func(lookup string) string {
		return userEntity + `
rule UserLogsIn {
    when: UserLogsIn(email, password)

    let user = ` + lookup + `
    requires: exists user

    ensures: Session.created(user: user, remember: false)
}
`
	}
	res := compareTexts(t, 0, rule("User{email}"), rule("User{email: email, password_hash: hash(password)}"), rule("User{email}"))
	got := string(PrintShared(res))
	if !strings.Contains(got, "    let user = User{email}\n    requires: exists user") {
		t.Errorf("the shared rule should bind user as most variants do:\n%s", got)
	}
	if !strings.Contains(got, "variants bind user differently") {
		t.Errorf("the shared spec should say the bindings differ:\n%s", got)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "rule UserLogsIn") {
		t.Errorf("notes: %q", res.Notes)
	}
	if !strings.Contains(string(Markdown(res, ReportOptions{})), "## Choices the shared spec made") {
		t.Error("the report should list the choice")
	}
}

// TestDifferingOutcomes: a rule whose trigger the quorum shares but whose
// outcomes agree in nothing is listed in the report, not dropped silently;
// one whose outcomes create the same entity keeps it in general form.
func TestDifferingOutcomes(t *testing.T) {
	ent := `-- allium: 3
entity User {
    email: String
    locked: Boolean
    notes: String
}
entity Email {
    to: String
    template: welcome | reset
}
`
	a := ent + `
rule UserRequestsReset {
    when: UserRequestsReset(user)
    ensures: Email.created(to: user.email, template: reset)
}
rule UserLocks {
    when: UserLocks(user)
    ensures: user.locked = true
}
`
	b := ent + `
rule UserRequestsReset {
    when: UserRequestsReset(user)
    ensures: Email.created(to: user.email, template: welcome)
}
rule UserLocks {
    when: UserLocks(user)
    ensures: user.notes = "locked"
}
`
	res := compareTexts(t, 0, a, b)
	got := string(PrintShared(res))
	if !strings.Contains(got, "ensures: Email.created(to: user.email)") {
		t.Errorf("the reset rule should keep its email in general form:\n%s", got)
	}
	if strings.Contains(got, "rule UserLocks") || len(res.DifferingOutcomes) != 1 || res.DifferingOutcomes[0] != "UserLocks" {
		t.Errorf("UserLocks should be listed as differing: %v\n%s", res.DifferingOutcomes, got)
	}
	md := string(Markdown(res, ReportOptions{}))
	if !strings.Contains(md, "## Shared trigger, differing outcomes\n") || !strings.Contains(md, "  - b: `ensures: user.notes = \"locked\"`") {
		t.Errorf("the report should list UserLocks' outcomes:\n%s", md)
	}
}
