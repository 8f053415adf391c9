import crypto from 'crypto';
import bcrypt from 'bcrypt';
import { Router, Request, Response } from 'express';
import nodemailer from 'nodemailer';

import { config } from './config';
import { PasswordResetToken, User } from './models';

export const router = Router();
const transporter = nodemailer.createTransport({ host: process.env.SMTP_HOST || 'localhost' });

router.post('/login', async (req: Request, res: Response) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email: String(email || '').toLowerCase() });
  if (!user) {
    return res.status(401).end();
  }
  if (user.status === 'locked' && user.lockedUntil > new Date()) {
    return res.status(423).end();
  }

  if (!(await bcrypt.compare(password || '', user.passwordHash))) {
    user.failedAttempts += 1;
    if (user.failedAttempts >= config.maxLoginAttempts) {
      user.status = 'locked';
      user.lockedUntil = new Date(Date.now() + config.lockoutMinutes * 60 * 1000);
    }
    await user.save();
    return res.status(401).end();
  }

  user.failedAttempts = 0;
  user.status = 'active';
  user.lockedUntil = null;
  await user.save();
  return res.json({ ok: true });
});

router.post('/password/forgot', async (req: Request, res: Response) => {
  const email = String(req.body.email || '').toLowerCase();
  const user = await User.findOne({ email });
  if (!user) {
    return res.status(202).json({ ok: true });
  }

  const token = await PasswordResetToken.create({
    user: user._id,
    token: crypto.randomBytes(32).toString('base64url'),
    expiresAt: new Date(Date.now() + config.resetTokenTtlMinutes * 60 * 1000),
  });
  await transporter.sendMail({
    from: config.mailFrom,
    to: user.email,
    subject: 'Reset your password',
    text: `https://example.com/reset?token=${token.token}`,
  });
  return res.status(202).json({ ok: true });
});

router.post('/password/reset', async (req: Request, res: Response) => {
  const { password = '' } = req.body;
  const token = await PasswordResetToken.findOne({ token: req.body.token || '' });
  if (!token) {
    return res.status(400).end();
  }
  if (token.used) {
    return res.status(400).end();
  }
  if (token.expiresAt < new Date()) {
    return res.status(400).end();
  }
  if (password.length < 12) {
    return res.status(400).end();
  }

  const user = await User.findById(token.user);
  user.passwordHash = await bcrypt.hash(password, 12);
  await user.save();
  token.used = true;
  await token.save();
  console.info('password reset for user %s', token.user);
  return res.json({ ok: true });
});
