const jwt = require('jsonwebtoken');
const User = require('../models/user');
const config = require('../config');

// Lets a request through only with a valid bearer token of an active user,
// who is then req.user.
module.exports = async function requireAuth(req, res, next) {
  const header = req.headers.authorization || '';
  const [scheme, token] = header.split(' ');
  if (scheme !== 'Bearer' || !token) {
    return res.status(401).json({ error: 'authentication required' });
  }
  try {
    const payload = jwt.verify(token, config.jwtSecret);
    const user = await User.findById(payload.sub);
    if (!user || user.status !== 'active') {
      return res.status(401).json({ error: 'authentication required' });
    }
    req.user = user;
    return next();
  } catch (err) {
    return res.status(401).json({ error: 'invalid token' });
  }
};
