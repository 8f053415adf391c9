package distill

import "testing"

// TestNamespaceSpreads pins an object that spreads an imported namespace
// beside entries of its own (nestjs-microservice-boilerplate's
// src/utils/validator.ts:109, InputValidator = {...z, phone: ...}): a
// read of a key it does not set is the namespace's, so its schemas are
// zod's; a key it sets stays its own.
func TestNamespaceSpreads(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String @id @default(cuid())
  email    String @unique
  password String
  phone    String?
}
`,
		"src/lib/db.ts": "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
		"src/lib/validator.ts": `
import { z } from 'zod';
export const Validator = {
  ...z,
  phone: () => z.string().min(8),
};
`,
		"src/app/api/users/route.ts": `
import { Validator } from '../../../lib/validator';
import { db } from '../../../lib/db';
export async function POST(request: Request) {
  const schema = Validator.object({
    email: Validator.string().email(),
    password: Validator.string().min(12),
  });
  const { email, password } = schema.parse(await request.json());
  await db.user.create({ data: { email, password } });
  return Response.json({ ok: true });
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a spread namespace's object builder and checks read as the namespace's",
			construct: "Users",
			want:      []string{"requires: is_valid_email(email)", "requires: length(password) >= config.min_password_length"},
		},
	})
}

// TestUnspread pins the names namespaceSpreads rewrites.
func TestUnspread(t *testing.T) {
	aliases := []spreadAlias{spreadAlias{module: "src.lib.validator", name: "Validator", target: "zod.z", own: []string{"phone"}}.withPrefixes()}
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"src.lib.validator.Validator.object", "zod.z.object", true},
		{"lib.validator.Validator.string.email", "zod.z.string.email", true},
		{"lib.validator.Validator.phone", "", false},
		{"lib.validator.Validator", "", false},
		{"lib.other.Validator.object", "", false},
	} {
		got, ok := unspread(tt.in, aliases)
		if got != tt.want || ok != tt.ok {
			t.Errorf("unspread(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
