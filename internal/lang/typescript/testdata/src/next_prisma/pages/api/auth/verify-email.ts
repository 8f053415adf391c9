import type { NextApiRequest, NextApiResponse } from 'next';
import prisma from '../../../lib/prisma';

const TOKEN_TTL_HOURS = 24;

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  switch (req.method) {
    case 'POST': {
      const { token } = req.body as { token?: string };
      if (!token) {
        return res.status(400).json({ error: 'token required' });
      }
      const record = await prisma.verificationToken.findUnique({ where: { token } });
      if (!record || record.expires < new Date()) {
        return res.status(410).json({ error: 'token expired' });
      }
      await prisma.user.update({
        where: { id: record.userId },
        data: { emailVerified: new Date() },
      });
      await prisma.verificationToken.delete({ where: { token } });
      return res.status(200).json({ ok: true });
    }
    default:
      res.setHeader('Allow', ['POST']);
      return res.status(405).end(`Method ${req.method} Not Allowed`);
  }
}
