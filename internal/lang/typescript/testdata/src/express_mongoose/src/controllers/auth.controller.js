const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const User = require('../models/user.model');
const Token = require('../models/token.model');
const emailService = require('../services/email.service');
const config = require('../config');

exports.register = async (req, res) => {
  const { email, password } = req.body;
  if (await User.isEmailTaken(email)) {
    return res.status(400).json({ message: 'Email already taken' });
  }
  const user = await User.create({ email, password, status: 'pending' });
  res.status(201).send({ user });
};

exports.login = async (req, res, next) => {
  const { email, password } = req.body;
  const user = await User.findOne({ email });
  if (!user || !(await user.isPasswordMatch(password))) {
    if (user) {
      user.failedLogins += 1;
      if (user.failedLogins >= config.maxLoginAttempts) {
        user.status = 'locked';
        user.lockedUntil = new Date(Date.now() + config.lockoutMs);
      }
      await user.save();
    }
    return res.status(401).json({ message: 'Incorrect email or password' });
  }
  if (user.isLocked()) {
    return res.status(423).json({ message: `Locked until ${user.lockedUntil}` });
  }
  user.failedLogins = 0;
  await user.save();
  const token = jwt.sign({ sub: user.id }, config.jwtSecret, { expiresIn: config.jwtExpiresIn });
  res.json({ token });
};

exports.forgotPassword = async function forgotPassword(req, res) {
  const user = await User.findOne({ email: req.body.email });
  if (user) {
    const token = crypto.randomBytes(32).toString('hex');
    await Token.create({ user: user._id, token, expires: new Date(Date.now() + config.resetTokenTtl) });
    await emailService.sendResetPasswordEmail(user.email, token);
  }
  res.status(204).send();
};
