package distill

import (
	"strings"
	"testing"
)

// TestDjangoGenericEditViews: Django's generic CreateView, UpdateView and
// DeleteView given a model and a fields list, with no POST handling of
// their own, are handlers whose rule is what the inherited POST does
// (catalog shapes.edit_views): a new row of the form's fields, the view's
// object changed (get_object's, else the row the URL's pk names among
// get_queryset's rows or all), or that object deleted. LoginRequiredMixin
// lets only a signed-in user through (catalog auth.mixins). A view
// without a spelled-out fields list, or handling its POST itself, gets no
// such rule.
func TestDjangoGenericEditViews(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"users/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models

class User(AbstractUser):
    name = models.CharField(blank=True, max_length=255)

class Note(models.Model):
    title = models.CharField(max_length=100)
    body = models.TextField()
`, "users/views.py": `
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import CreateView, DeleteView, UpdateView
from users.models import Note, User

class UserUpdateView(LoginRequiredMixin, UpdateView):
    model = User
    fields = ["name"]

    def get_object(self, queryset=None):
        return self.request.user

class NoteCreateView(LoginRequiredMixin, CreateView):
    model = Note
    fields = ["title", "body"]

class NoteDeleteView(DeleteView):
    model = Note

class OwnNoteDeleteView(LoginRequiredMixin, DeleteView):
    model = Note

    def get_queryset(self):
        return Note.objects.filter(title=self.request.user.name)

class NoteEverythingUpdateView(UpdateView):
    model = Note
    fields = "__all__"

class NoteRenameView(UpdateView):
    model = Note
    fields = ["title"]

    def post(self, request, pk):
        note = Note.objects.get(pk=pk)
        note.title = "renamed"
        note.save()
`})
	for _, tc := range []struct{ construct, want string }{
		{"UpdateUser", `rule UpdateUser {
    when: UpdateUser(name, current_user)
    ensures: current_user.name = name
}`},
		{"CreateNote", `rule CreateNote {
    when: CreateNote(title, body)
    ensures: Note.created(title: title, body: body)
}`},
		{"DeleteNote", `rule DeleteNote {
    when: DeleteNote(note)
    ensures: not exists note
}`},
		{"DeleteOwnNote", `rule DeleteOwnNote {
    when: DeleteOwnNote(user, pk)
    let note = Note{title: user.name, id: pk}
    ensures: not exists note
}`},
		{"UpdateNoteEverything", ""},
		// Its own post is its handler, named for the view.
		{"NoteRename", `rule NoteRename {
    when: NoteRename(note)
    ensures: note.title = "renamed"
}`},
	} {
		t.Run(tc.construct, func(t *testing.T) {
			if got := construct(out.Module, tc.construct); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tc.want, out.Notes)
			}
		})
	}
	surface := construct(out.Module, "UserApi")
	for _, signedIn := range []string{"UpdateUser(", "CreateNote(", "DeleteOwnNote("} {
		if !strings.Contains(surface, signedIn) {
			t.Errorf("%s is not on the signed-in surface:\n%s", signedIn, surface)
		}
	}
}
