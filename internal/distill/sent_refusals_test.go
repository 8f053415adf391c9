package distill

import "testing"

// A helper that answers an error status through the response object the
// handler sends with (catalog sent_responses) refuses the request there:
// linkwarden's handlePost (pages/api/v1/archives/[linkId].ts:135-140),
// called as `await handlePost(req, res)` from the route's method switch.

func TestSentRefusalsInHelpers(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `model Link {
  id         Int     @id @default(autoincrement())
  url        String
  clientSide Boolean @default(false)
}
`,
		"lib/isDemoMode.ts": `export default function isDemoMode() {
  return process.env.NEXT_PUBLIC_DEMO === "true";
}
`,
		"pages/api/links/[linkId].ts": `import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "@/lib/prisma";
import isDemoMode from "@/lib/isDemoMode";
import formidable from "formidable";

async function handlePost(req: NextApiRequest, res: NextApiResponse) {
  if (isDemoMode()) {
    return res.status(400).json({ response: "demo" });
  }
  const linkId = Number(req.query.linkId);
  const form = formidable({ maxFiles: 1 });
  form.parse(req, async (err, fields, files) => {
    try {
      const linkStillExists = await prisma.link.findUnique({ where: { id: linkId } });
      if (!linkStillExists) {
        throw new Error("Link not found.");
      }
      await prisma.link.update({ where: { id: linkId }, data: { clientSide: true } });
      return res.status(200).json({ response: "ok" });
    } catch (error: any) {
      return res.status(400).json({ response: error.message });
    }
  });
}

export default async function Index(req: NextApiRequest, res: NextApiResponse) {
  const method = req.method;
  try {
    switch (method) {
      case "POST":
        await handlePost(req, res);
        break;
      default:
        return res.status(405).json({ response: "Method not allowed" });
    }
  } catch (error: any) {
    return res.status(400).json({ response: error.message });
  }
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the helper's refusal is a precondition, and the check after it stands alone",
			construct: "Links",
			want:      []string{"requires: not config.next_public_demo", "requires: exists link_still_exists", "ensures: link.client_side = true"},
			notWant:   []string{"config.next_public_demo or"},
		},
	})
}
