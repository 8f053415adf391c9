package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// requestHelperSchema is the Prisma schema of the request-helper idioms.
const requestHelperSchema = `
model Account {
  id    String @id
  email String @unique
  name  String
}
`

// requestHelper is umami's parseRequest in small: it reads the body
// through a helper, validates it with the zod schema it is handed
// (safeParse, whose data is the valid body, on the body or on the query
// string as the request's method says) and returns the parts with an
// error the route returns early on.
const requestHelper = `
import { z } from 'zod';
import { badRequest, unauthorized } from '@/lib/response';

export async function parseRequest(request: Request, schema?: any): Promise<any> {
  let query = {};
  let body = await getJsonBody(request);
  let error;
  if (schema) {
    const isGet = request.method === 'GET';
    const result = schema.safeParse(isGet ? query : body);
    if (!result.success) {
      error = () => badRequest(z.treeifyError(result.error));
    } else if (isGet) {
      query = result.data;
    } else {
      body = result.data;
    }
  }
  return { query, body, error };
}

export async function getJsonBody(request: Request) {
  try {
    return await request.clone().json();
  } catch {
    return undefined;
  }
}
`

// TestRequestHelperIdioms pins the request read through a helper of the
// service (the entries of the object it returns), a zod schema applied
// by safeParse (held by a local name, handed to the helper, or parsed in
// place), and queries reached through a barrel module's re-exports
// (export * from, export { a as b } from); an input with a constant's
// default (name ?? NAMES.anonymous) is the input.
func TestRequestHelperIdioms(t *testing.T) {
	runIdiomCases(t, requestHelperFiles(), []idiomCase{
		{
			name:      "the body a helper returns, checked by the schema handed to it; a query reached through export * from; a constant default",
			construct: "Accounts",
			want: []string{"when: Accounts(email, name)", "requires: is_valid_email(email)",
				"requires: length(name) >= config.min_name_length", "ensures: Account.created(email: email, name: name)"},
		},
		{
			name:      "safeParse in place: its data is the valid body; a query renamed by export { a as b } from",
			construct: "AccountsRename",
			// email is @unique: the update by it changes that one row.
			want: []string{"requires: length(name) <= config.max_name_length", "Account{email}.name = name"},
		},
	})
}

// TestHandedSchemaProvenance: the checks of a schema the route hands to
// the helper are stated at the schema's lines in the route, not at the
// same line numbers of the helper's file.
func TestHandedSchemaProvenance(t *testing.T) {
	wantRequiresFrom(t, requestHelperFiles(), "Accounts", "src/app/api/accounts/route.ts")
}

// wantRequiresFrom distils files and checks that every requires of rule
// with a provenance is stated in file.
func wantRequiresFrom(t *testing.T, files map[string]string, rule, file string) {
	t.Helper()
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	for _, r := range out.Module.Rules {
		if r.Name != rule {
			continue
		}
		found := false
		for _, s := range r.Body {
			req, ok := s.(*allium.Requires)
			if !ok || req.Prov == nil {
				continue
			}
			found = true
			if req.Prov.File != file {
				t.Errorf("%s stated at %s:%d, want %s", allium.ExprString(req.Cond), req.Prov.File, req.Prov.Line, file)
			}
		}
		if !found {
			t.Fatalf("rule %s has no requires with provenance", rule)
		}
		return
	}
	t.Fatalf("no rule %s:\n%s", rule, allium.Print(out.Module, allium.PrintOptions{}))
}

// requestHelperFiles is a service with umami's request helper: routes
// handing it a zod schema, or parsing in place, over queries reached
// through a barrel module.
func requestHelperFiles() map[string]string {
	return map[string]string{
		"prisma/schema.prisma": requestHelperSchema,
		"src/lib/prisma.ts":    "import { PrismaClient } from '@prisma/client';\nexport default { client: new PrismaClient() };\n",
		"src/lib/request.ts":   requestHelper,
		"src/queries/account.ts": `
import prisma from '@/lib/prisma';
export async function createAccount(data: { email: string; name: string }) {
  return prisma.client.account.create({ data });
}
export async function renameAccount(email: string, name: string) {
  return prisma.client.account.update({ where: { email }, data: { name } });
}
`,
		"src/queries/index.ts": "export * from './account';\nexport { renameAccount as rename } from './account';\n",
		"src/app/api/accounts/route.ts": `
import { z } from 'zod';
import { parseRequest } from '@/lib/request';
import { createAccount } from '@/queries';

const NAMES = { anonymous: 'anonymous' } as const;

export async function POST(request: Request) {
  const schema = z.object({
    email: z.string().email(),
    name: z.string().min(3),
  });
  const { body, error } = await parseRequest(request, schema);
  if (error) {
    return error();
  }
  const { email, name } = body;
  await createAccount({ email, name: name ?? NAMES.anonymous });
  return Response.json({});
}
`,
		"src/app/api/accounts/rename/route.ts": `
import { z } from 'zod';
import { rename } from '@/queries';

const renameSchema = z.object({ email: z.string(), name: z.string().max(40) });

export async function POST(request: Request) {
  const result = renameSchema.safeParse(await request.json());
  if (!result.success) {
    return Response.json({}, { status: 400 });
  }
  const { email, name } = result.data;
  await rename(email, name);
  return Response.json({});
}
`,
	}
}
