import type { NextApiRequest, NextApiResponse } from 'next';
import { randomBytes } from 'crypto';
import { prisma } from '../../../lib/prisma';
import { sendResetEmail } from '../../../lib/mail';

const RESET_TOKEN_TTL_MINUTES = Number(process.env.RESET_TOKEN_TTL_MINUTES || 30);

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'POST') {
    const { email } = req.body;
    const user = await prisma.user.findUnique({ where: { email } });
    if (!user) {
      return res.status(404).json({ error: 'no such user' });
    }
    const reset = await prisma.resetToken.create({
      data: {
        token: randomBytes(32).toString('hex'),
        expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MINUTES * 60 * 1000),
        userId: user.id,
      },
    });
    await sendResetEmail(user.email, reset.token);
    return res.status(204).end();
  }
  return res.status(405).end();
}
