package distill

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
