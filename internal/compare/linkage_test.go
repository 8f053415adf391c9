package compare

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// mustParse parses an Allium source of a test.
func mustParse(t *testing.T, name, src string) *allium.Module {
	t.Helper()
	m, diags := allium.Parse(name, []byte("-- allium: 3\n"+src))
	if diags.HasErrors() {
		t.Fatalf("%s: %v", name, diags.Errors())
	}
	return m
}

// TestConfigGroupsResembleEveryMember: two config parameters that each
// resemble a third one (token and expiry; verification and expiry) but
// not each other are not one setting, while a parameter the third one
// names the same (reset_token_expiry) still joins a group whose first
// member is worded otherwise (password_reset_timeout).
func TestConfigGroupsResembleEveryMember(t *testing.T) {
	t.Parallel()
	specs := map[string]string{
		"a": "config {\n    password_reset_timeout: Duration = 2.hours\n    email_verification_timeout: Duration = 3.days\n}\n",
		"b": "config {\n    reset_token_expiry: Duration = 30.minutes\n    access_token_ttl: Duration = 1.hour\n}\n",
		"c": "config {\n    reset_token_expiry: Duration = 1.hour\n    verification_token_expiry: Duration = 2.days\n}\n",
	}
	var vs []Variant
	for _, id := range []string{"a", "b", "c"} {
		vs = append(vs, Variant{ID: id, File: id + ".allium", Module: mustParse(t, id, specs[id])})
	}
	c := &comparison{n: len(vs), req: len(vs), vs: vs}
	c.run()
	got := map[string][3]string{}
	for _, g := range c.config {
		var row [3]string
		for v, m := range g.members {
			if m != nil {
				row[v] = m.local
			}
		}
		got[row[0]+"|"+row[1]+"|"+row[2]] = row
	}
	want := []string{
		"password_reset_timeout|reset_token_expiry|reset_token_expiry",
		"email_verification_timeout||verification_token_expiry",
		"|access_token_ttl|",
	}
	for _, w := range want {
		if _, ok := got[w]; !ok {
			t.Errorf("no config group %q; groups: %v", w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d config groups, want %d: %v", len(got), len(want), got)
	}
}

// TestTriggerBindingRenamedWithItsEntity: when Token takes the name
// AccessToken, a trigger binding named token follows only where it binds
// a Token; one binding a PasswordResetToken keeps its name.
func TestTriggerBindingRenamedWithItsEntity(t *testing.T) {
	t.Parallel()
	m := mustParse(t, "a", `entity Token {
    expires_at: Timestamp
}

entity PasswordResetToken {
    expires_at: Timestamp
}

rule ExpireTokens {
    when: token: Token.expires_at <= now
    ensures: not exists token
}

rule ExpireResetTokens {
    when: token: PasswordResetToken.expires_at <= now
    ensures: not exists token
}
`)
	c := &comparison{n: 1, rn: []*renamer{{types: map[string]string{"Token": "AccessToken"}}}}
	c.bindingRenames(0, m)
	got := map[string]string{}
	for _, r := range m.Rules {
		got[r.Name] = c.rn[0].params[r]["token"]
	}
	want := map[string]string{"ExpireTokens": "access_token", "ExpireResetTokens": ""}
	for rule, w := range want {
		if got[rule] != w {
			t.Errorf("%s: token renamed to %q, want %q", rule, got[rule], w)
		}
	}
}
