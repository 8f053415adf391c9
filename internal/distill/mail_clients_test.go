package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestMailClientOptionsLast pins a mail client that takes its message's
// options after other arguments (Mailgun's mg.messages.create(domain,
// data), bulletproof-nodejs's services/mailer.ts:23): the options object,
// built before the call, gives the recipient, and the client sends an
// Email, not the text message Twilio's client.messages.create({to, body})
// sends.
func TestMailClientOptionsLast(t *testing.T) {
	for _, tt := range []struct {
		name, mailer  string
		want, notWant []string
	}{
		{"mailgun, options built before", `
export async function sendWelcomeEmail(email: string) {
  const data = { from: 'me@example.com', to: [email], subject: 'Hello', text: 'Hi' }
  mg.messages.create('example.com', data)
}`,
			[]string{"Email.created(to: user.email, template: welcome)"}, []string{"Notification"}},
		{"mailgun, options written in the call", `
export async function sendWelcomeEmail(email: string) {
  mg.messages.create('example.com', { to: email, subject: 'Hello' })
}`,
			[]string{"Email.created(to: user.email, template: welcome)"}, []string{"Notification"}},
		{"twilio, a text message", `
export async function sendWelcomeEmail(email: string) {
  const data = { to: email, body: 'Hello' }
  client.messages.create(data)
}`,
			[]string{"Notification.created(to: user.email"}, []string{"Email.created"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertMailerSpec(t, tt.mailer, "sendWelcomeEmail", "sendWelcomeEmail(user.email)", tt.want, tt.notWant)
		})
	}
}

// TestPythonSenderNameKeepsEntityWord pins the Python side of sender names:
// send_password_reset_email sends the mail Django's convention names
// password_reset_email (graphql-auth's templates, settings.py:59), so the
// word naming the Email stays, where a TypeScript sender drops it.
func TestPythonSenderNameKeepsEntityWord(t *testing.T) {
	for _, tt := range []struct {
		name, sender, want string
	}{
		{"named for its email", "send_password_reset_email", "template: password_reset_email)"},
		{"named for its message", "send_password_reset", "template: password_reset)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"app/models.py": flaskModels, "app/email.py": `
from flask_mail import Message
from app.extensions import mail

def ` + tt.sender + `(user):
    msg = Message(recipients=[user.email])
    mail.send(msg)
`, "app/auth.py": `
from flask import Blueprint, request, abort
from app.models import User
from app.email import ` + tt.sender + `
auth = Blueprint("auth", __name__)

@auth.route("/forgot", methods=["POST"])
def forgot():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        abort(404)
    ` + tt.sender + `(user)
    return "ok"
`}
			d := New(Options{})
			defer d.Close()
			assertSpecText(t, string(allium.Print(distilText(t, d, files).Module, allium.PrintOptions{})),
				[]string{"Email.created(to: user.email, " + tt.want}, nil)
		})
	}
}

// TestMailgenContentNamesMessage pins Mailgen's idiom (freeapi's
// utils/mail.js:10-46): the controller hands sendEmail the content a
// function of the service built (mailgenContent:
// emailVerificationMailgenContent(...)), sendEmail renders it with
// mailGenerator.generate and mails the HTML: the message is named after
// the builder, its suffix left out. Content from elsewhere names nothing,
// and the function that sends the message names it as before (mail_user).
func TestMailgenContentNamesMessage(t *testing.T) {
	for _, tt := range []struct {
		name, content string
		want, notWant []string
	}{
		{"a builder of the service", "emailVerificationMailgenContent(user.email)",
			[]string{"Email.created(to: user.email, template: email_verification)"}, nil},
		{"content written in place", "{ body: { name: 'x' } }",
			[]string{"Email.created(to: user.email, template: mail_user)"}, nil},
		{"a builder without the suffix", "buildContent(user.email)",
			[]string{"Email.created(to: user.email, template: mail_user)"}, []string{"build"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			assertMailerSpec(t, mailgenMailer, "mailUser, emailVerificationMailgenContent, buildContent",
				"mailUser({ email: user.email, subject: 'Hi', mailgenContent: "+tt.content+" })", tt.want, tt.notWant)
		})
	}
}

// mailgenMailer is a mail service in freeapi's shape: sendEmail-like
// mailUser renders the content it is handed and mails the HTML.
const mailgenMailer = `
import Mailgen from 'mailgen'
import nodemailer from 'nodemailer'
export const mailUser = async (options) => {
  const mailGenerator = new Mailgen({ theme: 'default' })
  const emailHtml = mailGenerator.generate(options.mailgenContent)
  const transporter = nodemailer.createTransport({})
  const mail = { from: 'me@example.com', to: options.email, subject: options.subject, html: emailHtml }
  await transporter.sendMail(mail)
}
export const emailVerificationMailgenContent = (name) => ({ body: { name } })
export const buildContent = (name) => ({ body: { name } })
`

// assertMailerSpec distils a fastify service whose forgot handler calls
// call (a function of mailer, the mail service module, importing names
// from it) after finding the user, and checks the spec's text.
func assertMailerSpec(t *testing.T, mailer, names, call string, want, notWant []string) {
	t.Helper()
	files := forgotPasswordFiles(`
export class TokenService {
  generateResetPasswordToken = (userId: string) => userId
}
`, "import { "+names+" } from '../services/mail.service.js'", "{}")
	files["app/services/mail.service.ts"] = mailer
	files["app/controllers/auth.controller.ts"] = strings.Replace(files["app/controllers/auth.controller.ts"],
		"    rep.send({})", "    await "+call+"\n    rep.send({})", 1)
	d := New(Options{})
	defer d.Close()
	assertSpecText(t, string(allium.Print(distilText(t, d, files).Module, allium.PrintOptions{})), want, notWant)
}
