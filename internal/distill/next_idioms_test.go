package distill

import "testing"

// nextSchema is a Prisma schema shared by the Next.js idioms.
const nextSchema = `
enum State {
  ACTIVE
  LOCKED
}

model Account {
  id        Int       @id @default(autoincrement())
  email     String    @unique
  state     State     @default(ACTIVE)
  lockedAt  DateTime?
  devices   Device[]
  profile   Profile?
}

model Device {
  id        String  @id @default(cuid())
  name      String
  trusted   Boolean @default(false)
  account   Account @relation(fields: [accountId], references: [id])
  accountId Int
}

model Profile {
  id        Int     @id
  bio       String?
  account   Account @relation(fields: [accountId], references: [id])
  accountId Int     @unique
}
`

// TestNextIdioms pins the Next.js + Prisma shapes one per case: Prisma
// models as entities, the Prisma client's calls (findUnique, update,
// updateMany, create, delete, deleteMany), a Pages Router handler's
// req.method branches, and App Router functions per HTTP method with the
// body of await req.json(), each a rule named after its route.
func TestNextIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := map[string]string{
		"prisma/schema.prisma": nextSchema,
		"src/lib/db.ts":        "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
		"src/pages/api/accounts/lock.ts": `
import { db } from '../../../lib/db';
export default async function handler(req, res) {
  if (req.method === 'GET') {
    return res.json(await db.account.findMany());
  }
  if (req.method !== 'POST') return res.status(405).end();
  const { email } = req.body;
  const account = await db.account.findUnique({ where: { email } });
  if (!account) return res.status(404).end();
  await db.$transaction([
    db.account.update({ where: { id: account.id }, data: { state: 'LOCKED', lockedAt: new Date() } }),
    db.device.deleteMany({ where: { accountId: account.id } }),
  ]);
  return res.status(204).end();
}
`,
		"src/pages/api/devices/index.ts": `
import { db } from '../../../lib/db';
export default async function handler(req, res) {
  const { accountId, name } = req.body;
  await db.device.create({ data: { name, accountId } });
  return res.status(201).end();
}
`,
		"src/pages/api/devices/[id].ts": `
import { db } from '../../../lib/db';
export default async function handler(req, res) {
  const { name } = req.body;
  switch (req.method) {
    case 'GET':
      return res.json(await db.device.findUnique({ where: { name } }));
    case 'PUT':
      await db.device.updateMany({ where: { name }, data: { trusted: false } });
      return res.status(200).end();
    case 'DELETE':
      await db.device.deleteMany({ where: { name, trusted: false } });
      return res.status(204).end();
    default:
      return res.status(405).end();
  }
}
`,
		"src/app/api/devices/[id]/trust/route.ts": `
import { db } from '../../../../../lib/db';
export async function POST(req: Request) {
  const { name } = await req.json();
  await db.device.updateMany({ where: { name }, data: { trusted: true } });
  return Response.json({ ok: true });
}
export async function DELETE(req: Request) {
  const { name } = await req.json();
  await db.device.delete({ where: { name } });
  return new Response(null, { status: 204 });
}
export function helper() {}
`,
	}
	tests := []struct {
		name      string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name:      "a Prisma model: an enum, nullable, the id left out, the list side and the one-to-one side that holds no key",
			construct: "Account",
			want: []string{"email: String\n", "state: State\n", "locked_at: Timestamp?", "devices: Device with account = this",
				"profile: Profile with account = this"},
			notWant: []string{"id:", "account_id", "profile: Profile\n"},
		},
		{
			name:      "the key side of a relation is the relation, its key column is not a field",
			construct: "Device",
			want:      []string{"name: String\n", "trusted: Boolean\n", "account: Account\n"},
			notWant:   []string{"account_id"},
		},
		{
			name:      "a Pages Router handler: the POST branch, a lookup, and in a $transaction an update by id and a deleteMany by the relation's key",
			construct: "AccountsLock",
			want: []string{"when: AccountsLock(email)", "exists account", "account.state = locked", "account.locked_at = now",
				"not exists"},
			notWant: []string{"GET", "method"},
		},
		{
			name:      "create({data}) writes the relation through its key column; an index file is its directory's route",
			construct: "Devices",
			want:      []string{"Device.created(", "name: name", "account: account_id", "trusted: false"},
		},
		{
			name:      "a handler's switch on req.method with two writing methods: a rule for each, named with its method",
			construct: "PutDevices",
			want:      []string{"when: PutDevices(name)", "trusted = false"},
			notWant:   []string{"not exists"},
		},
		{
			name:      "the switch's DELETE case",
			construct: "DeleteDevices",
			want:      []string{"when: DeleteDevices(name)", "where name = name and not trusted", "not exists device"},
			notWant:   []string{"trusted = true"},
		},
		{
			name:      "an App Router POST: the body of await req.json(), an updateMany by a filter",
			construct: "DevicesTrust",
			want:      []string{"when: DevicesTrust(name)", "trusted = true"},
		},
		{
			name:      "the route's other method is named by it too; a delete by a filter",
			construct: "DeleteDevicesTrust",
			want:      []string{"when: DeleteDevicesTrust(name)", "not exists device"},
		},
	}
	out := distilText(t, d, files)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, out, tt.construct, tt.want, tt.notWant)
		})
	}
}
