package distill

import "testing"

// TestStaticMethods pins a static method of the service called through
// its class: one that only returns a value is read as any helper
// (nestjs-microservice-boilerplate's CryptoUtils.createHash, a sha256
// chain, utils/crypto.ts:7-9); one that checks before returning is not
// inlined (its guards are not the request's).
func TestStaticMethods(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String @id @default(cuid())
  email    String @unique
  password String
  name     String?
}
`,
		"src/lib/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
		"src/lib/crypto.ts": `
import crypto from 'crypto';
export class CryptoUtils {
  static createHash(input: string): string {
    return crypto.createHash('sha256').update(input).digest('hex');
  }
  static checkedName(input: string): string {
    if (process.env.STRICT_NAMES === 'true' && input.length > 3) {
      throw new Error('too long');
    }
    return input;
  }
}
`,
		"src/app/api/login/route.ts": `
import { z } from 'zod';
import { db } from '../../../lib/db';
import { CryptoUtils } from '../../../lib/crypto';
export async function POST(request: Request) {
  const input = z.object({ email: z.string(), password: z.string(), name: z.string() }).parse(await request.json());
  const user = await db.user.findUnique({ where: { email: input.email } });
  if (!user) throw new Error('unknown');
  if (CryptoUtils.createHash(input.password) !== user.password) {
    throw new Error('wrong password');
  }
  CryptoUtils.checkedName(input.name);
  await db.user.update({ where: { email: input.email }, data: { name: input.name } });
  return Response.json({ ok: true });
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a static method that only returns is read as a helper; one that checks is not inlined",
			construct: "Login",
			want:      []string{"requires: hash(password) = user.password"},
			notWant:   []string{"strict_names", "length(name)"},
		},
	})
}
