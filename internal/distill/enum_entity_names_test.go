package distill

import "testing"

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
