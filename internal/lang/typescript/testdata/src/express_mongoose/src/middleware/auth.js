const jwt = require('jsonwebtoken');
const { jwtSecret } = require('../config');
const User = require('../models/user.model');

const auth = (...requiredRoles) => async (req, res, next) => {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    return res.status(401).json({ message: 'Please authenticate' });
  }
  try {
    const payload = jwt.verify(header.slice(7), jwtSecret);
    req.user = await User.findById(payload.sub);
  } catch (err) {
    return res.status(401).json({ message: 'Please authenticate' });
  }
  if (requiredRoles.length && !requiredRoles.includes(req.user?.role)) {
    return res.status(403).json({ message: 'Forbidden' });
  }
  return next();
};

module.exports = auth;
