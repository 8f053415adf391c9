import { NextResponse, type NextRequest } from 'next/server';
import { hash } from 'bcryptjs';
import { z } from 'zod';
import { prisma } from '@/lib/prisma';
import { sendMail } from '@/lib/mail';

const schema = z.object({
  token: z.string().min(1),
  password: z.string().min(12, 'Password too short'),
});

export async function POST(req: NextRequest) {
  const parsed = schema.safeParse(await req.json());
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.flatten() }, { status: 400 });
  }
  const { token, password } = parsed.data;
  const reset = await prisma.passwordResetToken.findFirst({
    where: { token, usedAt: null, expiresAt: { gt: new Date() } },
    include: { user: true },
  });
  if (!reset?.user) {
    return NextResponse.json({ error: 'Invalid or expired token' }, { status: 400 });
  }
  await prisma.$transaction([
    prisma.user.update({ where: { id: reset.userId }, data: { passwordHash: await hash(password, 12) } }),
    prisma.passwordResetToken.update({ where: { id: reset.id }, data: { usedAt: new Date() } }),
    prisma.session.deleteMany({ where: { userId: reset.userId } }),
  ]);
  await sendMail({ to: reset.user.email, subject: 'Your password was changed' });
  return <NextResponse>NextResponse.json({ ok: true });
}
