import { Schema, model } from 'mongoose';

const userSchema = new Schema({
  email: { type: String, required: true, unique: true },
  passwordHash: { type: String, required: true },
  status: { type: String, enum: ['active', 'locked'], default: 'active', required: true },
  failedAttempts: { type: Number, default: 0, required: true },
  lockedUntil: { type: Date },
});

export const User = model('User', userSchema);

const passwordResetTokenSchema = new Schema({
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  token: { type: String, required: true, unique: true },
  createdAt: { type: Date, default: Date.now, required: true },
  expiresAt: { type: Date, required: true },
  used: { type: Boolean, default: false, required: true },
});

export const PasswordResetToken = model('PasswordResetToken', passwordResetTokenSchema);
