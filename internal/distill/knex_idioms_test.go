package distill

import "testing"

// knexTables is a knex migration: the tables as the schema builder
// declares them.
const knexTables = `
async function up(knex) {
  if (!(await knex.schema.hasTable("users"))) {
    await knex.schema.createTable("users", table => {
      table.increments("id").primary();
      table.string("email").unique().notNullable();
      table.string("apikey");
      table.boolean("verified").notNullable().defaultTo(false);
      table.enu("status", ["active", "locked"]).notNullable().defaultTo("active");
      table.dateTime("reset_expires");
      table.integer("invited_by_id").unsigned().references("id").inTable("users");
      table.integer("team_id").references("id").inTable("teams");
      table.timestamps(false, true);
    });
  }
  await knex.schema.createTable("sessions", t => {
    t.increments("id");
    t.integer("user_id").notNullable().references("id").inTable("users");
    t.dateTime("expires_at").notNullable();
  });
}
module.exports = { up };
`

// knexRoutes queries the tables of knexTables with knex("users").
const knexRoutes = `
const knex = require("./knex");
const bcrypt = require("bcrypt");
const express = require("express");
const router = express.Router();
router.post("/verify", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ verified: true });
  res.send();
});
router.post("/signup", async (req, res) => {
  await knex("users").insert({ email: req.body.email, apikey: "x" });
  res.send();
});
router.post("/remove", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).del();
  res.send();
});
router.post("/expire", async (req, res) => {
  const user = await knex("users").where("email", req.body.email).andWhere("apikey", req.body.key).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ apikey: null });
  res.send();
});
router.post("/create", async (req, res) => {
  req.body.apikey = await bcrypt.hash(req.body.apikey, 10);
  await knex("users").insert({ email: req.body.email, apikey: req.body.apikey }, "*");
  res.send();
});
module.exports = router;
`

// TestKnexIdioms pins the knex shapes: tables declared by the schema
// builder are entities named as their tables' models.
func TestKnexIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name:      "a table's columns: types, notNullable, defaults, enum values, a self reference, timestamps; the key and an unknown table's reference dropped",
			files:     map[string]string{"src/migrations.js": knexTables},
			construct: "User",
			want: []string{"email: String\n", "apikey: String?\n", "verified: Boolean\n", "status: active | locked\n",
				"reset_expires: Timestamp?\n", "invited_by: User?\n", "created_at: Timestamp\n"},
			notWant: []string{"team", " id:"},
		},
		{
			name:      "a reference to another declared table, required",
			files:     map[string]string{"src/migrations.js": knexTables},
			construct: "Session",
			want:      []string{"user: User\n", "expires_at: Timestamp\n"},
		},
		{
			name:      "knex(table).where({...}).first() is a lookup, where(col, v).update({...}) an update of the row found",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Verify",
			want:      []string{"let user = User{email}", "requires: exists user", "ensures: user.verified = true"},
		},
		{
			name:      "insert({...}) creates the row, with the columns' defaults (not the database's timestamps)",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Signup",
			want:      []string{"User.created(email: email, apikey: \"x\", status: active, verified: false)"},
			notWant:   []string{"created_at"},
		},
		{
			name:      "del() on the row found deletes it",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Remove",
			want:      []string{"requires: exists user", "ensures: not exists user"},
		},
		{
			name:      "where(col, v) and andWhere(col, v) filter the lookup",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Expire",
			want:      []string{"let user = User{email, apikey: key}", "ensures: user.apikey = null"},
		},
		{
			name:      "insert(row, returning): the row is the first argument; an input the handler replaced is read as set",
			files:     map[string]string{"src/migrations.js": knexTables, "src/routes.js": knexRoutes},
			construct: "Create",
			want:      []string{"User.created(email: email, apikey: hash(apikey)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, distilText(t, d, tt.files), tt.construct, tt.want, tt.notWant)
		})
	}
}
