import { NextResponse } from 'next/server';
import bcrypt from 'bcryptjs';
import { prisma } from '../../../../lib/prisma';

export async function POST(req: Request) {
  const { token, password } = await req.json();
  const reset = await prisma.resetToken.findUnique({ where: { token } });
  if (!reset || reset.usedAt) {
    return NextResponse.json({ error: 'invalid token' }, { status: 400 });
  }
  if (reset.expiresAt < new Date()) {
    return NextResponse.json({ error: 'token expired' }, { status: 400 });
  }
  if (password.length < 8) {
    return NextResponse.json({ error: 'password too short' }, { status: 400 });
  }
  await prisma.user.update({
    where: { id: reset.userId },
    data: { passwordHash: await bcrypt.hash(password, 12) },
  });
  await prisma.resetToken.update({ where: { id: reset.id }, data: { usedAt: new Date() } });
  return NextResponse.json({ ok: true });
}
