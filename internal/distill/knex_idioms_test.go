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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, distilText(t, d, tt.files), tt.construct, tt.want, tt.notWant)
		})
	}
}
