package distill

import "testing"

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
