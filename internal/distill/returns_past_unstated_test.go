package distill

import (
	"strings"
	"testing"
)

// findOrCreateFiles is a Next.js route handing a helper shaped like
// linkwarden's setCollection (lib/api/setCollection.ts:11-99): an early
// return on an argument the caller never passes (its condition the spec
// cannot state), then a find-or-create: return the row found, else create
// one. first is the helper's first branch.
func findOrCreateFiles(first string) map[string]string {
	helper := `
import { prisma } from "./db";

const setCollection = async ({ userId, collectionName }: { userId: number; collectionName?: string }) => {
FIRST
  const found = await prisma.collection.findFirst({
    where: { name: "Unorganized", ownerId: userId, parentId: null },
  });
  if (found) {
    return found;
  }
  return await prisma.collection.create({
    data: { name: "Unorganized", ownerId: userId, parentId: null },
  });
};
export default setCollection;
`
	return map[string]string{
		"prisma/schema.prisma": `
model User {
  id Int @id @default(autoincrement())
  email String @unique
  collections Collection[]
}
model Collection {
  id Int @id @default(autoincrement())
  name String
  ownerId Int
  owner User @relation(fields: [ownerId], references: [id])
  parentId Int?
}
model Link {
  id Int @id @default(autoincrement())
  url String
  collectionId Int
}
`,
		"lib/db.ts": `
import { PrismaClient } from "@prisma/client";
export const prisma = new PrismaClient();
`,
		"lib/setCollection.ts": strings.Replace(helper, "FIRST", first, 1),
		"pages/api/v1/links.ts": `
import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "../../../lib/db";
import setCollection from "../../../lib/setCollection";

export default async function links(req: NextApiRequest, res: NextApiResponse) {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  if (!user) {
    return res.status(401).json({ response: "no" });
  }
  const collection = await setCollection({ userId: user.id });
  const link = await prisma.link.create({ data: { url: req.body.url, collectionId: collection.id } });
  return res.status(200).json({ response: link });
}
`,
	}
}

// TestReturnPastUnstatedReturn pins helperReturned past an earlier return
// of an inlined helper on a condition the spec cannot state: a later
// `if (found) return found` still puts the creation after it under `not
// exists found`. Without it the Unorganized collection read as created
// on every request (linkwarden's V1Links, V1Rss2, V1Archives2).
func TestReturnPastUnstatedReturn(t *testing.T) {
	created := `Collection.created(name: "Unorganized", owner: user, parent_id: null)`
	cases := []struct {
		name, first string
	}{
		{"no earlier return", ""},
		{"an earlier return on an argument never passed", `
  if (collectionName) {
    return await prisma.collection.create({ data: { name: collectionName, ownerId: userId } });
  }`},
		{"an earlier return nested in it", `
  if (collectionName) {
    if (collectionName === "Unorganized") {
      const inner = await prisma.collection.findFirst({ where: { name: "Unorganized", ownerId: userId } });
      if (inner) return inner;
    }
    return await prisma.collection.create({ data: { name: collectionName, ownerId: userId } });
  }`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			runIdiomCases(t, findOrCreateFiles(tc.first), []idiomCase{{
				name:      "the creation only when none was found",
				construct: "V1Links",
				want:      []string{"if not exists found:\n            " + created, "Link.created(url: url)"},
			}})
		})
	}
}
