package typescript

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

func extract(t testing.TB, path, src string) *facts.File {
	t.Helper()
	p := syntax.NewParser(0)
	defer p.Close()
	f, err := New().Extract(context.Background(), p, facts.Source{Path: path, Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// lines splits a want block, dropping the first and last line breaks
// and a common tab indent.
func lines(s string) []string {
	s = strings.Trim(s, "\n")
	var out []string
	for _, l := range strings.Split(s, "\n") {
		out = append(out, strings.TrimPrefix(l, "\t\t\t"))
	}
	return out
}

func TestShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, path, src, want string
	}{
		{
			name: "es imports",
			path: "src/auth/auth.service.ts",
			src: `import express, { Router as R, type Request } from 'express';
import * as bcrypt from 'bcrypt';
import 'reflect-metadata';
import { User } from '../users/user.entity.js';
import cfg from './config';
import db = require('./db');
`,
			want: `
			import express name default as express = express
			import express name Router as R = express.Router
			import express name Request as Request = express.Request
			import bcrypt as bcrypt = bcrypt
			import reflect-metadata
			import src.users.user.entity name User as User = src.users.user.entity.User level 2
			import src.auth.config name default as cfg = src.auth.config level 1
			import src.auth.db as db = src.auth.db level 1`,
		},
		{
			name: "require forms and destructured aliases",
			path: "lib/routes/index.js",
			src: `const express = require('express');
const { sign, verify: check } = require('jsonwebtoken');
const Router = require('express').Router;
const { Schema } = mongoose, local = 1;
const mongoose = require('mongoose');
function f() {
  const util = require('../util');
  return util.x(sign);
}
`,
			want: `
			import express as express = express
			import jsonwebtoken name sign as sign = jsonwebtoken.sign
			import jsonwebtoken name verify as check = jsonwebtoken.verify
			import express name Router as Router = express.Router
			import mongoose name Schema as Schema = mongoose.Schema
			import mongoose as mongoose = mongoose
			import lib.util as util = lib.util level 2 local
			const local = 1
			def lib.routes.f()
			  import
			  return lib.util.x(jsonwebtoken.sign)`,
		},
		{
			name: "es exports",
			path: "app/api/users/route.ts",
			src: `export const runtime = 'nodejs';
export async function POST(req: Request) { return null; }
export { helper as h, other };
export * from './types';
export * as schemas from './schemas';
export default withAuth(handler);
export = legacy;
`,
			want: `
			export runtime local runtime
			export POST local POST
			export h local helper
			export other local other
			export * from app.api.users.types
			export schemas from app.api.users.schemas
			export default value withAuth(handler)
			export default local legacy value legacy
			const runtime = "nodejs"
			async def app.api.users.route.POST(req: Request)
			  return None`,
		},
		{
			name: "default exports of declarations",
			path: "pages/api/hello.js",
			src: `export default async (req, res) => { res.status(200).json({ ok: true }); };
`,
			want: `
			export default local default
			async def pages.api.hello.default(req, res)
			  res.status(200).json({"ok": true})`,
		},
		{
			name: "commonjs exports",
			path: "controllers/auth.js",
			src: `exports.login = async (req, res) => { res.end(); };
module.exports.TTL = 3600;
module.exports = { login, logout: doLogout, ping() { return 1; } };
`,
			want: `
			export login local login
			export TTL value 3600
			export login local login value login
			export logout local doLogout value doLogout
			export ping local ping
			async def controllers.auth.login(req, res)
			  res.end()
			def controllers.auth.ping()
			  return 1`,
		},
		{
			name: "commonjs exports of required modules",
			path: "_helpers/db.js",
			src: `module.exports = { Account: require('accounts/account.model'), Token: require('./token.model'), isValidId };
exports.Role = require('../role');
`,
			want: `
			export Account from accounts/account.model
			export Token from _helpers.token.model
			export isValidId local isValidId value isValidId
			export Role from role`,
		},
		{
			name: "nest controller with decorated parameters",
			path: "src/users/users.controller.ts",
			src: `import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Controller('users')
@UseGuards(AuthGuard('jwt'))
export class UsersController implements OnModuleInit {
  constructor(private readonly users: UsersService, plain: number) {}

  @Post(':id/reset')
  async reset(@Body() dto: ResetDto, @Param('id') id?: string): Promise<void> {}

  static create() {}
  get count(): number { return 1; }
  set count(v) {}
}
`,
			want: `
			import @nestjs/common name Body as Body = @nestjs/common.Body
			import @nestjs/common name Controller as Controller = @nestjs/common.Controller
			import @nestjs/common name Post as Post = @nestjs/common.Post
			import @nestjs/common name UseGuards as UseGuards = @nestjs/common.UseGuards
			import @nestjs/passport name AuthGuard as AuthGuard = @nestjs/passport.AuthGuard
			export UsersController local UsersController
			@@nestjs/common.Controller("users") @@nestjs/common.UseGuards(@nestjs/passport.AuthGuard("jwt")) class src.users.users.controller.UsersController implements OnModuleInit
			  users: UsersService
			  def src.users.users.controller.UsersController.constructor(users: UsersService, plain: number)
			  @@nestjs/common.Post(":id/reset") async def src.users.users.controller.UsersController.reset(@@nestjs/common.Body() dto: ResetDto, @Param("id") id: (string | None)) -> Promise[None]
			  @staticmethod def src.users.users.controller.UsersController.create()
			  @property def src.users.users.controller.UsersController.count() -> number
			    return 1
			  @count.setter def src.users.users.controller.UsersController.count(v)`,
		},
		{
			name: "typeorm entity, enum and union",
			path: "src/user.entity.ts",
			src: `export enum Status { Active = 'active', Locked = 'locked', Other }
type Role = 'member' | 'owner';
type Shape = { id: string; tags?: string[] };
interface Named extends Base { name: string }
@Entity()
export class User extends BaseEntity {
  @Column({ nullable: true }) email?: string | null;
  @OneToMany(() => Token, (t) => t.user) tokens: Token[];
  count = 0;
  handle = async (req) => req.body;
}
`,
			want: `
			export Status local Status
			export User local User
			type Role = ("member" | "owner")
			enum class src.user.entity.Status
			  Active = "active"
			  Locked = "locked"
			  Other
			interface class src.user.entity.Shape
			  id: string
			  tags: (Array[string] | None)
			interface class src.user.entity.Named(Base)
			  name: string
			@Entity() class src.user.entity.User(BaseEntity)
			  @Column({"nullable": true}) email: ((string | None) | None)
			  @OneToMany(fn src.user.entity.User.<anonymous:8>() {return Token}, fn src.user.entity.User.<anonymous:8>(t) {return t.user}) tokens: Array[Token]
			  count = 0
			  async def src.user.entity.User.handle(req)
			    return req.body`,
		},
		{
			name: "handler body: destructuring, optional chaining, throw, callbacks",
			path: "src/auth.ts",
			src: `import { prisma } from './db';
async function login(req, res) {
  const { email, password: pw = '', ...rest } = req.body;
  const [first, , third] = list;
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user?.active || user.failed >= MAX) throw new UnauthorizedException(` + "`bad ${email}`" + `);
  else if (a === null && b !== undefined || (c ?? d)) return;
  else { x += 1; i++; }
  router.post('/login', auth, async ({ body }, res) => { res.send(body?.[0]); });
  cb?.(typeof x === 'string' ? 'y' : 'n', user instanceof User, 'k' in obj);
  return (user as User)!;
}
`,
			want: `
			import src.db name prisma as prisma = src.db.prisma level 1
			async def src.auth.login(req, res)
			  {"email": email, "password": pw="", **rest} = req.body
			  [first, third] = list
			  user = await src.db.prisma.user.findUnique({"where": {"email": email}, "select": {"id": true}})
			  if (not user?.active or (user.failed >= MAX))
			    raise UnauthorizedException(f` + "`bad ${email}`" + `)
			  else
			    if (((a == None) and (b != None)) or (c or d))
			      return -
			    else
			      x += 1
			      i += 1
			  router.post("/login", auth, async fn src.auth.login.<anonymous:9>({"body": body}, res) {res.send(body?.[0])})
			  cb?.(("y" if (typeof x == "string") else "n"), (user instanceof User), ("k" in obj))
			  return user`,
		},
		{
			name: "compiled and type-only forms",
			path: "dist/index.ts",
			src: `export function parse(a: string): number;
export function parse(a: any) { return (0, util_1.toNumber)(a); }
declare const VERSION: string;
i++, j--;
const d = x === void 0 ? 1 : x;
`,
			want: `
			export parse local parse
			const d = (1 if (x == None) else x)
			def dist.parse(a: any)
			  return util_1.toNumber(a)
			i += 1
			j -= 1`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := extract(t, tt.path, tt.src)
			if f.Stats.ErrorNodes > 0 {
				t.Errorf("syntax errors at %v", f.Stats.ErrorLines)
			}
			if diff := cmp.Diff(lines(tt.want), showFile(f)); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		})
	}
}
