package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// umamiLoginFiles is a login in the shape of umami's (src/app/api/auth/
// login/route.ts:26-40, src/lib/auth.ts:55-66): with Redis on, the user
// and role are kept under a random key and the token signs only the key;
// otherwise the token signs them itself. elseBranch is the other branch.
func umamiLoginFiles(elseBranch string) map[string]string {
	return map[string]string{
		"prisma/schema.prisma": `
model User {
  id        String    @id
  username  String    @unique
  password  String
  role      String
  deletedAt DateTime?
}
`,
		"src/lib/jwt.ts": `
import jwt from 'jsonwebtoken';
import { encrypt } from '@/lib/crypto';
export function createToken(payload: any, secret: any) {
  return jwt.sign(payload, secret);
}
export function createSecureToken(payload: any, secret: any) {
  return encrypt(createToken(payload, secret), secret);
}
`,
		"src/lib/auth.ts": `
import { createAuthKey, secret } from '@/lib/crypto';
import { createSecureToken } from '@/lib/jwt';
import redis from '@/lib/redis';
export async function saveAuth(data: any) {
  const authKey = ` + "`auth:${createAuthKey()}`" + `;
  if (redis.enabled) {
    await redis.client.set(authKey, data);
  }
  return createSecureToken({ authKey }, secret());
}
`,
		"src/lib/password.ts": `
import bcrypt from 'bcryptjs';
export function checkPassword(password: string, hash: string) {
  return bcrypt.compareSync(password, hash);
}
`,
		"src/queries/user.ts": `
import prisma from '@/lib/prisma';
export async function getUserByUsername(username: string) {
  return prisma.client.user.findUnique({ where: { username, deletedAt: null } });
}
`,
		"src/app/api/auth/login/route.ts": `
import { saveAuth } from '@/lib/auth';
import { secret } from '@/lib/crypto';
import { createSecureToken } from '@/lib/jwt';
import { checkPassword } from '@/lib/password';
import redis from '@/lib/redis';
import { json, unauthorized } from '@/lib/response';
import { getUserByUsername } from '@/queries/user';
export async function POST(request: Request) {
  const { username, password } = await request.json();
  const user = await getUserByUsername(username);
  if (!user || !checkPassword(password, user.password)) {
    return unauthorized();
  }
  const { id, role } = user;
  let token: string;
  if (redis.enabled) {
    token = await saveAuth({ userId: id, role });
  } else {
    ` + elseBranch + `
  }
  return json({ token });
}
`,
	}
}

// TestCacheKeyedLoginToken pins three readings of umami's login: a token
// signed over only the key a value was kept under in a token cache
// (catalog token_cache_sets) is a token of that value (its user and the
// user's role); an if whose condition the spec cannot read (redis.enabled)
// but whose branches state the same outcome states it unconditionally,
// and one whose branches make the same row with different values states
// the row with the values both give (commonCreations); a login's JWT that
// no function names for a kind (createSecureToken says how, not what for)
// is an access token.
func TestCacheKeyedLoginToken(t *testing.T) {
	for _, tt := range []struct {
		name, elseBranch string
		cases            []idiomCase
	}{
		{"both branches issue the user's token", "token = createSecureToken({ userId: user.id, role }, secret());", []idiomCase{
			{name: "the token of the kept value, whatever the condition", construct: "AuthLogin",
				want:    []string{"requires: exists user", "ensures: AccessToken.created(user: user, role: user.role)"},
				notWant: []string{"if "}},
			{name: "the token entity", construct: "AccessToken", want: []string{"user: User", "role: String"}},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			runIdiomCases(t, umamiLoginFiles(tt.elseBranch), tt.cases)
		})
	}
	t.Run("the branches differ in a value: the token both make, without it", func(t *testing.T) {
		d := New(Options{})
		defer d.Close()
		out := distilText(t, d, umamiLoginFiles("token = createSecureToken({ userId: user.id }, secret());"))
		got := string(allium.Print(out.Module, allium.PrintOptions{}))
		if !strings.Contains(got, "ensures: AccessToken.created(user: user)\n") || strings.Contains(got, "role: user.role") {
			t.Errorf("want the token of the user without the role only one branch gives:\n%s", got)
		}
	})
}

// TestTokenKindSkipsHowItIsMade pins that a token function named for how
// its token is protected (createSecureToken) names no kind: an outer one
// may.
func TestTokenKindSkipsHowItIsMade(t *testing.T) {
	for _, tt := range []struct {
		stack []string
		want  string
	}{
		{[]string{"src.lib.jwt.createSecureToken"}, "signed"},
		{[]string{"generateRefreshToken", "createSecureToken"}, "refresh"},
	} {
		if got := tokenKind(tt.stack); got != tt.want {
			t.Errorf("tokenKind(%v) = %q, want %q", tt.stack, got, tt.want)
		}
	}
}

// TestRowToken pins a JWT of a row other than a user, signed where no
// function names the kind and kept in an object as an entry (umami's
// share/[slug]/route.ts:29-48): a token of that row, named after it; the
// row's own fields are the row's, and an entry set in one branch only is
// no claim of every token.
func TestRowToken(t *testing.T) {
	files := map[string]string{
		"prisma/schema.prisma": `
model User {
  id       String @id
  username String @unique
}
model Share {
  id        String @id
  entityId  String
  shareType Int
  slug      String @unique
}
`,
		"src/lib/jwt.ts": `
import jwt from 'jsonwebtoken';
export function createToken(payload: any, secret: any) {
  return jwt.sign(payload, secret);
}
`,
		"src/app/api/share/[slug]/route.ts": `
import { createToken } from '@/lib/jwt';
import prisma from '@/lib/prisma';
import { json, notFound } from '@/lib/response';
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const share = await prisma.client.share.findUnique({ where: { slug } });
  if (!share) {
    return notFound();
  }
  const data: Record<string, any> = { shareId: share.id, shareType: share.shareType };
  if (share.shareType === 1) {
    data.websiteId = share.entityId;
  }
  data.token = createToken(data, process.env.APP_SECRET);
  return json(data);
}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the row's token", construct: "GetShare",
			want:    []string{"requires: exists share", "ensures: ShareToken.created(share: share)"},
			notWant: []string{"share_type:", "website_id"}},
		{name: "its entity names the row", construct: "ShareToken", want: []string{"share: Share"}, notWant: []string{"user:"}},
	})
	// A function that names the kind (baserow's encode_public_view_token,
	// contrib/database/views/handler.py:3485-3497) keeps it; the row is
	// still named by its entity, never as the token's user.
	runIdiomCases(t, map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    email = models.EmailField(unique=True)

class View(models.Model):
    slug = models.SlugField(unique=True)
    password = models.CharField(max_length=128)
`,
		"app/views.py": `
import jwt
from django.conf import settings
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import View

def encode_public_view_token(view):
    return jwt.encode({"slug_id": view.slug}, key=settings.SECRET_KEY, algorithm="HS256")

class PublicViewAuthView(APIView):
    def post(self, request, slug):
        view = View.objects.get(slug=slug)
        return Response({"access_token": encode_public_view_token(view)})
`,
	}, []idiomCase{
		{name: "a named kind of a row's token", construct: "PublicViewAuth", want: []string{"PublicViewToken.created(view: view)"}, notWant: []string{"user: view"}},
		{name: "its entity names the row, the kind kept", construct: "PublicViewToken", want: []string{"view: View"}, notWant: []string{"user:"}},
	})
}

// TestRandomFallback pins an optional input or else a fresh random draw
// (umami's slug || getRandomChars(16), share/route.ts:37; getRandomChars
// is catalogued as a random call): the value is the input when given,
// else random. An or of an input and anything else is not read so.
func TestRandomFallback(t *testing.T) {
	files := func(fallback string) map[string]string {
		return map[string]string{
			"prisma/schema.prisma": `
model Link {
  id   String @id
  name String
  slug String @unique
}
`,
			"src/app/api/links/route.ts": `
import { getRandomChars } from '@/lib/generate';
import prisma from '@/lib/prisma';
import { json } from '@/lib/response';
export async function POST(request: Request) {
  const { name, slug } = await request.json();
  const link = await prisma.client.link.create({ data: { name, slug: slug || ` + fallback + ` } });
  return json(link);
}
`,
		}
	}
	runIdiomCases(t, files("getRandomChars(16)"), []idiomCase{
		{name: "the input or a random draw", construct: "Links",
			want: []string{"slug: (if exists slug: slug else: random_key())"}},
	})
	runIdiomCases(t, files("name"), []idiomCase{
		{name: "an or of two inputs is no random fallback", construct: "Links", notWant: []string{"random_key"}},
	})
}
