package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestGivenAmountOr: `x or default` of a parameter the caller gave a
// duration other than zero is that duration (mealie's create_file_token,
// core/security/security.py:35, 45); before, the lifetime read
// "30.minutes or config.token_time != 0.hours". A caller that gives none
// gets the default.
func TestGivenAmountOr(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(arg string) map[string]string {
		return map[string]string{
			"app/security.py": `
from datetime import datetime, timedelta, timezone
import jwt
TOKEN_TIME = 48

def create_access_token(data: dict, expires_delta: timedelta | None = None) -> str:
    to_encode = data.copy()
    expires_delta = expires_delta or timedelta(hours=TOKEN_TIME)
    expire = datetime.now(timezone.utc) + expires_delta
    to_encode["exp"] = expire
    return jwt.encode(to_encode, "k", algorithm="HS256")
`,
			"app/views.py": `
from datetime import timedelta
from fastapi import APIRouter
from app.security import create_access_token
router = APIRouter()

@router.post("/file-token")
def file_token(path: str):
    return {"token": create_access_token({"file": path}` + arg + `)}
`,
		}
	}
	for _, tc := range []struct {
		name, arg, want string
	}{
		{"a duration given: it", ", expires_delta=timedelta(minutes=30)", "= 30.minutes\n"},
		{"none given: the default", "", "expires_at: now + config.token_time"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, files(tc.arg))
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if !strings.Contains(text, tc.want) || strings.Contains(text, " or config.") {
				t.Errorf("spec lacks %q or states an or:\n%s", tc.want, text)
			}
		})
	}
}
