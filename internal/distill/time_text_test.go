package distill

import "testing"

// timeTextRoutes write times to knexTables' users through a helper that
// formats a Date for the database (kutt's dateToUTC) and date-fns's
// shifts, beside helpers that do more than format their parameter.
const timeTextRoutes = `
const knex = require("./knex");
const { addMinutes, addHours, format } = require("date-fns");
const express = require("express");
const router = express.Router();

function dateToUTC(date) {
  const text = date instanceof Date ? date.toISOString() : new Date(date).toISOString();
  if (knex.isSQLite) {
    return text.substring(0, 10) + " " + text.substring(11, 19);
  }
  if (knex.isMySQL) {
    return format(new Date(date), "yyyy-MM-dd HH:mm:ss");
  }
  return text;
}

function loggedDate(date) {
  console.log(date);
  return date.toISOString();
}

function fixedText(date) {
  return "2020-01-01";
}

router.post("/reset", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ reset_expires: dateToUTC(addMinutes(new Date(), 30)) });
  res.send();
});
router.post("/extend", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ reset_expires: addHours(new Date(), 2) });
  res.send();
});
router.post("/logged", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ verified: true, reset_expires: loggedDate(new Date()) });
  res.send();
});
router.post("/fixed", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ reset_expires: fixedText(new Date()) });
  res.send();
});
router.post("/shifted-by-input", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  await knex("users").where("id", user.id).update({ verified: true, reset_expires: addMinutes(new Date(), req.body.minutes) });
  res.send();
});
module.exports = router;
`

// TestTimeText: a function of the service built only of the catalog's
// time_text_calls formats its one parameter and its call reads as the
// time it is given; date-fns's shifts by a literal number read as now
// plus a duration. A helper that does anything else, or whose return
// does not read its parameter, is not read so, nor is a shift by an input.
func TestTimeText(t *testing.T) {
	runIdiomCases(t, map[string]string{"src/migrations.js": knexTables, "src/routes.js": timeTextRoutes}, []idiomCase{
		{
			name:      "a formatting helper around a date-fns shift",
			construct: "Reset",
			want:      []string{"user.reset_expires = now + 30.minutes"},
		},
		{
			name:      "a date-fns shift alone",
			construct: "Extend",
			want:      []string{"user.reset_expires = now + 2.hours"},
		},
		{
			name:      "a helper that also logs is not a formatter",
			construct: "Logged",
			notWant:   []string{"reset_expires = now"},
		},
		{
			name:      "a helper whose return does not read its parameter",
			construct: "Fixed",
			notWant:   []string{"reset_expires = now"},
		},
		{
			name:      "a shift by an input is no duration the spec can state",
			construct: "ShiftedByInput",
			notWant:   []string{"reset_expires = now"},
		},
	})
}

// TestTimeTextFilter: a lookup filtered on a formatted time compares the
// instant (kutt's newPassword: reset_password_expires: [">",
// dateToUTC(new Date())] through its update helper's entry loop).
func TestTimeTextFilter(t *testing.T) {
	files := map[string]string{"src/migrations.js": `
async function up(knex) {
  await knex.schema.createTable("users", table => {
    table.increments("id").primary();
    table.string("email").unique().notNullable();
    table.boolean("verified").notNullable().defaultTo(false);
    table.string("reset_token");
    table.dateTime("reset_expires");
  });
}
module.exports = { up };
`, "src/queries.js": knexFindHelper, "src/routes.js": `
const queries = require("./queries");
const knex = require("./knex");
const express = require("express");
const router = express.Router();
function dateToUTC(date) {
  return date.toISOString();
}
router.post("/unlock", async (req, res) => {
  const user = await queries.update({ reset_token: req.body.reset_token, reset_expires: [">", dateToUTC(new Date())] }, { verified: true });
  if (!user) return res.status(404).send();
  res.send();
});
module.exports = router;
`}
	runIdiomCases(t, files, []idiomCase{{
		name:      "a secret lookup filtered on a formatted clock",
		construct: "Unlock",
		want:      []string{"requires: user.reset_expires > now", "user.verified = true"},
	}})
}

// TestTimeComparison: date-fns's isBefore/isAfter compare their two times
// as the operator, subDays moves a time back, and the lifetime ends on
// the stored time's side; a literal lifetime of a stored <subject>_date
// is the parameter config.<subject>_lifetime, of another time it stays
// written out.
func TestTimeComparison(t *testing.T) {
	files := map[string]string{"src/migrations.js": `
async function up(knex) {
  await knex.schema.createTable("users", table => {
    table.increments("id").primary();
    table.string("email").unique().notNullable();
    table.string("password");
    table.dateTime("reset_token_date");
    table.dateTime("reset_expires");
  });
}
module.exports = { up };
`, "src/routes.js": `
const knex = require("./knex");
const { isBefore, isAfter, subDays, subHours } = require("date-fns");
const express = require("express");
const router = express.Router();
router.post("/reset", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  if (user.reset_token_date && isBefore(new Date(user.reset_token_date), subDays(new Date(), 7))) return res.status(400).send();
  await knex("users").where("id", user.id).update({ password: req.body.password });
  res.send();
});
router.post("/renew", async (req, res) => {
  const user = await knex("users").where({ email: req.body.email }).first();
  if (!user) return res.status(404).send();
  if (!isAfter(new Date(user.reset_expires), subHours(new Date(), 2))) return res.status(400).send();
  await knex("users").where("id", user.id).update({ password: req.body.password });
  res.send();
});
module.exports = router;
`}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "isBefore a time moved back by subDays, of a stored _date",
			construct: "Reset",
			want:      []string{"user.reset_token_date + config.reset_token_lifetime >= now", "reset_token_lifetime: Duration = 7.days"},
			notWant:   []string{"now - 7.days"},
		},
		{
			name:      "isAfter of another stored time keeps its lifetime written out",
			construct: "Renew",
			want:      []string{"requires: user.reset_expires + 2.hours > now"},
			notWant:   []string{"+ config.", "reset_expires_lifetime"},
		},
	})
}
