const mongoose = require('mongoose');

const { Schema } = mongoose;

// One-time tokens sent by email: they verify an address or reset a password.
const tokenSchema = new Schema({
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  purpose: { type: String, enum: ['verify_email', 'reset_password'], required: true },
  token: { type: String, required: true, index: true },
  expiresAt: { type: Date, required: true },
  usedAt: Date,
});

module.exports = mongoose.model('Token', tokenSchema);
