package distill

import "testing"

// TestScheduleIdioms pins the Node schedulers and query comparisons: a
// method a scheduler runs (NestJS's @Cron, @Interval), a function handed
// to one at module level (node-cron's cron.schedule, written in place or
// imported), and the comparison words of Mongo ($lt), Prisma (lt) and
// TypeORM (LessThan) in a bulk change's filter, which make it a temporal
// rule.
func TestScheduleIdioms(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	mongooseSession := `
const mongoose = require('mongoose');
const sessionSchema = new mongoose.Schema({
  token: String,
  expiresAt: { type: Date, required: true },
  revoked: { type: Boolean, default: false },
});
module.exports = mongoose.model('Session', sessionSchema);
`
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      []string
		notWant   []string
	}{
		{
			name: "@Cron on a NestJS service method; TypeORM update with LessThan in its filter",
			files: map[string]string{"src/invitations.service.ts": `
import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { Entity, Column, PrimaryGeneratedColumn, LessThan, Repository } from 'typeorm';

@Entity()
export class Invitation {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column({ default: 'pending' }) status: 'pending' | 'accepted' | 'expired';
  @Column() expiresAt: Date;
}

@Injectable()
export class InvitationsService {
  constructor(@InjectRepository(Invitation) private readonly invitations: Repository<Invitation>) {}

  @Cron(CronExpression.EVERY_HOUR)
  async expireInvitations() {
    await this.invitations.update({ status: 'pending', expiresAt: LessThan(new Date()) }, { status: 'expired' });
  }
}
`},
			construct: "ExpireInvitations",
			want:      []string{"when: invitation: Invitation.expires_at <= now", "requires: invitation.status = pending", "ensures: invitation.status = expired"},
		},
		{
			name: "node-cron with a function written in place, named after its file; Mongo's $lt",
			files: map[string]string{"src/session.js": mongooseSession, "src/purge_sessions.js": `
const cron = require('node-cron');
const Session = require('./session');
cron.schedule('0 3 * * *', async () => {
  await Session.deleteMany({ expiresAt: { $lt: new Date() } });
});
`},
			construct: "PurgeSessions",
			want:      []string{"when: session: Session.expires_at <= now", "ensures: not exists session"},
		},
		{
			name: "node-cron with a function imported from another module; $ne in an update's filter",
			files: map[string]string{"src/session.js": mongooseSession, "src/tasks.js": `
const Session = require('./session');
async function revokeStale() {
  await Session.updateMany({ revoked: { $ne: true }, expiresAt: { $lt: new Date() } }, { revoked: true });
}
module.exports = { revokeStale };
`, "src/index.js": `
const cron = require('node-cron');
const { revokeStale } = require('./tasks');
cron.schedule('*/5 * * * *', revokeStale);
`},
			construct: "RevokeStale",
			want:      []string{"when: session: Session.expires_at <= now", "requires: not session.revoked", "ensures: session.revoked = true"},
		},
		{
			name: "@Interval on a method; Prisma deleteMany with lt",
			files: map[string]string{"prisma/schema.prisma": `
model Token {
  id        Int      @id @default(autoincrement())
  value     String   @unique
  expiresAt DateTime
}
`, "src/tokens.service.ts": `
import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

@Injectable()
export class TokensService {
  @Interval(60000)
  async purge() {
    await prisma.token.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  }
}
`},
			construct: "Purge",
			want:      []string{"when: token: Token.expires_at <= now", "ensures: not exists token"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantConstruct(t, distilText(t, d, tt.files), tt.construct, tt.want, tt.notWant)
		})
	}
}
