package distill

import "testing"

// TestOmittedArgsAbsent: in JavaScript a parameter given no argument and
// no default is undefined, so a helper's `if (user)` on it is decided (the
// insert runs, not the update); given the argument, or with a default, or
// in Python (where the call would raise), it is not.
func TestOmittedArgsAbsent(t *testing.T) {
	helper := `
async function add(params, user) {
  const data = { email: params.email };
  if (user) {
    await knex("users").where("id", user.id).update({ ...data });
  } else {
    await knex("users").insert(data);
  }
  return data;
}
`
	tests := []struct {
		name      string
		route     string
		want, not []string
	}{
		{
			name: "the object literal is the one argument: user is undefined, the insert runs",
			route: `router.post("/admin", async (req, res) => {
  await add({ email: req.body.email });
  res.send();
});`,
			want: []string{"User.created(email: email"},
			not:  []string{"if exists", "updated"},
		},
		{
			name: "a positional argument only: user is undefined too",
			route: `router.post("/admin", async (req, res) => {
  const params = req.body;
  await add(params);
  res.send();
});`,
			want: []string{"User.created(email: email"},
			not:  []string{"if exists"},
		},
		{
			name: "user given: the test stays open",
			route: `router.post("/admin", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  await add({ email: req.body.email }, user);
  res.send();
});`,
			want: []string{"exists user"},
		},
		{
			name: "a spread argument may fill user: the test stays open",
			route: `router.post("/admin", async (req, res) => {
  await add(...req.body.list);
  res.send();
});`,
			not: []string{"User.created(email: email)\n}"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilKnexRoutes(t, helper+tt.route)
			if len(tt.want) == 0 && construct(out.Module, "Admin") == "" {
				return // no rule at all says nothing wrong
			}
			wantConstruct(t, out, "Admin", tt.want, tt.not)
		})
	}
}

// distilKnexRoutes distils the tables of knexTables with an Express
// router module whose code between its imports and its export is body.
func distilKnexRoutes(t *testing.T, body string) *Output {
	t.Helper()
	d := New(Options{})
	defer d.Close()
	return distilText(t, d, map[string]string{
		"src/migrations.js": knexTables,
		"src/routes.js": `const knex = require("./knex");
const express = require("express");
const router = express.Router();
` + body + "\nmodule.exports = router;\n",
	})
}
