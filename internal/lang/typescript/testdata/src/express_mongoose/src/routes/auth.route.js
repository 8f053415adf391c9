const express = require('express');
const { celebrate, Joi } = require('celebrate');
const auth = require('../middleware/auth');
const authController = require('../controllers/auth.controller');

const router = express.Router();

const loginSchema = {
  body: Joi.object().keys({
    email: Joi.string().email().required(),
    password: Joi.string().min(8).required(),
  }),
};

router.post('/register', authController.register);
router.post('/login', celebrate(loginSchema), authController.login);
router.post('/forgot-password', authController.forgotPassword);
router
  .route('/me')
  .get(auth(), (req, res) => res.json(req.user))
  .delete(auth('admin'), async (req, res) => {
    await req.user.deleteOne();
    res.status(204).end();
  });

module.exports = router;
