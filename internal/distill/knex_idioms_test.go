package distill

import (
	"slices"
	"strings"
	"testing"
)

// The knex shapes (TestExpressIdioms): tables declared by the schema
// builder are entities named as their tables' models, and knex("users")
// queries are lookups, creations, updates and deletions of them.

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
  await knex.table("users").where("id", user.id).del();
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

// knexFindHelper is kutt's find(match): a query filtered in place, once
// per entry of the object the caller hands in, a list entry spread as the
// filter's operator and value.
const knexFindHelper = `
const knex = require("./knex");
async function find(match) {
  const query = knex("users");
  Object.entries(match).forEach(([key, value]) => {
    query.andWhere(key, ...(Array.isArray(value) ? value : [value]));
  });
  const user = await query.first();
  return user;
}
async function update(match, changes) {
  const query = knex("users");
  Object.entries(match).forEach(([key, value]) => {
    query.andWhere(key, ...(Array.isArray(value) ? value : [value]));
  });
  const user = await query.first();
  if (!user) return null;
  await knex("users").where("id", user.id).update({ ...changes, status: "active" });
  return user;
}
module.exports = { find, update };
`

// knexFindRoutes call knexFindHelper's find.
const knexFindRoutes = `
const knex = require("./knex");
const queries = require("./queries");
const express = require("express");
const router = express.Router();
router.post("/verify", async (req, res) => {
  const user = await queries.find({ email: req.body.email, apikey: req.body.key });
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ verified: true });
  res.send();
});
router.post("/reset", async (req, res) => {
  const user = await queries.find({ email: req.body.email, reset_expires: [">", new Date()] });
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ verified: true });
  res.send();
});
router.post("/confirm", async (req, res) => {
  const user = await queries.update({ email: req.body.email }, { verified: true });
  if (!user) return res.status(404).send();
  res.send();
});
router.post("/rekey", async (req, res) => {
  const user = await queries.update({ id: req.user.id }, { apikey: "k" });
  res.send({ apikey: user.apikey });
});
router.post("/by-body", async (req, res) => {
  const user = await queries.find(req.body);
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ verified: true });
  res.send();
});
module.exports = router;
`

// TestEntryLoopLeftOut pins the lookups an entry loop must not state in
// part: an object that is no literal at the call (find(req.body)) has
// entries the code cannot list, so its lookup is left out. A list entry
// spread into the filter's arguments (andWhere(key, ">", now)) is a
// comparison the row found must pass, stated with the lookup by the other
// entries (splitComparisons), never that lookup alone.
func TestEntryLoopLeftOut(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/migrations.js": knexTables, "src/queries.js": knexFindHelper, "src/routes.js": knexFindRoutes})
	if got := construct(out.Module, "ByBody"); strings.Contains(got, "User{") {
		t.Errorf("rule ByBody states a lookup:\n%s", got)
	}
	if note := "src/queries.js:8: the lookup of user left out of handler ByBody (src/routes.js:27)"; !slices.Contains(out.Notes, note) {
		t.Errorf("notes lack %q: %v", note, out.Notes)
	}
	wantConstruct(t, out, "Reset", []string{"let user = User{email}", "requires: user.reset_expires > now", "requires: exists user"}, nil)
}

// TestBulkUpdateUnlistedSpread: an update whose object spreads a local
// the walk cannot list (kutt's add: {...data, updated_at} with data built
// of conditional spreads) states the values it can and notes the rest.
func TestBulkUpdateUnlistedSpread(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/migrations.js": knexTables, "src/routes.js": `
const knex = require("./knex");
const express = require("express");
const router = express.Router();
router.post("/refresh", async (req, res) => {
  const data = {
    email: req.body.email,
    ...(req.body.verified !== undefined && { verified: req.body.verified }),
  };
  await knex("users").where("id", req.user.id).update({ ...data, apikey: "k" });
  res.send();
});
module.exports = router;
`})
	got := construct(out.Module, "Refresh")
	if !strings.Contains(got, `apikey = "k"`) {
		t.Errorf("rule Refresh lacks the listed value:\n%s", got)
	}
	const note = "src/routes.js:10: a value of a bulk update left out of rule Refresh"
	if !slices.Contains(out.Notes, note) {
		t.Errorf("notes lack %q: %v", note, out.Notes)
	}
}

// TestStateMiddleware: a route's middleware of the service that changes
// state and hands the request on (kutt's auth.verify before the page
// renders, renders.routes.js:114) is a handler of its own; one that only
// checks (no await) and the page renderer are not.
func TestStateMiddleware(t *testing.T) {
	runIdiomCases(t, map[string]string{"src/migrations.js": knexTables, "src/routes.js": `
const knex = require("./knex");
const express = require("express");
const router = express.Router();
async function confirm(req, res, next) {
  if (!req.params.key) return next();
  const user = await knex("users").where({ apikey: req.params.key }).first();
  if (user) {
    await knex("users").where("id", user.id).update({ verified: true });
  }
  return next();
}
function checked(req, res, next) {
  if (!req.params.key) throw new Error("no key");
  next();
}
function page(req, res) {
  res.render("confirmed");
}
router.get("/confirm/:key", asyncHandler(confirm), checked, asyncHandler(page));
module.exports = router;
`}, []idiomCase{{
		name:      "the middleware that writes is a rule",
		construct: "Confirm",
		want:      []string{"verified = true"},
	}})
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{"src/migrations.js": knexTables, "src/routes.js": `
const express = require("express");
const router = express.Router();
function checked(req, res, next) {
  if (!req.params.key) throw new Error("no key");
  next();
}
function page(req, res) {
  res.render("confirmed");
}
router.get("/confirm/:key", checked, page);
module.exports = router;
`})
	for _, r := range out.Module.Rules {
		if r.Name == "Checked" {
			t.Errorf("a checking middleware became rule %s", r.Name)
		}
	}
	for _, n := range out.Notes {
		if strings.Contains(n, "handler checked") {
			t.Errorf("a checking middleware was read as a handler: %s", n)
		}
	}
}

// TestKnexCachedRowAndOptionalChain pins two shapes of kutt's: a lookup
// helper that answers a cached copy of the row when a cache holds one
// (queries/user.queries.js:11-36: if (cachedUser) return
// JSON.parse(cachedUser), then the row queried) stands for the row; and a
// test of a row's attribute through an optional chain (user?.verified,
// validators.handler.js:404) holds only when the row exists.
func TestKnexCachedRowAndOptionalChain(t *testing.T) {
	files := map[string]string{
		"src/migrations.js": knexTables,
		"src/queries.js": `
const knex = require("./knex");
const redis = require("./redis");
async function find(match) {
  if (match.id) {
    const cachedUser = await redis.client.get("user:" + match.id);
    if (cachedUser) return JSON.parse(cachedUser);
  }
  const user = await knex("users").where("id", match.id).first();
  return user;
}
async function remove(user) {
  await knex("users").where("id", user.id).delete();
}
module.exports = { find, remove };
`,
		"src/routes.js": `
const knex = require("./knex");
const queries = require("./queries");
const express = require("express");
const router = express.Router();
router.delete("/admin/:id", async (req, res) => {
  const user = await queries.find({ id: req.params.id });
  if (!user) return res.status(400).send();
  await queries.remove(user);
  res.send();
});
router.post("/signup", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (user?.verified) return res.status(400).send();
  await knex("users").insert({ email: req.body.email, apikey: "k" });
  res.send();
});
module.exports = router;
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the cached copy stands for the row",
			construct: "AdminId",
			want:      []string{"when: AdminId(user)", "requires: exists user", "ensures: not exists user"},
		},
		{
			name:      "an optional chain tests the row's existence too",
			construct: "Signup",
			want:      []string{"let user = User{email}", "requires: not exists user or not user.verified"},
			notWant:   []string{"requires: not user.verified"},
		},
	})
}
