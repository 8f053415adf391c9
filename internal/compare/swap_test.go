package compare

import (
	"testing"
)

// TestSwapPairs: the greedy pairing of a variant's units with the groups
// is improved by exchanging two pairs when both do better the other way
// round (swapPairs): flask-redash's UserResetPassword (an admin's) is
// nearest by name to the user's reset request, and greedy left its
// ForgotPassword, the user's request, the admin's rule. An exchange that
// gains too little is not made.
func TestSwapPairs(t *testing.T) {
	type key [2]string
	tests := []struct {
		name string
		sims map[key]float64
		want map[string]string // group seed -> the other variant's member
	}{
		{"crossed pairs do better together",
			map[key]float64{
				{"UserRequestsPasswordReset", "UserResetPassword"}: 0.726,
				{"AdminSendsPasswordReset", "UserResetPassword"}:   0.716,
				{"UserRequestsPasswordReset", "ForgotPassword"}:    0.661,
				{"AdminSendsPasswordReset", "ForgotPassword"}:      0.5,
			},
			map[string]string{"UserRequestsPasswordReset": "ForgotPassword", "AdminSendsPasswordReset": "UserResetPassword"}},
		{"too small a gain keeps greedy's",
			map[key]float64{
				{"UserRequestsPasswordReset", "UserResetPassword"}: 0.9,
				{"AdminSendsPasswordReset", "UserResetPassword"}:   0.87,
				{"UserRequestsPasswordReset", "ForgotPassword"}:    0.85,
				{"AdminSendsPasswordReset", "ForgotPassword"}:      0.8,
			},
			map[string]string{"UserRequestsPasswordReset": "UserResetPassword", "AdminSendsPasswordReset": "ForgotPassword"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			per := [][]*unit{
				{{v: 0, local: "AdminSendsPasswordReset"}, {v: 0, local: "UserRequestsPasswordReset"}},
				{{v: 1, local: "ForgotPassword"}, {v: 1, local: "UserResetPassword"}},
			}
			sim := func(a, b *unit) float64 {
				if s, ok := tt.sims[key{a.local, b.local}]; ok {
					return s
				}
				return tt.sims[key{b.local, a.local}]
			}
			groups := cluster("rule", 2, per, sim, 0.5)
			got := map[string]string{}
			for _, g := range groups {
				if g.members[0] != nil && g.members[1] != nil {
					got[g.members[0].local] = g.members[1].local
				}
			}
			for seed, w := range tt.want {
				if got[seed] != w {
					t.Errorf("%s is with %q, want %q (all: %v)", seed, got[seed], w, got)
				}
			}
		})
	}
}
