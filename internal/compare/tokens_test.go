package compare

import (
	"reflect"
	"testing"

	"github.com/distill/distill/internal/summary"
)

func TestNameTokens(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"expires_at", []string{"expir"}},
		{"expiry", []string{"expir"}},
		{"expiration", []string{"expir"}},
		{"exp", []string{"expir"}}, // the JWT claim's name, borrowed by token rows
		{"failed_login_attempts", []string{"attempt", "fail", "login"}},
		{"user_signed_up", []string{"register", "user"}},
		{"Register2", []string{"register"}}, // a rule's path counter is no part of its name
		{"oauth2_token", []string{"oauth", "token"}},
		{"PasswordResetToken", []string{"password", "reset", "token"}},
		{"HTTPRequest", []string{"http", "request"}},
		{"is_valid", []string{"valid"}},
		{"at", []string{"at"}}, // a stop word alone is kept
		{"next_renewal_at", []string{"next", "renew"}},
		// Phrasal verbs written as two words meet the one word.
		{"UserLogsIn", []string{"login", "user"}},
		{"user_logged_out", []string{"logout", "user"}},
		{"SignIn", []string{"login"}},
		{"signup", []string{"register"}},
		{"UserSignsUp", []string{"register", "user"}},
		{"registration_open", []string{"open", "register"}},
		{"log_entries", []string{"entr", "log"}},
		// Confirming, verifying and activating are one step, whatever
		// the suffix; being active is not.
		{"AccountActivationToken", []string{"account", "token", "verif"}},
		{"activate_account", []string{"account", "verif"}},
		{"ConfirmationToken", []string{"token", "verif"}},
		{"is_active", []string{"activ"}},
	}
	for _, tt := range tests {
		if got := nameTokens(tt.name); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("nameTokens(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNameSim(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
	}{
		{"expires_at", "expiry", 1, 1},
		{"exp", "expires_at", 1, 1},
		{"failed_attempts", "failed_login_attempts", 0.8, 0.8},
		{"created_at", "expires_at", 0, 0},
		{"reset_token_expiry", "token_expiry", 0.8, 0.8},
		{"email", "email", 1, 1},
	}
	for _, tt := range tests {
		if got := nameSim(tt.a, tt.b); got < tt.min-1e-9 || got > tt.max+1e-9 {
			t.Errorf("nameSim(%q, %q) = %v, want in [%v, %v]", tt.a, tt.b, got, tt.min, tt.max)
		}
	}
}

// TestTypeSimilarity pins when two declarations are one type: a shared
// user field is no evidence that a one-field token is another flow's
// token, while a same-named entity and an enum of the same values pair.
func TestTypeSimilarity(t *testing.T) {
	decl := func(kind, name string, members ...string) *unit {
		u := &unit{kind: kind, local: name, tokens: nameTokens(name)}
		for _, m := range members {
			u.feat = append(u.feat, nameTokens(m)...)
		}
		u.feat = sortedSet(u.feat)
		return u
	}
	for _, tc := range []struct {
		a, b *unit
		pair bool
	}{
		{decl(summary.KindEntity, "Token", "user"), decl(summary.KindEntity, "EmailVerificationToken", "user", "expires_at", "used"), false},
		{decl(summary.KindEntity, "Token", "user"), decl(summary.KindEntity, "AuthToken", "user", "key", "created"), true},
		{decl(summary.KindEntity, "Session", "user"), decl(summary.KindEntity, "Session", "user", "created_at", "revoked"), true},
		{decl(summary.KindEntity, "ResetToken", "user", "expires_at"), decl(summary.KindEntity, "PasswordResetToken", "user", "expires_at"), true},
		{decl(summary.KindEnum, "AccountStatus", "active", "locked"), decl(summary.KindEnum, "MemberStatus", "active", "locked"), true},
	} {
		s := typeSimilarity(tc.a, tc.b)
		if got := s >= 0.5; got != tc.pair {
			t.Errorf("%s ~ %s = %.2f, pair %v, want %v", tc.a.local, tc.b.local, s, got, tc.pair)
		}
	}
}
