const mongoose = require('mongoose');
const bcrypt = require('bcryptjs');
const { Schema } = mongoose;

const ROLES = ['user', 'admin'];

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    password: { type: String, required: true, minlength: 8, private: true },
    role: { type: String, enum: ROLES, default: 'user' },
    status: { type: String, enum: ['active', 'locked', 'pending'], default: 'pending' },
    failedLogins: { type: Number, default: 0 },
    lockedUntil: Date,
    resetToken: { type: Schema.Types.ObjectId, ref: 'Token' },
  },
  { timestamps: true },
);

userSchema.statics.isEmailTaken = async function (email, excludeUserId) {
  const user = await this.findOne({ email, _id: { $ne: excludeUserId } });
  return !!user;
};

userSchema.methods.isPasswordMatch = async function (password) {
  return bcrypt.compare(password, this.password);
};

userSchema.methods.isLocked = function () {
  return this.status === 'locked' && this.lockedUntil > Date.now();
};

userSchema.pre('save', async function (next) {
  if (this.isModified('password')) {
    this.password = await bcrypt.hash(this.password, 8);
  }
  next();
});

const User = mongoose.model('User', userSchema);

module.exports = User;
