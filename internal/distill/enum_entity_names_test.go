package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestEnumNamedAsEntity: an enum and a model of one name in two modules
// (allauth's headless Client choices and its OIDC Client model) are two
// types: the enum takes its package's name, the model keeps its own, and
// a key to the model is typed by the model.
func TestEnumNamedAsEntity(t *testing.T) {
	files := map[string]string{
		"headless/constants.py": `
from django.db import models

class Client(models.TextChoices):
    APP = "app"
    BROWSER = "browser"
`,
		"headless/models.py": `
from django.db import models
from headless.constants import Client

class Login(models.Model):
    client = models.CharField(max_length=10, choices=Client.choices)
`,
		"oidc/models.py": `
from django.db import models

class Client(models.Model):
    name = models.CharField(max_length=100)

class Token(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE)
    hash = models.CharField(max_length=64)
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the model keeps its name", construct: "Client", want: []string{"entity Client {", "name: String"}},
		{name: "a key to the model is typed by it", construct: "Token", want: []string{"client: Client"}},
		{name: "the enum takes its package's name", construct: "HeadlessClient", want: []string{"enum HeadlessClient { app | browser }"}},
		{name: "the enum's field is typed by the enum", construct: "Login", want: []string{"client: HeadlessClient"}},
	})
}

// TestSameEnumInModules: classes of one name and the same members in
// several modules (plane's three `class ROLE(Enum)`, app/permissions,
// db/models/project.py, utils/permissions) are one enum, declared once;
// the checker then drops nothing.
func TestSameEnumInModules(t *testing.T) {
	role := `
from enum import Enum

class Role(Enum):
    ADMIN = "admin"
    MEMBER = "member"
`
	files := map[string]string{
		"app/permissions.py":   role,
		"utils/permissions.py": role,
		"app/models.py": `
from django.db import models
from app.permissions import Role
from utils.permissions import Role as UtilRole

class Member(models.Model):
    role = models.CharField(max_length=10, default=Role.MEMBER)

class Guest(models.Model):
    role = models.CharField(max_length=10, default=UtilRole.ADMIN)
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	enums := 0
	for _, e := range out.Module.Enums {
		if e.Name == "Role" {
			enums++
		}
	}
	if enums != 1 {
		t.Errorf("enum Role declared %d times, want once:\n%s", enums, allium.Print(out.Module, allium.PrintOptions{}))
	}
	for _, n := range out.Notes {
		if strings.Contains(n, "E020") {
			t.Errorf("the checker dropped a declaration: %s", n)
		}
	}
}
