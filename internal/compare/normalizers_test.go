package compare

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestNormaliserNamesFold: in a lookup's field or a call's argument, the
// functions distill writes for the catalog's normaliser_calls match the
// bare value, as lowercase(x) does; another call does not.
func TestNormaliserNamesFold(t *testing.T) {
	call := func(fn string) allium.Expr {
		return &allium.Call{Fun: &allium.Ident{Name: fn}, Args: []allium.Arg{{Value: &allium.Ident{Name: "email"}}}}
	}
	bare := exprKey(&allium.Ident{Name: "email"})
	tests := []struct {
		fn   string
		fold bool
	}{
		{"lowercase", true},
		{"lowercase_domain", true},
		{"uppercase", true},
		{"titlecase", true},
		{"nfkc", true},
		{"trim", true},
		{"trim_start", true},
		{"trim_end", true},
		{"hash", false},
	}
	for _, tt := range tests {
		if got := exprKey(stripNormalizer(call(tt.fn))) == bare; got != tt.fold {
			t.Errorf("%s(email) folds to email: %v, want %v", tt.fn, got, tt.fold)
		}
	}
}

// TestNegatedOrderingsFold: an ordering under not reads as its converse
// (not now >= t.expires is t.expires > now), so a clause a derived value
// expands to matches the one written out.
func TestNegatedOrderingsFold(t *testing.T) {
	now, exp := &allium.Ident{Name: "now"}, &allium.Member{X: &allium.Ident{Name: "t"}, Name: "expires"}
	bin := func(op string, x, y allium.Expr) *allium.Binary { return &allium.Binary{Op: op, X: x, Y: y} }
	not := func(x allium.Expr) allium.Expr { return &allium.Unary{Op: allium.OpNot, X: x} }
	tests := []struct {
		name       string
		negated    allium.Expr
		same, diff allium.Expr
	}{
		{"not now >= expires", not(bin(allium.OpGe, now, exp)), bin(allium.OpGt, exp, now), bin(allium.OpGe, exp, now)},
		{"not now > expires", not(bin(allium.OpGt, now, exp)), bin(allium.OpGe, exp, now), bin(allium.OpGt, exp, now)},
		{"not expires < now", not(bin(allium.OpLt, exp, now)), bin(allium.OpGe, exp, now), bin(allium.OpGt, exp, now)},
		{"not expires <= now", not(bin(allium.OpLe, exp, now)), bin(allium.OpGt, exp, now), bin(allium.OpGe, exp, now)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exprKey(normExpr(tt.negated))
			if want := exprKey(normExpr(tt.same)); got != want {
				t.Errorf("normalised %s = %s, want %s", tt.name, got, want)
			}
			if other := exprKey(normExpr(tt.diff)); got == other {
				t.Errorf("normalised %s = %s, the same as %s", tt.name, got, other)
			}
		})
	}
}

// TestDurationsFold: a duration reads as its length, whatever the unit it
// is written in (express-signup-verification's reset token lives
// 24*60*60*1000 ms, account.service.js:123: 24.hours and 1.day are one
// lifetime); a different length and a fraction stay apart.
func TestDurationsFold(t *testing.T) {
	dur := func(v, u string) allium.Expr { return &allium.Duration{Value: v, Unit: u} }
	tests := []struct {
		a, b allium.Expr
		same bool
	}{
		{dur("24", "hours"), dur("1", "day"), true},
		{dur("1", "days"), dur("1", "day"), true},
		{dur("60", "minutes"), dur("1", "hour"), true},
		{dur("90", "minutes"), dur("90", "minutes"), true},
		{dur("3600", "seconds"), dur("1", "hour"), true},
		{dur("48", "hours"), dur("2", "days"), true},
		{dur("23", "hours"), dur("1", "day"), false},
		{dur("2", "weeks"), dur("14", "days"), true},
		{dur("1", "week"), dur("8", "days"), false},
		{dur("0", "days"), dur("0", "seconds"), true},
		{dur("1.5", "hours"), dur("90", "minutes"), false},
	}
	for _, tt := range tests {
		if got := exprKey(tt.a) == exprKey(tt.b); got != tt.same {
			t.Errorf("%s and %s read alike: %v, want %v", allium.ExprString(tt.a), allium.ExprString(tt.b), got, tt.same)
		}
	}
}

// TestNormaliserSpellingsFold: a normalising function written two ways
// (lower and lowercase, normalise and normalize) is one function wherever
// its call stands, as a rate limit's key (recent_attempts(lower(email),
// 1.day)) where the bare value is not the same; another function stays
// apart.
func TestNormaliserSpellingsFold(t *testing.T) {
	inLimit := func(fn string) allium.Expr {
		return &allium.Call{Fun: &allium.Ident{Name: "recent_attempts"}, Args: []allium.Arg{
			{Value: &allium.Call{Fun: &allium.Ident{Name: fn}, Args: []allium.Arg{{Value: &allium.Ident{Name: "email"}}}}},
		}}
	}
	tests := []struct {
		a, b string
		same bool
	}{
		{"lower", "lowercase", true},
		{"normalise", "normalize", true},
		{"normalise_email", "normalize_email", true},
		{"lower", "uppercase", false},
		{"lowercase", "hash", false},
	}
	for _, tt := range tests {
		if got := exprKey(inLimit(tt.a)) == exprKey(inLimit(tt.b)); got != tt.same {
			t.Errorf("%s(email) and %s(email) read alike: %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}
