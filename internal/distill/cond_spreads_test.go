package distill

import "testing"

// TestConditionalSpreads: ...(cond && {k: v}) in a row's object literal
// adds its entries when the walk knows cond holds (the caller handed the
// value in), none when it knows cond fails, and stays an opaque spread
// otherwise (then the row's column defaults go unstated).
func TestConditionalSpreads(t *testing.T) {
	tests := []struct {
		name      string
		args      string
		want, not []string
	}{
		{
			name: "both conditions hold: the entries are the row's",
			args: `{ email: req.body.email, role: "locked", verified: true }`,
			want: []string{"status: locked", "verified: true"},
		},
		{
			name: "verified given false: `!== undefined` holds, the entry is false",
			args: `{ email: req.body.email, role: "locked", verified: false }`,
			want: []string{"status: locked", "verified: false"},
		},
		{
			name: "role null: that spread adds nothing, the column keeps its default",
			args: `{ email: req.body.email, role: null, verified: true }`,
			want: []string{"verified: true", "status: active"},
		},
		{
			name: "role an input: not known, that spread stays opaque (no default stated)",
			args: `{ email: req.body.email, role: req.body.role, verified: true }`,
			want: []string{"User.created(email: email, verified: true)"},
			not:  []string{"status"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, distilKnexRoutes(t, `async function add(params) {
  const data = {
    email: params.email,
    ...(params.role && { status: params.role }),
    ...(params.verified !== undefined && { verified: params.verified }),
  };
  await knex("users").insert(data);
}
router.post("/admin", async (req, res) => {
  await add(`+tt.args+`);
  res.send();
});`), "Admin", tt.want, tt.not)
		})
	}
}
