// Settings from the environment, with the defaults used in development.
export const config = {
  mongoUrl: process.env.MONGO_URL || 'mongodb://localhost:27017/reset',
  resetTokenTtlMinutes: Number(process.env.RESET_TOKEN_TTL_MINUTES || 60),
  maxLoginAttempts: 5,
  lockoutMinutes: 15,
  mailFrom: process.env.MAIL_FROM || 'no-reply@example.com',
};
