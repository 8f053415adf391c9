package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/catalog"
)

// TestAbsentInputsDefaulted: a field of a new row given an input the
// request may leave out gets the column's default when it does (in
// JavaScript the input is then undefined, which the ORM reads as not
// given): role ?? user. A required input, a column without a default,
// and a catalog whose language stores the absent value as null
// (absent_inputs_defaulted: false) state the input as it is.
func TestAbsentInputsDefaulted(t *testing.T) {
	model := func(role string) string {
		return `
const mongoose = require("mongoose");
const roles = ["user", "admin"];
const userSchema = new mongoose.Schema({
  email: { type: String, required: true },
  role: ` + role + `,
});
module.exports = mongoose.model("User", userSchema);
`
	}
	routes := func(roleCheck string) string {
		return `
const express = require("express");
const { body } = require("express-validator");
const User = require("./user.model");
const router = express.Router();
router.post("/users", [body("email").isEmail(), ` + roleCheck + `], async (req, res) => {
  const { email, role } = req.body;
  const created = await User.create({ email, role });
  res.json(created);
});
module.exports = router;
`
	}
	const withDefault = `{ type: String, enum: roles, default: "user" }`
	const optional = `body("role").optional().isIn(["user", "admin"])`
	noDefaults, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	noDefaults.Languages["typescript"].AbsentInputsDefaulted = false
	tests := []struct {
		name, role, roleCheck string
		cat                   *catalog.Catalog
		want, not             string
	}{
		{name: "optional input, column default: the default when left out", role: withDefault, roleCheck: optional,
			want: "role: role ?? user"},
		{name: "required input: the input", role: withDefault, roleCheck: `body("role").isIn(["user", "admin"])`,
			want: "role: role", not: "??"},
		{name: "no column default: the input", role: `{ type: String, enum: roles }`, roleCheck: optional,
			want: "role: role", not: "??"},
		{name: "the language stores the absent value: the input", role: withDefault, roleCheck: optional, cat: noDefaults,
			want: "role: role", not: "??"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{Catalog: tt.cat})
			defer d.Close()
			out := distilText(t, d, map[string]string{"user.model.js": model(tt.role), "routes.js": routes(tt.roleCheck)})
			got := construct(out.Module, "Users")
			if !strings.Contains(got, tt.want) || tt.not != "" && strings.Contains(got, tt.not) {
				t.Errorf("rule:\n%s\nwant it to hold %q and not %q", got, tt.want, tt.not)
			}
		})
	}
}
