import { redirect } from 'next/navigation';
import { randomBytes } from 'crypto';
import { prisma } from '@/lib/prisma';
import { sendMail } from '@/lib/mail';

const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

async function requestReset(formData: FormData) {
  'use server';
  const email = String(formData.get('email') ?? '').toLowerCase();
  const user = await prisma.user.findUnique({ where: { email } });
  if (user) {
    const token = randomBytes(32).toString('hex');
    await prisma.passwordResetToken.create({
      data: { token, userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) },
    });
    await sendMail({ to: email, subject: 'Reset your password', template: 'reset', token });
  }
  redirect('/forgot-password/sent');
}

export default function ForgotPasswordPage() {
  return (
    <form action={requestReset}>
      <input name="email" type="email" required />
      <button type="submit">Send reset link</button>
    </form>
  );
}
