import nodemailer from 'nodemailer';

const transporter = nodemailer.createTransport({ url: process.env.SMTP_URL });

export async function sendResetEmail(to: string, token: string): Promise<void> {
  await transporter.sendMail({
    to,
    subject: 'Reset your password',
    template: 'password_reset',
    text: `${process.env.APP_URL}/reset?token=${token}`,
  });
}
