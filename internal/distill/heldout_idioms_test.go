package distill

import "testing"

// TestHeldOutIdioms pins what reading real services outside the corpus
// (saleor, lemur) showed distill stating wrongly: a GraphQL resolver's
// framework parameters and the keys of a shared base resolver as
// inputs, a row's column defaults after code the walk does not read
// filled it, a model base under another name, and the auth decorators a
// view's base class lists.
func TestHeldOutIdioms(t *testing.T) {
	d := New(Options{})
	djangoModels := `
from django.db import models

class User(models.Model):
    email = models.EmailField(unique=True)

class Address(models.Model):
    city = models.CharField(max_length=100)
    validation_skipped = models.BooleanField(default=False)

class CustomerEvent(models.Model):
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
    date = models.DateTimeField(auto_now_add=True)
    note = models.TextField(null=True)
`
	resolverMutations := `
import graphene
from . import models

class BaseMutation(graphene.Mutation):
    @classmethod
    def mutate(cls, root, info, **data):
        return cls.perform_mutation(root, info, **data)

class ModelMutation(BaseMutation):
    @classmethod
    def perform_mutation(cls, _root, info, /, **data):
        object_id = data.get("id")
        qs = data.get("qs")
        if object_id:
            instance = cls.get_node_or_error(info, object_id, qs=qs)
        else:
            instance = None
        cls.save(info, instance, data.get("input"))
        return cls()

class CustomerCreate(ModelMutation):
    class Arguments:
        input = graphene.String(required=True)

    @classmethod
    def save(cls, info, instance, cleaned_input):
        models.CustomerEvent.objects.create(note=cls.describe(info, cleaned_input))

class CustomerNote(BaseMutation):
    class Arguments:
        text = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, root, info, /, **data):
        models.CustomerEvent.objects.create(note=summary(info, data["text"]))
        return cls()
`
	// addressCreate is a mutation that makes an Address, hands it to
	// fill, then saves it; methods are more of its class's body.
	addressCreate := func(methods, fill string) string {
		return `
import graphene
from .models import Address

class AddressCreate(graphene.Mutation):
    class Arguments:
        input = graphene.String(required=True)
` + methods + `
    @classmethod
    def mutate(cls, root, info, input):
        address = Address()
        ` + fill + `
        address.save()
        return AddressCreate()
`
	}
	addressCreated := `rule AddressCreate {
    when: AddressCreate()
    ensures: Address.created()
}`
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			// saleor: ModelMutation.get_instance reads data.get("id") and
			// data.get("qs") for every mutation (core/mutations.py:799);
			// CustomerCreate takes only input, and info is graphene's.
			name: "a mutation's inputs are the arguments it declares; a shared resolver's other keys and info are not inputs",
			files: map[string]string{
				"app/models.py":    djangoModels,
				"app/mutations.py": resolverMutations,
			},
			construct: "CustomerCreate",
			want: `rule CustomerCreate {
    when: CustomerCreate()
    ensures: CustomerEvent.created(date: now)
}`,
		},
		{
			name: "graphene's info is no input of a mutation",
			files: map[string]string{
				"app/models.py":    djangoModels,
				"app/mutations.py": resolverMutations,
			},
			construct: "CustomerNote",
			want: `rule CustomerNote {
    when: CustomerNote()
    ensures: CustomerEvent.created(date: now)
}`,
		},
		{
			// saleor: address = Address(); cls.construct_instance(address,
			// data), a loop of save_form_data over the model's fields
			// (core/mutations.py:464-496); validation_skipped is set there.
			name: "a new row a left-out loop fills field by field keeps no column default",
			files: map[string]string{
				"app/models.py": djangoModels,
				"app/mutations.py": addressCreate(`
    @classmethod
    def construct_instance(cls, instance, cleaned_data):
        for f in instance._meta.fields:
            if f.name in cleaned_data:
                f.save_form_data(instance, cleaned_data[f.name])
        return instance
`, "cls.construct_instance(address, input)"),
			},
			construct: "AddressCreate",
			want:      addressCreated,
		},
		{
			name: "a new row handed to a call the catalog and the service do not define keeps no column default",
			files: map[string]string{
				"app/models.py":    djangoModels,
				"app/mutations.py": addressCreate("", "fill_from(address, input)"),
			},
			construct: "AddressCreate",
			want:      addressCreated,
		},
		{
			// dispatch: a loop hands the new user to a service function
			// that only reads user.id: the defaults still hold.
			name: "a new row a left-out loop hands to a service function that only reads it keeps its column defaults",
			files: map[string]string{
				"app/models.py": djangoModels,
				"app/mutations.py": `
import graphene
from .models import Address, CustomerEvent

def note_address(address, line):
    CustomerEvent.objects.create(note=line + str(address.id))

class AddressCreate(graphene.Mutation):
    class Arguments:
        input = graphene.String(required=True)
        lines = graphene.List(graphene.String)

    @classmethod
    def mutate(cls, root, info, input, lines):
        address = Address(city=input)
        for line in lines:
            note_address(address, line)
        address.save()
        return AddressCreate()
`},
			construct: "AddressCreate",
			want: `rule AddressCreate {
    when: AddressCreate(input)
    ensures: Address.created(city: input, validation_skipped: false)
}`,
		},
		{
			// lemur: BaseModel: DefaultMeta = db.Model (database.py:22);
			// AuthenticatedResource lists login_required in
			// method_decorators (auth/service.py:244).
			name: "a model base under another name makes models; a base view's method_decorators make its views the signed-in user's",
			files: map[string]string{
				"app/database.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
BaseModel: DefaultMeta = db.Model
`,
				"app/models.py": `
from .database import BaseModel, db

class User(BaseModel):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String)

class Key(BaseModel):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String)
`,
				"app/auth.py": `
from functools import wraps
from flask_restful import Resource

def login_required(f):
    @wraps(f)
    def decorated_function(*args, **kwargs):
        return f(*args, **kwargs)
    return decorated_function

class AuthenticatedResource(Resource):
    method_decorators = [login_required]
`,
				"app/views.py": `
from flask import request
from flask_restful import Resource
from .auth import AuthenticatedResource
from .database import db
from .models import Key

class KeyList(AuthenticatedResource):
    def post(self):
        k = Key(name=request.json["name"])
        db.session.add(k)
        db.session.commit()
        return {}

class PublicKeyList(Resource):
    def post(self):
        k = Key(name=request.json["name"])
        db.session.add(k)
        db.session.commit()
        return {}
`},
			construct: "UserApi",
			want: `surface UserApi {
    facing user: User

    provides:
        KeyList(name)
}`,
		},
		{
			// lemur: ALLOW_CERT_DELETION = True in tests/conf.py:227; the
			// code's default is False (certificates/views.py:1177).
			name: "a test's settings module gives no config value",
			files: map[string]string{
				"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class Key(db.Model):
    id = db.Column(db.Integer, primary_key=True)
`,
				"app/tests/conf.py": `ALLOW_KEY_DELETION = True
`,
				"app/views.py": `
from flask import current_app, Blueprint
from .models import Key, db

bp = Blueprint("x", __name__)

@bp.route("/keys/<int:key_id>", methods=["DELETE"])
def delete_key(key_id):
    if not current_app.config.get("ALLOW_KEY_DELETION", False):
        return dict(message="disabled"), 405
    key = Key.query.get(key_id)
    db.session.delete(key)
    db.session.commit()
    return {}
`},
			construct: "allow_key_deletion",
			want:      `allow_key_deletion: Boolean = false`,
		},
	}
	senderTests := []struct {
		name, fn, want string
	}{
		// indico: send_email_task hands the message to do_send_email
		// (core/emails.py:41), which sends whatever it is given.
		{name: "a wrapper named after the sink names no message", fn: "do_send_email", want: `rule Notify {
    when: Notify(to)
    ensures: Email.created(to: to)
}`},
		{name: "a sender named for its message names it", fn: "send_welcome_email", want: `rule Notify {
    when: Notify(to)
    ensures: Email.created(to: to, template: welcome_email)
}`},
	}
	for _, tt := range senderTests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": djangoModels,
				"app/views.py": `
from django.core.mail import EmailMessage
from rest_framework.views import APIView

def ` + tt.fn + `(to, body):
    EmailMessage(body=body, to=[to]).send()

class NotifyView(APIView):
    def post(self, request):
        ` + tt.fn + `(request.data["to"], request.data["body"])
        return Response()
`}
			out := distilText(t, d, files)
			if got := construct(out.Module, "Notify"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
