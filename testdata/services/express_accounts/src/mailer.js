const nodemailer = require('nodemailer');
const hbs = require('nodemailer-express-handlebars');
const config = require('./config');

const transporter = nodemailer.createTransport({
  host: process.env.SMTP_HOST || 'localhost',
  port: Number(process.env.SMTP_PORT || 1025),
});
transporter.use('compile', hbs({ viewEngine: { defaultLayout: false }, viewPath: 'templates' }));

async function sendVerificationEmail(to, token) {
  await transporter.sendMail({
    from: config.mailFrom,
    to,
    subject: 'Confirm your email address',
    template: 'verify_email',
    context: { token },
  });
}

async function sendResetEmail(to, token) {
  await transporter.sendMail({
    from: config.mailFrom,
    to,
    subject: 'Reset your password',
    template: 'reset_password',
    context: { token },
  });
}

module.exports = { sendVerificationEmail, sendResetEmail };
