package distill

import "testing"

// TestTestFileClasses: the models and dataclasses of a test file are none
// of the service's (saleor's and netbox's test models were declared as
// entities; paperless-ngx's PaperlessDirs in documents/tests/conftest.py
// had a note of its own).
func TestTestFileClasses(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"app/models.py": `
from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=64)
`,
		"app/tests/models.py": `
from django.db import models


class DummyModel(models.Model):
    name = models.CharField(max_length=64)
`,
	})
	if construct(out.Module, "Book") == "" {
		t.Errorf("the service's model is not declared")
	}
	if got := construct(out.Module, "DummyModel"); got != "" {
		t.Errorf("a test's model is declared:\n%s", got)
	}
}
