package distill

import (
	"strings"
	"testing"
)

// TestUnverifiedDecoders pins that a token read with a decoder that does
// not check it (catalog signed_tokens.unverified_decoders: jsonwebtoken's
// decode) requires nothing of it, while jwt.verify requires it valid
// (medusa's reset-password.ts:111 decodes the token for its e-mail, and
// only the jwt.verify at :125 makes token.is_valid hold).
func TestUnverifiedDecoders(t *testing.T) {
	model := `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ email: String, name: String });
module.exports = mongoose.model('User', userSchema);
`
	routes := `
const express = require('express');
const h = require('./handler');
const router = express.Router();
router.post('/rename', h.rename);
module.exports = router;
`
	handler := func(read string) string {
		return `
const jwt = require('jsonwebtoken');
const User = require('./user');
exports.rename = async (req, res) => {
  const payload = ` + read + `(req.body.token, process.env.SECRET);
  const user = await User.findOne({ email: payload.email });
  if (!user) {
    return res.status(404).end();
  }
  user.name = req.body.name;
  await user.save();
  res.end();
};
`
	}
	tests := []struct {
		read      string
		wantValid bool
	}{
		{"jwt.verify", true},
		{"jwt.decode", false},
	}
	for _, tt := range tests {
		t.Run(tt.read, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"src/user.js":    model,
				"src/handler.js": handler(tt.read),
				"src/routes.js":  routes,
			})
			got := construct(out.Module, "Rename")
			if !strings.Contains(got, "User{email: token.email}") {
				t.Fatalf("the claims are not read:\n%s", got)
			}
			if valid := strings.Contains(got, "requires: token.is_valid"); valid != tt.wantValid {
				t.Errorf("token.is_valid required = %v, want %v:\n%s", valid, tt.wantValid, got)
			}
		})
	}
}
