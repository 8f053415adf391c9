package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestCallbackTriggers: a function handed to a library as an option it
// runs on a stimulus of its own (catalog callback_triggers: NextAuth's
// EmailProvider({sendVerificationRequest})) is a handler named after its
// key, its destructured parameter the inputs; the same key given to
// another call is no handler. Postmark's sendEmailWithTemplate({To}) is
// an email sink.
func TestCallbackTriggers(t *testing.T) {
	tests := []struct {
		name, provider string
		rule           bool
	}{
		{"a catalogued provider's callback", "EmailProvider", true},
		{"another call's option", "OtherProvider", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"prisma/schema.prisma": "model User {\n  id String @id\n  email String? @unique\n}\n",
				"lib/auth.ts": `
import EmailProvider from "next-auth/providers/email"
import { Client } from "postmark"
const postmarkClient = new Client("token")
export const authOptions = {
  providers: [
    ` + tc.provider + `({
      sendVerificationRequest: async ({ identifier, url }) => {
        await postmarkClient.sendEmailWithTemplate({ TemplateId: 7, To: identifier, TemplateModel: { action_url: url } })
      },
    }),
  ],
}
`,
			})
			if !tc.rule {
				if got := construct(out.Module, "SendVerificationRequest"); got != "" {
					t.Errorf("an uncatalogued call's option became a handler:\n%s", got)
				}
				return
			}
			wantConstruct(t, out, "SendVerificationRequest", []string{"when: SendVerificationRequest(identifier)", "Email.created(to: identifier"}, nil)
		})
	}
}

// TestLiteralValueIsNoCondition pins the truth test of a local holding a
// text chosen by a condition (templateId = verified ? "sign_in" :
// "activation"; if (!templateId) throw): no requires states it, since a
// text is no truth value, and the guard is noted as left out; a guard on
// a Boolean the same way is still stated.
func TestLiteralValueIsNoCondition(t *testing.T) {
	tests := []struct {
		name, value, want, notWant string
	}{
		{"texts chosen by a condition", `user?.emailVerified ? "sign_in" : "activation"`, "", `requires: if`},
		{"a text alone", `"sign_in"`, "", `requires: "sign_in"`},
		{"a Boolean field", `user?.emailVerified`, "requires:", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"prisma/schema.prisma": "model User {\n  id String @id\n  email String? @unique\n  emailVerified Boolean?\n}\n",
				"lib/auth.ts": `
import EmailProvider from "next-auth/providers/email"
import { Client } from "postmark"
import { db } from "@/lib/db"
const postmarkClient = new Client("token")
export const authOptions = {
  providers: [
    EmailProvider({
      sendVerificationRequest: async ({ identifier, url }) => {
        const user = await db.user.findUnique({ where: { email: identifier } })
        const templateId = ` + tc.value + `
        if (!templateId) {
          throw new Error("Missing template id")
        }
        await postmarkClient.sendEmailWithTemplate({ TemplateId: 7, To: identifier, TemplateModel: { action_url: url } })
      },
    }),
  ],
}
`,
			})
			got := construct(out.Module, "SendVerificationRequest")
			if !strings.Contains(got, "Email.created(to: identifier") {
				t.Fatalf("no rule with the email:\n%s", got)
			}
			if tc.want != "" && !strings.Contains(got, tc.want) {
				t.Errorf("lacks %q:\n%s", tc.want, got)
			}
			if tc.notWant != "" && strings.Contains(got, tc.notWant) {
				t.Errorf("states %q:\n%s", tc.notWant, got)
			}
			noted := slices.ContainsFunc(out.Notes, func(n string) bool { return strings.Contains(n, "a guard left out of rule SendVerificationRequest") })
			if noted != (tc.want == "") {
				t.Errorf("guard noted as left out: %v, want %v: %v", noted, tc.want == "", out.Notes)
			}
		})
	}
}
