'use strict';

const ms = require('ms');

module.exports = {
  jwtSecret: process.env.JWT_SECRET || 'change-me',
  jwtExpiresIn: process.env.JWT_EXPIRES_IN ?? '15m',
  resetTokenTtl: ms('1h'),
  maxLoginAttempts: 5,
  lockoutMs: 15 * 60 * 1000,
};
