package distill

import "testing"

// TestSchemaRequiredMessage pins Mongoose's required option given with the
// message of its refusal (required: [true, "..."]): the field is required
// all the same (bulletproof's models/user.ts:8, apihub's user.models.js:51).
func TestSchemaRequiredMessage(t *testing.T) {
	tests := []struct {
		name, required, want string
	}{
		{"flag", "true", "name: String\n"},
		{"flag with message", `[true, "Please enter a full name"]`, "name: String\n"},
		{"not required, with message", `[false, "unused"]`, "name: String?\n"},
		{"absent", "undefined", "name: String?\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"src/models/user.js": `
const mongoose = require("mongoose");
const UserSchema = new mongoose.Schema({
  name: { type: String, required: ` + tc.required + ` },
  email: { type: String, required: true },
});
module.exports = mongoose.model("User", UserSchema);
`})
			got := construct(out.Module, "User")
			if want := "entity User {\n    " + tc.want + "    email: String\n}"; got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
