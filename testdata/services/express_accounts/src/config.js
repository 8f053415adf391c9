// Settings come from the environment, with the defaults used in development.
module.exports = {
  port: Number(process.env.PORT || 3000),
  mongoUrl: process.env.MONGO_URL || 'mongodb://localhost:27017/accounts',
  jwtSecret: process.env.JWT_SECRET || 'change-me',
  jwtExpiresIn: process.env.JWT_EXPIRES_IN || '1h',
  resetTokenTtlMinutes: Number(process.env.RESET_TOKEN_TTL_MINUTES || 30),
  verifyTokenTtlHours: Number(process.env.VERIFY_TOKEN_TTL_HOURS || 48),
  minPasswordLength: 10,
  mailFrom: process.env.MAIL_FROM || 'accounts@example.com',
};
