const crypto = require('crypto');
const bcrypt = require('bcrypt');
const jwt = require('jsonwebtoken');
const User = require('../models/user');
const Token = require('../models/token');
const mailer = require('../mailer');
const config = require('../config');

const BCRYPT_ROUNDS = 12;

function newToken() {
  return crypto.randomBytes(32).toString('hex');
}

exports.register = async (req, res) => {
  const { email, password } = req.body;
  if (!password || password.length < config.minPasswordLength) {
    return res.status(400).json({ error: 'password too short' });
  }
  const existing = await User.findOne({ email });
  if (existing) {
    return res.status(409).json({ error: 'email already registered' });
  }
  const user = await User.create({ email, passwordHash: await bcrypt.hash(password, BCRYPT_ROUNDS) });
  const token = newToken();
  await Token.create({
    user: user._id,
    purpose: 'verify_email',
    token,
    expiresAt: new Date(Date.now() + config.verifyTokenTtlHours * 60 * 60 * 1000),
  });
  await mailer.sendVerificationEmail(user.email, token);
  return res.status(201).json({ id: user.id });
};

exports.verifyEmail = async (req, res) => {
  const record = await Token.findOne({ token: req.body.token, purpose: 'verify_email' });
  if (!record || record.usedAt || record.expiresAt < Date.now()) {
    return res.status(400).json({ error: 'invalid or expired token' });
  }
  const user = await User.findById(record.user);
  user.status = 'active';
  user.emailVerifiedAt = new Date();
  await user.save();
  record.usedAt = new Date();
  await record.save();
  return res.json({ verified: true });
};

exports.login = async (req, res) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: 'wrong email or password' });
  }
  if (user.status !== 'active') {
    return res.status(403).json({ error: 'account not active' });
  }
  const accessToken = jwt.sign({ sub: user.id }, config.jwtSecret, { expiresIn: config.jwtExpiresIn });
  return res.json({ accessToken });
};

exports.forgotPassword = async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (user) {
    await Token.deleteMany({ user: user._id, purpose: 'reset_password' });
    const token = newToken();
    await Token.create({
      user: user._id,
      purpose: 'reset_password',
      token,
      expiresAt: new Date(Date.now() + config.resetTokenTtlMinutes * 60 * 1000),
    });
    await mailer.sendResetEmail(user.email, token);
  }
  // The same answer whether or not the address is known.
  return res.status(204).end();
};

exports.resetPassword = async (req, res) => {
  const { token, password } = req.body;
  const record = await Token.findOne({ token, purpose: 'reset_password' });
  if (!record || record.usedAt || record.expiresAt < Date.now()) {
    return res.status(400).json({ error: 'invalid or expired token' });
  }
  if (!password || password.length < config.minPasswordLength) {
    return res.status(400).json({ error: 'password too short' });
  }
  const user = await User.findById(record.user);
  user.passwordHash = await bcrypt.hash(password, BCRYPT_ROUNDS);
  user.passwordChangedAt = new Date();
  await user.save();
  record.usedAt = new Date();
  await record.save();
  return res.status(204).end();
};
