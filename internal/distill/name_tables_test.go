package distill

import "testing"

// Tables of names a field's values are given through (issue 13's first
// defect, and the held-out check's hagopj13/node-express-boilerplate):
// a module exporting nothing but names whose entries a schema path
// without an enum option is set to and compared with; an enum option
// listing an object's keys; and a signing helper handed the kind of
// token its payload claims.

// exportedRolesService: express-signup-verification's layout
// (_helpers/role.js exported whole, accounts/account.model.js:11's role
// path, account.service.js:91's conditional, accounts.controller.js:71's
// check).
func exportedRolesService() map[string]string {
	return map[string]string{
		"helpers/role.js": `module.exports = {
    Admin: 'Admin',
    User: 'User'
}
`,
		"models/account.js": `const mongoose = require('mongoose');
const Schema = mongoose.Schema;

const schema = new Schema({
    email: { type: String, unique: true, required: true },
    role: { type: String, required: true }
});

module.exports = mongoose.model('Account', schema);
`,
		"routes/accounts.js": `const express = require('express');
const router = express.Router();
const Account = require('../models/account');
const Role = require('../helpers/role');

router.post('/register', register);
router.delete('/:id', removeAccount);

async function register(req, res) {
    const isFirstAccount = (await Account.countDocuments({})) === 0;
    const account = new Account({ email: req.body.email });
    account.role = isFirstAccount ? Role.Admin : Role.User;
    await account.save();
    res.json({ message: 'ok' });
}

async function removeAccount(req, res) {
    const account = await Account.findById(req.params.id);
    if (!account) {
        return res.status(404).json({ message: 'Not found' });
    }
    if (account.role === Role.Admin) {
        return res.status(403).json({ message: 'Forbidden' });
    }
    await Account.deleteOne({ _id: req.params.id });
    res.json({ message: 'deleted' });
}

module.exports = router;
`,
	}
}

// keyedRolesService: hagopj13's config/roles.js (roles =
// Object.keys(allRoles)) and models/user.model.js's enum: roles.
func keyedRolesService() map[string]string {
	return map[string]string{
		"config/roles.js": `const allRoles = {
  user: [],
  admin: ['getUsers', 'manageUsers'],
};

const roles = Object.keys(allRoles);
const roleRights = new Map(Object.entries(allRoles));

module.exports = {
  roles,
  roleRights,
};
`,
		"models/user.js": `const mongoose = require('mongoose');
const { roles } = require('../config/roles');

const userSchema = mongoose.Schema({
  email: { type: String, required: true, unique: true },
  plan: { type: String, enum: roles, default: 'user' },
});

module.exports = mongoose.model('User', userSchema);
`,
		"routes/users.js": `const express = require('express');
const router = express.Router();
const User = require('../models/user');

router.post('/users', async (req, res) => {
  const user = await User.create({ email: req.body.email });
  res.status(201).send(user);
});

module.exports = router;
`,
	}
}

// kindedTokensService: hagopj13's services/token.service.js, one signing
// helper handed each token's kind by the function issuing the pair.
func kindedTokensService() map[string]string {
	return map[string]string{
		"config/tokens.js": `const tokenTypes = {
  ACCESS: 'access',
  REFRESH: 'refresh',
};

module.exports = { tokenTypes };
`,
		"models/user.js": `const mongoose = require('mongoose');

const userSchema = mongoose.Schema({
  email: { type: String, required: true, unique: true },
  password: { type: String, required: true },
});

module.exports = mongoose.model('User', userSchema);
`,
		"services/token.js": `const jwt = require('jsonwebtoken');
const moment = require('moment');
const { tokenTypes } = require('../config/tokens');

const generateToken = (userId, expires, type, secret = 'secret') => {
  const payload = {
    sub: userId,
    iat: moment().unix(),
    exp: expires.unix(),
    type,
  };
  return jwt.sign(payload, secret);
};

const generateAuthTokens = async (user) => {
  const accessTokenExpires = moment().add(30, 'minutes');
  const accessToken = generateToken(user.id, accessTokenExpires, tokenTypes.ACCESS);
  const refreshTokenExpires = moment().add(30, 'days');
  const refreshToken = generateToken(user.id, refreshTokenExpires, tokenTypes.REFRESH);
  return { access: accessToken, refresh: refreshToken };
};

module.exports = { generateToken, generateAuthTokens };
`,
		"routes/auth.js": `const express = require('express');
const bcrypt = require('bcryptjs');
const router = express.Router();
const User = require('../models/user');
const tokenService = require('../services/token');

router.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user || !(await bcrypt.compare(req.body.password, user.password))) {
    return res.status(401).send({ message: 'Incorrect email or password' });
  }
  const tokens = await tokenService.generateAuthTokens(user);
  res.send({ user, tokens });
});

module.exports = router;
`,
	}
}

func TestNameTablesTypeFields(t *testing.T) {
	t.Run("a module exporting only names types a role path and its values", func(t *testing.T) {
		runIdiomCases(t, exportedRolesService(), []idiomCase{
			{
				name:      "the path takes the exported names as its states",
				construct: "Account",
				want:      []string{"role: admin | user"},
				notWant:   []string{"role: String"},
			},
			{
				name:      "a conditional given the path gives its states",
				construct: "Register",
				want:      []string{"role: (if", ": admin else: user)"},
				notWant:   []string{`"Admin"`, `"User"`},
			},
			{
				name:      "a check against a name reads the state",
				construct: "RemoveAccount",
				want:      []string{"role != admin"},
				notWant:   []string{`"Admin"`},
			},
		})
	})
	t.Run("an enum option listing an object's keys", func(t *testing.T) {
		runIdiomCases(t, keyedRolesService(), []idiomCase{
			{
				name:      "the keys are the path's states, its default the first a row gets",
				construct: "User",
				want:      []string{"plan: user | admin"},
				notWant:   []string{"plan: String", "get_users"},
			},
		})
	})
	t.Run("a signing helper handed the kind its payload claims", func(t *testing.T) {
		runIdiomCases(t, kindedTokensService(), []idiomCase{
			{
				name:      "each token of the pair is named by the kind its caller gave",
				construct: "Login",
				want:      []string{"AccessToken.created(user: user)", "RefreshToken.created(user: user)"},
			},
		})
	})
}

func TestClaimedKindSpelling(t *testing.T) {
	// The kind a claim's value names, as claimedKind spells it: a value
	// in camel case is the spec's snake name, a trailing _token is the
	// entity's suffix already.
	tests := []struct{ in, want string }{
		{"refresh", "refresh"},
		{"resetPassword", "reset_password"},
		{"verify_email_token", "verify_email"},
	}
	for _, tt := range tests {
		if got := kindSpelling(tt.in); got != tt.want {
			t.Errorf("kindSpelling(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// prismaRelationsSchema: linkwarden's User (packages/prisma/schema.prisma):
// a key to Subscription of its own relation beside the other side of
// Subscription's user, and a many-to-many named relation (PinnedLinks)
// beside a named relation whose key Link holds (CreatedLinks).
const prismaRelationsSchema = `
model User {
  id                   Int           @id @default(autoincrement())
  email                String        @unique
  parentSubscription   Subscription? @relation("ChildUsers", fields: [parentSubscriptionId], references: [id])
  parentSubscriptionId Int?
  subscriptions        Subscription?
  pinnedLinks          Link[]        @relation("PinnedLinks")
  createdLinks         Link[]        @relation("CreatedLinks")
}

model Subscription {
  id         Int     @id @default(autoincrement())
  active     Boolean
  user       User    @relation(fields: [userId], references: [id], onDelete: Cascade)
  userId     Int     @unique
  childUsers User[]  @relation("ChildUsers")
}

model Link {
  id          Int    @id @default(autoincrement())
  url         String
  pinnedBy    User[] @relation("PinnedLinks")
  createdBy   User?  @relation("CreatedLinks", fields: [createdById], references: [id], onDelete: Cascade)
  createdById Int?
}
`

func TestPrismaRelationsByName(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": prismaRelationsSchema,
		"pages/api/users/[id].ts": `import { prisma } from "@/lib/prisma";
import type { NextApiRequest, NextApiResponse } from "next";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === "DELETE") {
    await prisma.user.delete({ where: { id: Number(req.query.id) } });
    return res.status(200).json({ response: "deleted" });
  }
  if (req.method === "GET") {
    const user = await prisma.user.findFirst({
      where: { email: String(req.query.email) },
      include: { parentSubscription: true, subscriptions: true, pinnedLinks: true, createdLinks: true },
    });
    return res.status(200).json({ response: user });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the key keeps its own relation's name; the other side of Subscription's user is a relationship",
			construct: "User",
			want:      []string{"parent_subscription: Subscription?", "subscriptions: Subscription with user = this"},
			notWant:   []string{"    subscriptions: Subscription?"},
		},
		{
			name:      "the set named by the key's relation",
			construct: "Subscription",
			want:      []string{"child_users: User with parent_subscription = this"},
		},
		{
			name:      "a many-to-many named relation is no other relation's key",
			construct: "User",
			want:      []string{"created_links: Link with created_by = this"},
			notWant:   []string{"pinned_links: Link with created_by = this"},
		},
	})
}

func TestEnumMemberDefaultTypesColumn(t *testing.T) {
	tests := []struct {
		name, construct string
		files           map[string]string
		want            string
	}{
		{
			// brocoders/nestjs-boilerplate's user.entity.ts:35-36.
			name:      "TypeORM: a string column defaulting to a TypeScript enum's member",
			construct: "UserEntity",
			files: map[string]string{
				"src/auth/auth-providers.enum.ts": `export enum AuthProvidersEnum {
  email = 'email',
  google = 'google',
}
`,
				"src/users/user.entity.ts": `import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
import { AuthProvidersEnum } from '../auth/auth-providers.enum';

@Entity()
export class UserEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ unique: true })
  email: string;

  @Column({ default: AuthProvidersEnum.email })
  provider: string;
}
`,
			},
			want: "provider: AuthProvidersEnum",
		},
		{
			// fastapi-dispatch-auth's dispatch/auth/models.py:130.
			name:      "SQLAlchemy: Column(String, default=Enum.member)",
			construct: "Membership",
			files: map[string]string{
				"app/models.py": `from enum import Enum
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class UserRoles(str, Enum):
    owner = "Owner"
    member = "Member"


class Membership(Base):
    __tablename__ = "membership"
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)
    role = Column(String, nullable=False, default=UserRoles.member)
`,
			},
			want: "role: UserRoles",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runIdiomCases(t, tt.files, []idiomCase{{name: "typed by the enumeration", construct: tt.construct, want: []string{tt.want}}})
		})
	}
}

func TestEnumSpelling(t *testing.T) {
	tests := []struct{ in, want string }{
		{"active", "active"},
		{"ADMIN", "admin"},
		{"EMAIL_PASSWORD", "email_password"},
		{"Admin", "admin"},
		{"resetPassword", "reset_password"}, // hagopj13's tokenTypes.RESET_PASSWORD
		{"verifyEmail", "verify_email"},
		{"view-only", ""},
		{"Power User", ""},
	}
	for _, tt := range tests {
		if got := enumSpelling(tt.in); got != tt.want {
			t.Errorf("enumSpelling(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
