package compare

import (
	"reflect"
	"strings"
	"testing"
)

// TestRenames pairs a variant's names with the shared spec's, token by
// token, and gives none when the texts differ in shape.
func TestRenames(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, own, shared string
		want              []Rename
	}{
		{"same text", "requires: reset.used_at = null", "requires: reset.used_at = null", nil},
		{"binding and field", "requires: not token.used", "requires: not reset.used_at",
			[]Rename{{"token", "reset"}, {"used", "used_at"}}},
		{"each pair once", "ensures: Email.created(to: token.user.email, by: token)", "ensures: Email.created(to: reset.user.email, by: reset)",
			[]Rename{{"token", "reset"}}},
		{"type name", "ensures: ResetToken.created(account: account, expiry: now)", "ensures: PasswordResetToken.created(account: account, expires_at: now)",
			[]Rename{{"ResetToken", "PasswordResetToken"}, {"expiry", "expires_at"}}},
		{"shapes differ", "requires: not token.used", "requires: reset.used_at = null", nil},
		{"a literal is not a name", "ensures: token.tries = 1", "ensures: token.tries = 2", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := renames(tc.own, tc.shared); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("renames(%q, %q) = %v, want %v", tc.own, tc.shared, got, tc.want)
			}
		})
	}
}

// TestReportQuotesVariantText: the report quotes each variant's clauses as
// its own spec writes them, never in the names the alignment read them in.
// flask-accounts keeps a Boolean `used` on its reset token
// (testdata/services/flask_accounts/app/models/tokens.py:15) where the
// others keep `used_at: Timestamp?`; the two align, and the report used to
// list flask's clauses as `not reset.used_at` and `reset.used_at = true`,
// in no spec.
func TestReportQuotesVariantText(t *testing.T) {
	t.Parallel()
	specs := map[string]string{
		"django": `entity User {
    email: String
}

entity PasswordResetToken {
    user: User
    expires_at: Timestamp
    used_at: Timestamp?
}

rule ConfirmPasswordReset {
    when: ConfirmPasswordReset(reset, new_password)
    requires: reset.used_at = null
    requires: reset.expires_at > now
    ensures: reset.used_at = now
}
`,
		"flask": `entity User {
    email: String
}

entity PasswordResetToken {
    user: User
    expires_at: Timestamp
    used: Boolean
}

rule ResetPassword {
    when: ResetPassword(token, password)
    requires: not token.used
    requires: token.expires_at > now
    ensures: token.used = true
}
`,
	}
	specs["fastapi"] = strings.ReplaceAll(specs["django"], "new_password", "password")
	var vs []Variant
	for _, id := range []string{"django", "fastapi", "flask"} {
		vs = append(vs, Variant{ID: id, File: id + ".allium", Module: mustParse(t, id, specs[id])})
	}
	res, err := Compare(vs, Options{Required: func(int) int { return 2 }})
	if err != nil {
		t.Fatal(err)
	}
	rep := BuildReport(res, ReportOptions{})
	type quote struct {
		variant, text string
		renamed       []Rename
	}
	var got []quote
	for _, rm := range rep.Merge {
		for _, cl := range rm.Clauses {
			for _, h := range cl.Held {
				if h.Aligned {
					t.Errorf("%s: %q is in the shared names", h.Variant, h.Text)
				}
				got = append(got, quote{h.Variant, h.Text, h.Renamed})
			}
		}
	}
	want := []quote{
		{"flask", "requires: not token.used", []Rename{{"token", "reset"}, {"used", "used_at"}}},
		{"flask", "ensures: token.used = true", []Rename{{"token", "reset"}, {"used", "used_at"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merge view quotes\n%v\nwant\n%v", got, want)
	}
	// Every text the report quotes of a variant is made of its spec's
	// words.
	for v, vr := range rep.PerVariant {
		src := specs[res.Variants[v]]
		for _, list := range [][]Difference{vr.Beyond, vr.Differs} {
			for _, d := range list {
				text := strings.TrimPrefix(strings.TrimPrefix(d.Detail, clauseWord[d.Kind]+": "), d.Kind+": ")
				for _, tok := range identTokens(text) {
					if isIdent(tok) && !strings.Contains(src, tok) {
						t.Errorf("%s: %s %s quotes %q, not in its spec", vr.ID, d.Kind, d.Name, tok)
					}
				}
			}
		}
	}
	var note string
	for _, d := range rep.PerVariant[2].Differs {
		if d.Kind == "field" && d.Local == "used" {
			note = d.Note
		}
	}
	if want := "aligned as one fact with the Timestamp `used_at` of django, fastapi: `not used` reads as `used_at = null`"; note != want {
		t.Errorf("flask's used note = %q, want %q", note, want)
	}
}
