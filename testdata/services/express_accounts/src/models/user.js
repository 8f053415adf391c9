const mongoose = require('mongoose');

const { Schema } = mongoose;

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true },
    status: { type: String, enum: ['pending', 'active', 'disabled'], default: 'pending' },
    emailVerifiedAt: { type: Date },
    passwordChangedAt: Date,
  },
  { timestamps: true },
);

module.exports = mongoose.model('User', userSchema);
