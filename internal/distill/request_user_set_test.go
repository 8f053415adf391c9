package distill

import "testing"

// TestRequestUserSet: a route's middleware that finds the user its token
// names and hands it on as req.user makes that row the handler's
// signed-in user, one parameter for the middleware's checks and the
// handler's reads; a user the handler looks up itself stays apart.
func TestRequestUserSet(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name    string
		handler string // src/handlers.js's activate
		want    []string
		notWant []string
	}{
		{
			name: "the handler acts on req.user",
			handler: `
exports.activate = async (req, res) => {
  const user = await User.findById(req.user._id);
  user.active = true;
  await user.save();
  res.json({ ok: true });
};
`,
			want:    []string{"when: Activate(current_user)", "requires: exists current_user", "current_user.active = true"},
			notWant: []string{"Activate(user", " user."},
		},
		{
			name: "the handler acts on a user the path names",
			handler: `
exports.activate = async (req, res) => {
  const user = await User.findById(req.params.userId);
  user.active = true;
  await user.save();
  res.json({ ok: true });
};
`,
			want:    []string{"requires: exists current_user", "user.active = true"},
			notWant: []string{"current_user.active"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": activeUserModel,
				"src/middlewares.js": `
const jwt = require('jsonwebtoken');
const User = require('./models/user');
exports.verifyJWT = async (req, res, next) => {
  const token = req.cookies?.accessToken || req.header('Authorization')?.replace('Bearer ', '');
  try {
    const decoded = jwt.verify(token, process.env.ACCESS_TOKEN_SECRET);
    const user = await User.findById(decoded?._id).select('-password');
    if (!user) {
      throw new ApiError(401, 'Invalid access token');
    }
    req.user = user;
    next();
  } catch (error) {
    throw new ApiError(401, error?.message || 'Invalid access token');
  }
};
`,
				"src/handlers.js": "const User = require('./models/user');\n" + tt.handler,
				"src/routes.js": `
const { Router } = require('express');
const { verifyJWT } = require('./middlewares');
const handlers = require('./handlers');
const router = Router();
router.post('/users/:userId/activate', verifyJWT, handlers.activate);
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), "Activate", tt.want, tt.notWant)
		})
	}
}

// TestMongoIDSubjectClaim: a JWT signed with the Mongoose id ({_id:
// this._id}) names its user by _id: User.findById(decoded?._id) of the
// decoded token is token.user, not a claim no entity declares.
func TestMongoIDSubjectClaim(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	for _, claim := range []string{"_id", "id"} {
		t.Run(claim, func(t *testing.T) {
			files := map[string]string{
				"src/models/user.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, refreshToken: String });
module.exports = mongoose.model('User', userSchema);
`,
				"src/handlers.js": `
const jwt = require('jsonwebtoken');
const User = require('./models/user');
exports.refresh = async (req, res) => {
  const decoded = jwt.verify(req.body.refreshToken, process.env.REFRESH_TOKEN_SECRET);
  const user = await User.findById(decoded?.` + claim + `);
  if (!user) {
    throw new ApiError(401, 'Invalid refresh token');
  }
  user.refreshToken = '';
  await user.save();
  res.json({ ok: true });
};
`,
				"src/routes.js": `
const { Router } = require('express');
const handlers = require('./handlers');
const router = Router();
router.post('/refresh', handlers.refresh);
module.exports = router;
`,
			}
			wantConstruct(t, distilText(t, d, files), "Refresh", []string{"refresh_token.user.refresh_token = \"\""}, []string{"refresh_token.id"})
		})
	}
}
