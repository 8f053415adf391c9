const express = require('express');
const auth = require('../controllers/auth.controller');
const requireAuth = require('../middleware/requireAuth');

const router = express.Router();

router.post('/register', auth.register);
router.post('/verify-email', auth.verifyEmail);
router.post('/login', auth.login);
router.post('/forgot-password', auth.forgotPassword);
router.route('/reset-password').post(auth.resetPassword);

router.post('/account/disable', requireAuth, async (req, res) => {
  req.user.status = 'disabled';
  await req.user.save();
  return res.status(204).end();
});

module.exports = router;
