package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestMethodPathRoutes pins routes registered by a route-table call given
// the HTTP method and the path as strings (Parse Server's
// this.route('POST', '/login', req => this.handleLogIn(req))): a handler
// written in place that only hands its call on to a method of the class
// is that method, named after it; one that does more is named after its
// path; a call whose first argument is no HTTP method registers nothing.
func TestMethodPathRoutes(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, route string
		want        []string
		absent      []string
	}{
		{"an arrow with a block that returns the forwarded call",
			"this.route('POST', '/login', req => {\n      return this.handleLogIn(req);\n    });",
			[]string{"rule HandleLogIn {", "user.failed_logins = 0"}, []string{"rule Login {"}},
		{"an arrow with an expression body, after middleware",
			"this.route('POST', '/login', rateLimit, req => this.handleLogIn(req));",
			[]string{"rule HandleLogIn {", "user.failed_logins = 0"}, nil},
		{"a handler that does more than forward is named after its path",
			"this.route('POST', '/login', async req => {\n      const user = await User.findOne({ email: req.body.email });\n      user.failedLogins = 0;\n      await user.save();\n      return this.handleLogIn(req);\n    });",
			[]string{"rule Login {", "user.failed_logins = 0"}, []string{"rule HandleLogIn {"}},
		{"no HTTP method first: no route",
			"this.route('login', '/login', req => this.handleLogIn(req));",
			nil, []string{"rule HandleLogIn {", "rule Login {"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/UsersRouter.js": `
import mongoose from "mongoose";

const userSchema = new mongoose.Schema({ email: String, failedLogins: Number });
const User = mongoose.model("User", userSchema);

export class UsersRouter extends PromiseRouter {
  async handleLogIn(req) {
    const user = await User.findOne({ email: req.body.email });
    user.failedLogins = 0;
    await user.save();
    return { response: user };
  }

  mountRoutes() {
    ` + tt.route + `
  }
}
`})
			got := string(allium.Print(out.Module, allium.PrintOptions{}))
			wantInOrder(t, got, tt.want, out.Notes)
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("unexpected %q in\n%s", a, got)
				}
			}
		})
	}
}
