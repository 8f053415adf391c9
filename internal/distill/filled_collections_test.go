package distill

import "testing"

// TestFilledCollectionsAndFlatProjections pins two readings of plane's
// page views (app/views/page/base.py, bgtasks/page_transaction_task.py):
// a local made empty by set() and then filled in place (in a loop the
// walk does not follow, or straight on) is not the empty set after, so a
// branch testing it is no rule's condition; and a loop over a query
// narrowed to one column's values (values_list("project_id", flat=True))
// binds its variable to each row's column, not to the row.
func TestFilledCollectionsAndFlatProjections(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
class Project(models.Model):
    name = models.CharField(max_length=100)
class Page(models.Model):
    name = models.CharField(max_length=100)
    archived = models.BooleanField(default=False)
class ProjectPage(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="project_pages")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_pages")
class PageLog(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE)
    transaction = models.CharField(max_length=100)
`,
		"app/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from app.models import Page, ProjectPage, PageLog
class PageLinkEndpoint(APIView):
    def post(self, request, page_id, other_id):
        page = Page.objects.get(pk=page_id)
        project_ids = ProjectPage.objects.filter(page_id=page_id).values_list("project_id", flat=True)
        for project_id in project_ids:
            ProjectPage.objects.create(project_id=project_id, page_id=other_id)
        return Response({}, status=201)
class PageLogCleanEndpoint(APIView):
    def post(self, request, page_id, items):
        deleted = set()
        for item in items:
            deleted.update(item.ids)
        if deleted:
            PageLog.objects.filter(transaction__in=deleted).delete()
        return Response({}, status=204)
class PageArchiveEndpoint(APIView):
    def post(self, request, page_id, reason):
        page = Page.objects.get(pk=page_id)
        reasons = set()
        reasons.add(reason)
        if reasons:
            page.archived = True
            page.save()
        return Response({}, status=204)
`,
		"app/urls.py": `
from django.urls import path
from app.views import PageLinkEndpoint, PageLogCleanEndpoint, PageArchiveEndpoint
urlpatterns = [
    path("p/<int:page_id>/link/<int:other_id>", PageLinkEndpoint.as_view()),
    path("p/<int:page_id>/clean", PageLogCleanEndpoint.as_view()),
    path("p/<int:page_id>/archive", PageArchiveEndpoint.as_view()),
]
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{name: "a loop over one column's values binds the row's column", construct: "PageLink",
			want:    []string{"for project_page in page_id.project_pages:", "ProjectPage.created(project: project_page.project, page: other_id)"},
			notWant: []string{"project: project_id"}},
	})
	// Each branch runs only when the code filled the set, which the spec
	// cannot state: no rule, where the empty set() had been the condition.
	for _, rule := range []string{"PageLogClean", "PageArchive"} {
		if got := construct(out.Module, rule); got != "" {
			t.Errorf("%s states a branch under a filled set:\n%s", rule, got)
		}
	}
}
