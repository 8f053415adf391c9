package distill

import "testing"

// TestPartialSerializerUpdate: a model serializer made with partial=True
// (catalog shapes.partial_keywords) to change a row validates only the
// fields the request gave, and its save writes only those: plane's
// ApiTokenEndpoint.patch (app/views/api.py:56-61) states each field set if
// given, where it had stated every field of the token set, to null when
// not given. A later write of the row (a task saving it, plane's
// crawl_work_item_link_title after IssueLinkDetailAPIEndpoint.patch,
// api/views/issue.py:1276-1279) still stamps it (auto_now), whichever
// fields were given. The same serializer made without partial sets every
// field.
func TestPartialSerializerUpdate(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
class APIToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    label = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    token = models.CharField(max_length=255)
    updated_at = models.DateTimeField(auto_now=True)
`,
		"app/serializers.py": `
from rest_framework import serializers
from app.models import APIToken
class APITokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = APIToken
        fields = "__all__"
        read_only_fields = ["token", "user", "updated_at"]
`,
		"app/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from app.models import APIToken
from app.serializers import APITokenSerializer
def touch(token):
    token.save()
class ApiTokenEndpoint(APIView):
    def patch(self, request, pk):
        api_token = APIToken.objects.get(user=request.user, pk=pk)
        serializer = APITokenSerializer(api_token, data=request.data, partial=True)
        if serializer.is_valid():
            serializer.save()
            touch(api_token)
            return Response(serializer.data, status=200)
        return Response(serializer.errors, status=400)
    def put(self, request, pk):
        api_token = APIToken.objects.get(user=request.user, pk=pk)
        serializer = APITokenSerializer(api_token, data=request.data)
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=200)
        return Response(serializer.errors, status=400)
`,
		"app/urls.py": `
from django.urls import path
from app.views import ApiTokenEndpoint
urlpatterns = [path("tokens/<int:pk>", ApiTokenEndpoint.as_view())]
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "a partial update sets each field if given", construct: "PatchApiToken",
			want: []string{"if exists label:\n            api_token.label = label", "if exists description:\n            api_token.description = description",
				"api_token.updated_at = now"}},
		{name: "a full update sets every field", construct: "PutApiToken",
			want:    []string{"        api_token.label = label", "        api_token.description = description"},
			notWant: []string{"if exists"}},
	})
}
