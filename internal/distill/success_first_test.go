package distill

import (
	"strings"
	"testing"
)

// TestSuccessFirst pins the guard of a handler that writes its success
// inside the test and its refusal after it or in its else
// (success_first.go). The shapes marked inverted read `requires:
// user.status != active` before; the others read right already and stay
// so (the lead's and this helper's search for the reported inversion).
func TestSuccessFirst(t *testing.T) {
	d := New(Options{})
	flaskModel := `
from app import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True)
    status = db.Column(db.String(20), default="pending")
    logins = db.Column(db.Integer, default=0)
`
	flask := func(body string) map[string]string {
		return map[string]string{"app/models.py": flaskModel, "app/views.py": `
from flask import Flask, request, abort, jsonify
from app import db
from app.models import User

app = Flask(__name__)

@app.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(email=request.json["email"]).first()
` + indent(body) + "\n"}
	}
	const djangoModel = `
from django.db import models

class User(models.Model):
    email = models.EmailField(unique=True)
    status = models.CharField(max_length=20, default="pending")
    logins = models.IntegerField(default=0)
`
	express := func(body string) map[string]string {
		return map[string]string{
			"prisma/schema.prisma": `model User {
  id     Int    @id @default(autoincrement())
  email  String @unique
  status String @default("pending")
  logins Int    @default(0)
}
`,
			"src/app.ts": `import express from "express";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
const app = express();

app.post("/login", async (req, res) => {
  const user = await prisma.user.findUnique({ where: { email: req.body.email } });
  await prisma.user.update({ where: { id: user.id }, data: { logins: 7 } });
` + body + `
});
`}
	}
	tests := []struct {
		name  string
		files map[string]string
		rule  string
		want  []string
	}{
		// Inverted before: the success only commits, the outcome was
		// stated before the test.
		{"inverted: a success that only commits, the refusal after the if", flask(`user.logins = 9
if user.status == "active":
    db.session.commit()
    return "ok"
abort(403)`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 9"}},
		{"inverted: the refusal in the else", flask(`user.logins = 9
if user.status == "active":
    db.session.commit()
    return "ok"
else:
    abort(403)`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 9"}},
		{"inverted: the refusal first, the success in the else", flask(`user.logins = 9
if user.status != "active":
    abort(403)
else:
    db.session.commit()
    return "ok"`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 9"}},
		{"unguarded before: a raise in the else", flask(`user.logins = 2
if user.status == "active":
    db.session.commit()
    return "ok"
else:
    raise PermissionError("no")`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 2"}},
		{"inverted: a refusal with outcomes of its own is a rejection", flask(`user.logins = 9
if user.status == "active":
    db.session.commit()
    return "ok"
user.status = "locked"
db.session.commit()
abort(403)`), "LoginRejected", []string{"requires: user.status != active", "ensures: user.status = locked"}},
		{"inverted: Django's HttpResponseForbidden after the if", map[string]string{
			"app/models.py": djangoModel,
			"app/views.py": `
from django.http import JsonResponse, HttpResponseForbidden
from app.models import User

def login(request):
    user = User.objects.get(email=request.POST["email"])
    user.logins = 6
    user.save()
    if user.status == "active":
        return JsonResponse({"ok": True})
    return HttpResponseForbidden()
`,
			"app/urls.py": djangoRoute("login/", "login")}, "Login", []string{"requires: user.status = active", "ensures: user.logins = 6"}},
		{"inverted: Express's error answer as the handler's last statement", express(`  if (user.status === "active") {
    res.json({ ok: true });
    return;
  }
  res.status(403).send("no");`), "Login", []string{`requires: user.status = "active"`, "ensures: user.logins = 7"}},
		{"unguarded before: Express's error answer then a bare return, in the if", express(`  if (user.status !== "active") {
    res.status(403).send("no");
    return;
  } else {
    res.json({ ok: true });
    return;
  }`), "Login", []string{`requires: user.status = "active"`, "ensures: user.logins = 7"}},
		// Read right before and after (no outcome stated before the
		// test, or the guard written first).
		{"the success has outcomes of its own", flask(`if user.status == "active":
    user.logins = user.logins + 1
    db.session.commit()
    return "ok"
abort(403)`), "Login", []string{"requires: user.status = active", "ensures: user.logins = user.logins + 1"}},
		{"a raise after the if", flask(`if user.status == "active":
    user.logins = 5
    db.session.commit()
    return "ok"
raise Exception("inactive")`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 5"}},
		{"an error answered as a value after the if", flask(`if user.status == "active":
    user.logins = 0
    db.session.commit()
    return jsonify(ok=True)
return jsonify(error="no"), 403`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 0"}},
		{"return None after the if", flask(`if user.status == "active":
    user.logins = 0
    db.session.commit()
    return jsonify(ok=True)
return None`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 0"}},
		{"nested ifs", flask(`if user:
    if user.status == "active":
        user.logins = 1
        db.session.commit()
        return "ok"
abort(403)`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 1"}},
		{"an elif refusing too", flask(`if user.status == "active":
    user.logins = 10
    db.session.commit()
    return "ok"
elif user.status == "pending":
    abort(401)
abort(403)`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 10"}},
		{"a try whose except answers the refusal", flask(`try:
    if user.status == "active":
        user.logins = 6
        db.session.commit()
        return "ok"
    raise ValueError("inactive")
except ValueError:
    return jsonify(error="no"), 403`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 6"}},
		{"the guard written first", flask(`user.logins = 9
if user.status != "active":
    abort(403)
db.session.commit()
return "ok"`), "Login", []string{"requires: user.status = active", "ensures: user.logins = 9"}},
		// Inverted before as well: outcomes stated before the test.
		{"inverted: a graphene mutation raising GraphQLError", map[string]string{
			"app/models.py": djangoModel,
			"app/schema.py": `
import graphene
from graphql import GraphQLError
from app.models import User

class LoginPayload(graphene.ObjectType):
    ok = graphene.Boolean()

class Login(graphene.Mutation):
    class Arguments:
        email = graphene.String(required=True)

    Output = LoginPayload

    def mutate(self, info, email):
        user = User.objects.get(email=email)
        user.logins = user.logins + 1
        user.save()
        if user.status == "active":
            return LoginPayload(ok=True)
        raise GraphQLError("inactive")

class Mutation(graphene.ObjectType):
    login = Login.Field()

schema = graphene.Schema(mutation=Mutation)
`}, "Login", []string{"requires: user.status = active", "ensures: user.logins = user.logins + 1"}},
		{"inverted: a graphene payload answering errors", map[string]string{
			"app/models.py": djangoModel,
			"app/schema.py": `
import graphene
from app.models import User

class Login(graphene.Mutation):
    class Arguments:
        email = graphene.String(required=True)

    ok = graphene.Boolean()
    errors = graphene.String()

    def mutate(self, info, email):
        user = User.objects.get(email=email)
        user.logins = 0
        user.save()
        if user.status == "active":
            return Login(ok=True)
        return Login(ok=False, errors="inactive")

class Mutation(graphene.ObjectType):
    login = Login.Field()

schema = graphene.Schema(mutation=Mutation)
`}, "Login", []string{"requires: user.status = active", "ensures: user.logins = 0"}},
		{"inverted: a DRF view answering 403", map[string]string{
			"app/models.py": djangoModel,
			"app/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from rest_framework import status
from app.models import User

class LoginView(APIView):
    def post(self, request):
        user = User.objects.get(email=request.data["email"])
        user.logins = 5
        user.save()
        if user.status == "active":
            return Response({"ok": True})
        return Response({"detail": "no"}, status=status.HTTP_403_FORBIDDEN)
`,
			"app/urls.py": "from django.urls import path\nfrom app.views import LoginView\nurlpatterns = [path(\"login/\", LoginView.as_view())]\n"}, "Login", []string{"requires: user.status = active", "ensures: user.logins = 5"}},
		{"inverted: Express: return res.json() in the if, return res.status(403) after", express(`  if (user.status === "active") {
    return res.json({ ok: true });
  }
  return res.status(403).json({ error: "inactive" });`), "Login", []string{`requires: user.status = "active"`, "ensures: user.logins = 7"}},
		{"inverted: Express: a throw in the else", express(`  if (user.status === "active") {
    return res.json({ ok: true });
  } else {
    throw new Error("inactive");
  }`), "Login", []string{`requires: user.status = "active"`, "ensures: user.logins = 7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			got := construct(out.Module, tt.rule)
			wantInOrder(t, got, tt.want, out.Notes)
			if strings.Contains(got, "requires: user.status != active") && tt.rule == "Login" {
				t.Errorf("inverted guard in:\n%s", got)
			}
		})
	}
}
