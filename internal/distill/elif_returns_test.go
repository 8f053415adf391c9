package distill

import (
	"strings"
	"testing"
)

// TestElifReturnsInHelper pins elifFallThrough: in an inlined helper
// shaped like django-allauth's AddEmailForm.save (account/forms.py:575-592),
// `if A: return ...` then `elif B: return ...`, the code after runs only
// when neither test held. Before, only A was negated, and the last branch's
// creation read as happening whenever A was off, B on or not.
func TestElifReturnsInHelper(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models

class Note(models.Model):
    text = models.CharField(max_length=10)
    kind = models.CharField(max_length=10)
`,
		"app/settings.py": `
NOTES_FROZEN = False
NOTES_ARCHIVED = False
`,
		"app/views.py": `
from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_POST
from .models import Note

def add(text):
    if settings.NOTES_FROZEN:
        return None
    elif ELIF:
        return Note.objects.create(text=text, kind="archive")
    return Note.objects.create(text=text, kind="plain")

@require_POST
def add_note(request):
    add(request.POST["text"])
    return HttpResponse("ok")
`,
	}
	for _, tc := range []struct {
		name, elif    string
		want, notWant []string
	}{
		{
			name: "a setting: the last creation is under neither setting",
			elif: "settings.NOTES_ARCHIVED",
			want: []string{"if not config.notes_frozen and not config.notes_archived:", `Note.created(text: text, kind: "plain")`},
		},
		{
			name:    "a test the spec cannot state: what follows is left out",
			elif:    "len(text) % 7 == helper_state()",
			notWant: []string{`kind: "plain"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := map[string]string{}
			for k, v := range files {
				in[k] = strings.Replace(v, "ELIF", tc.elif, 1)
			}
			d := New(Options{})
			defer d.Close()
			wantConstructOrNone(t, distilText(t, d, in), "AddNote", tc.want, tc.notWant)
		})
	}
}
