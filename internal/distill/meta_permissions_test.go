package distill

import "testing"

// TestMetaPermissions: saleor's generic BaseMutation.mutate refuses unless
// cls.check_permissions(info.context, data=data) holds
// (graphql/core/mutations.py:499-524), and its check asks
// one_of_permissions_or_auth_filter_required(context, cls._meta.permissions)
// (permission/utils.py:32-46): the app the request came from, or when none
// the signed-in user, must hold one of the permissions the mutation's Meta
// lists (get_user_or_app_from_context: context.app or context.user,
// graphql/utils/__init__.py:204-207). A Meta without permissions states
// nothing; nor does one listing an authorization filter, nor a mutation
// whose own check_permissions the spec cannot read.
func TestMetaPermissions(t *testing.T) {
	runIdiomCases(t, metaPermFiles, metaPermCases)
}

var metaPermFiles = map[string]string{
	"app/models.py": `
from django.db import models

class User(models.Model):
    email = models.EmailField()
    is_staff = models.BooleanField(default=False)

class App(models.Model):
    name = models.CharField(max_length=60)

class Page(models.Model):
    title = models.CharField(max_length=60)

class PageType(models.Model):
    name = models.CharField(max_length=60)
`,
	"app/permission/enums.py": `
from enum import Enum

class BasePermissionEnum(Enum):
    @property
    def codename(self):
        return self.value.split(".")[1]

class PagePermissions(BasePermissionEnum):
    MANAGE_PAGES = "page.manage_pages"
    MANAGE_PAGE_TYPES = "page.manage_page_types"

class AuthorizationFilters(BasePermissionEnum):
    AUTHENTICATED_APP = "authorization_filters.authenticated_app"
    AUTHENTICATED_STAFF_USER = "authorization_filters.authenticated_staff_user"
    AUTHENTICATED_USER = "authorization_filters.authenticated_user"
    OWNER = "authorization_filters.owner"
`,
	"app/permission/utils.py": `
def get_user_or_app_from_context(context):
    return context.app or context.user

def _results(context, permissions):
    requestor = get_user_or_app_from_context(context)
    if not requestor:
        return [False]
    return [requestor.has_perm(perm) for perm in permissions]

def all_permissions_required(context, permissions):
    if not permissions:
        return True
    return all(_results(context, permissions))

def one_of_permissions_or_auth_filter_required(context, permissions):
    if not permissions:
        return True
    perm_results = _results(context, permissions)
    return any(perm_results)
`,
	"app/base.py": `
import graphene
from .permission.utils import all_permissions_required, one_of_permissions_or_auth_filter_required

class PermissionDenied(Exception):
    pass

class BaseMutation(graphene.Mutation):
    @classmethod
    def check_permissions(cls, context, permissions=None, require_all_permissions=False, **data):
        all_permissions = permissions or cls._meta.permissions
        if not all_permissions:
            return True
        if require_all_permissions:
            return all_permissions_required(context, all_permissions)
        return one_of_permissions_or_auth_filter_required(context, all_permissions)

    @classmethod
    def mutate(cls, root, info, **data):
        if not cls.check_permissions(info.context, data=data):
            raise PermissionDenied()
        response = cls.perform_mutation(root, info, **data)
        return response
`,
	"app/mutations.py": `
import graphene
from .base import BaseMutation
from .permission.enums import AuthorizationFilters, PagePermissions
from .models import Page, PageType, User

class PageCreate(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES,)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageTypeCreate(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES, PagePermissions.MANAGE_PAGE_TYPES)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        PageType.objects.create(name=data["title"])
        return cls()

class PageOpen(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageHook(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES, AuthorizationFilters.AUTHENTICATED_APP)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageGive(BaseMutation):
    class Arguments:
        user_id = graphene.ID(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES,)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        user = User.objects.get(pk=data["user_id"])
        user.is_staff = True
        user.save()
        return cls()

class PageSignedIn(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageStaffOrApp(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (AuthorizationFilters.AUTHENTICATED_STAFF_USER, AuthorizationFilters.AUTHENTICATED_APP)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageOwner(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES, AuthorizationFilters.OWNER)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageOwn(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES,)

    @classmethod
    def check_permissions(cls, context, permissions=None, **data):
        return context.user.is_staff

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()
`,
}

var metaPermCases = []idiomCase{
	{name: "one permission", construct: "PageCreate",
		want: []string{"when: PageCreate(user, requesting_app, title)",
			"requires: if requesting_app != null: has_permission(requesting_app, manage_pages) else: has_permission(user, manage_pages)"}},
	{name: "any of two", construct: "PageTypeCreate",
		want: []string{"requires: if requesting_app != null: has_permission(requesting_app, manage_pages) or has_permission(requesting_app, manage_page_types) else: has_permission(user, manage_pages) or has_permission(user, manage_page_types)"}},
	{name: "the signed-in user is not the user the request names", construct: "PageGive",
		want:    []string{"has_permission(current_user, manage_pages)", "user.is_staff = true"},
		notWant: []string{"has_permission(user,"}},
	{name: "no permissions", construct: "PageOpen", notWant: []string{"has_permission"}},
	{name: "a permission or an app", construct: "PageHook",
		want: []string{"requires:", "(if requesting_app != null: has_permission(requesting_app, manage_pages) else: has_permission(user, manage_pages))", "or exists requesting_app"}},
	{name: "a signed-in user", construct: "PageSignedIn",
		want: []string{"requires: exists user\n", "requires: user.is_active"}, notWant: []string{"has_permission"}},
	{name: "a staff user or an app", construct: "PageStaffOrApp",
		want: []string{"requires: exists user and user.is_active and user.is_staff or exists requesting_app"}},
	{name: "the owner filter has no test", construct: "PageOwner", notWant: []string{"has_permission", "requires"}},
	{name: "its own check", construct: "PageOwn", notWant: []string{"has_permission"}},
	{name: "the literals are the service's enum", construct: "PagePermissions", want: []string{"manage_pages", "manage_page_types"}},
}

// TestAbstractMutation: a mutation whose own Meta sets abstract = True is
// a base of others, kept out of the schema by graphene (saleor's
// BaseAddressDelete, graphql/account/mutations/base.py:119-130): no
// handler, no rule; the mutation deriving from it has its own.
func TestAbstractMutation(t *testing.T) {
	files := map[string]string{}
	for p, s := range metaPermFiles {
		files[p] = s
	}
	files["app/deletes.py"] = `
import graphene
from .base import BaseMutation
from .permission.enums import PagePermissions
from .models import Page

class BasePageDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        page = Page.objects.get(pk=data["id"])
        page.delete()
        return cls()

class PageDelete(BasePageDelete):
    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES,)
`
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	if got := construct(out.Module, "BasePageDelete"); got != "" {
		t.Errorf("an abstract mutation has a rule:\n%s", got)
	}
	wantConstruct(t, out, "PageDelete", []string{"not exists", "has_permission(user, manage_pages)"}, nil)
}

// TestRequestApp: get_app_promise(context).get() is the app whose token
// made the request, or None (saleor's graphql/app/dataloaders/utils.py:
// 20-27). A check_permissions that refuses any app before the Meta's check
// (StaffDeleteMixin, graphql/account/mutations/base.py:507-511) requires
// that no app made the request, and the Meta's check then asks only the
// user; a row the mutation stamps with the app states it; the app read
// only for what the spec leaves out is no parameter of the rule; and a
// field set before a loop left out that fills the row from the cleaned
// input (construct_instance, graphql/core/mutations.py:464-496; webhook_create.py:191-195)
// may be set again, so it is not stated.
func TestRequestApp(t *testing.T) {
	files := map[string]string{}
	for p, s := range metaPermFiles {
		files[p] = s
	}
	files["app/models.py"] += `
class PageNote(models.Model):
    title = models.CharField(max_length=60)
    app = models.ForeignKey(App, null=True, on_delete=models.SET_NULL)
`
	files["app/graphql/app/dataloaders/utils.py"] = `
def get_app_promise(context):
    if hasattr(context, "app"):
        return Promise.resolve(context.app)
    return promise_app(context)
`
	files["app/apps.py"] = `
import graphene
from .base import BaseMutation, PermissionDenied
from .permission.enums import PagePermissions
from .models import Page, PageNote
from .graphql.app.dataloaders.utils import get_app_promise

class PageStaffOnly(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES,)

    @classmethod
    def check_permissions(cls, context, permissions=None, require_all_permissions=False, **data):
        if get_app_promise(context).get():
            raise PermissionDenied()
        return super().check_permissions(context, permissions)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageAppOnly(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    class Meta:
        permissions = (PagePermissions.MANAGE_PAGES, PagePermissions.MANAGE_PAGE_TYPES)

    @classmethod
    def check_permissions(cls, context, permissions=None, **data):
        permissions = permissions or cls._meta.permissions
        app = getattr(context, "app", None)
        if app:
            return app.has_perms(permissions)
        return False

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        Page.objects.create(title=data["title"])
        return cls()

class PageNotePriced(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        app = get_app_promise(info.context).get()
        if not app or not app.has_perm(PagePermissions.MANAGE_PAGES):
            raise PermissionDenied()
        Page.objects.create(title=data["title"])
        return cls()

class PageNoteAdd(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        app = get_app_promise(info.context).get()
        PageNote.objects.create(title=data["title"], app=app)
        return cls()

class PageNoteQuiet(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        app = get_app_promise(info.context).get()
        if not app and some_library.refuses(info.context.user):
            raise PermissionDenied()
        Page.objects.create(title=data["title"])
        return cls()

class PageNoteFilled(BaseMutation):
    class Arguments:
        title = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        instance = PageNote()
        instance.app = get_app_promise(info.context).get()
        for f in instance._meta.fields:
            if f.name in data:
                f.save_form_data(instance, data[f.name])
        instance.save()
        return cls()
`
	runIdiomCases(t, files, []idiomCase{
		{name: "apps refused before the Meta's check", construct: "PageStaffOnly",
			want:    []string{"requires: not exists requesting_app", "requires: has_permission(user, manage_pages)"},
			notWant: []string{"has_permission(requesting_app"}},
		{name: "only an app holding every permission", construct: "PageAppOnly",
			want: []string{"requires: exists requesting_app", "requires: has_permission(requesting_app, manage_pages)\n", "requires: has_permission(requesting_app, manage_page_types)"}, notWant: []string{"has_permission(user"}},
		{name: "one permission the app holds", construct: "PageNotePriced",
			want: []string{"requires: exists requesting_app", "requires: has_permission(requesting_app, manage_pages)"}, notWant: []string{"has_perm("}},
		{name: "the row stamped with the app", construct: "PageNoteAdd",
			want: []string{"when: PageNoteAdd(title, requesting_app)", "PageNote.created(title: title, app: requesting_app)"}},
		{name: "the app read for nothing the spec states", construct: "PageNoteQuiet",
			want: []string{"when: PageNoteQuiet(title)"}, notWant: []string{"requesting_app"}},
		{name: "a field a fill left out may set again", construct: "PageNoteFilled",
			want: []string{"PageNote.created()"}, notWant: []string{"requesting_app"}},
	})
}
