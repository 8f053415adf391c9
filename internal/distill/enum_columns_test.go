package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestEnumColumnsNamedThroughConstants pins a column's enum option whose
// values are named through the service's constants (apihub's enum:
// AvailableUserRoles = Object.values(UserRolesEnum), kutt's
// enu("role", [ROLES.USER, ROLES.ADMIN])): the field is the inline enum of
// those values, spelt in lower case, and the code's comparisons with and
// writes of a member read as the spec's value.
func TestEnumColumnsNamedThroughConstants(t *testing.T) {
	d := New(Options{})
	const consts = `
export const ROLES = { ADMIN: "ADMIN", USER: "USER" };
export const AVAILABLE_ROLES = Object.values(ROLES);
`
	const handlers = `
import express from "express";
import { User } from "./user.model.js";
import { ROLES } from "./consts.js";
const router = express.Router();
router.post("/promote", async (req, res) => {
  const { email } = req.body;
  const account = await User.findOne({ email });
  if (!account) throw new Error("no such user");
  if (account.role !== ROLES.USER) throw new Error("already an admin");
  account.role = ROLES.ADMIN;
  await account.save();
  res.json({});
});
export default router;
`
	mongoose := func(role string) string {
		return `
import mongoose, { Schema } from "mongoose";
import { ROLES, AVAILABLE_ROLES } from "./consts.js";
const userSchema = new Schema({
  email: { type: String, required: true },
  role: ` + role + `,
});
export const User = mongoose.model("User", userSchema);
`
	}
	knex := func(role string) string {
		return `
const { ROLES } = require("./consts.js");
async function createUserTable(knex) {
  await knex.schema.createTable("users", table => {
    table.increments("id").primary();
    table.string("email").notNullable();
    ` + role + `
  });
}
module.exports = { createUserTable };
`
	}
	tests := []struct {
		name  string
		model string
		field string   // the entity's role field
		rule  []string // what rule Promote holds
	}{
		{
			name:  "Mongoose enum of an object constant's values",
			model: mongoose(`{ type: String, enum: AVAILABLE_ROLES, default: ROLES.USER }`),
			field: "role: admin | user",
			rule:  []string{"requires: account.role = user", "ensures: account.role = admin"},
		},
		{
			name:  "Mongoose enum written out, lower case already",
			model: mongoose(`{ type: String, enum: ["admin", "user"], default: "user" }`),
			field: "role: admin | user",
		},
		{
			name:  "knex enu of constant members",
			model: knex(`table.enu("role", [ROLES.USER, ROLES.ADMIN]).notNullable().defaultTo(ROLES.USER);`),
			field: "role: user | admin",
		},
		{
			name:  "knex enu with a value the spec cannot name stays a string",
			model: knex(`table.enu("role", ["user", "Power User"]).notNullable();`),
			field: "role: String",
		},
		{
			name:  "a list the service computes otherwise is no enum",
			model: mongoose(`{ type: String, enum: loadRoles() }`),
			field: "role: String",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"consts.js": consts, "user.model.js": tt.model, "routes.js": handlers})
			if got := construct(out.Module, "User"); !strings.Contains(got, tt.field) {
				t.Errorf("entity:\n%s\nwant it to hold %q", got, tt.field)
			}
			rule := construct(out.Module, "Promote")
			for _, w := range tt.rule {
				if !strings.Contains(rule, w) {
					t.Errorf("rule:\n%s\nwant it to hold %q\nspec:\n%s", rule, w, allium.Print(out.Module, allium.PrintOptions{}))
				}
			}
		})
	}
}

// TestOptionalInputConstantDefault pins `role || ROLES.USER` at a
// creation: an input the request must give is the input; one its
// validator makes optional (body("role").optional()) falls back to the
// constant, which the field's enum spells: role ?? user.
func TestOptionalInputConstantDefault(t *testing.T) {
	d := New(Options{})
	const consts = `export const ROLES = { ADMIN: "ADMIN", USER: "USER" };
`
	const model = `
import mongoose, { Schema } from "mongoose";
import { ROLES } from "./consts.js";
const userSchema = new Schema({
  email: { type: String, required: true },
  role: { type: String, enum: Object.values(ROLES), default: ROLES.USER },
});
export const User = mongoose.model("User", userSchema);
`
	routes := func(roleCheck string) string {
		return `
import express from "express";
import { body } from "express-validator";
import { User } from "./user.model.js";
import { ROLES } from "./consts.js";
const router = express.Router();
router.post("/register", [body("email").isEmail(), ` + roleCheck + `], async (req, res) => {
  const { email, role } = req.body;
  const created = await User.create({ email, role: role || ROLES.USER });
  res.json(created);
});
export default router;
`
	}
	tests := []struct {
		name, roleCheck, want string
	}{
		{name: "optional input", roleCheck: `body("role").optional().isIn(Object.values(ROLES))`, want: "role: role ?? user"},
		{name: "required input", roleCheck: `body("role").isIn(Object.values(ROLES))`, want: "role: role)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"consts.js": consts, "user.model.js": model, "routes.js": routes(tt.roleCheck)})
			if got := construct(out.Module, "Register"); !strings.Contains(got, tt.want) {
				t.Errorf("rule:\n%s\nwant it to hold %q", got, tt.want)
			}
		})
	}
}
