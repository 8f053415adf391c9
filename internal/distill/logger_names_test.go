package distill

import (
	"strings"
	"testing"
)

// TestLoggerNames: a value kept under a logger's name (the catalog's
// logger_names) is plumbing, and what makes it is not read: neither the
// logging set-up of a service class's constructor or of its getter nor a
// handler's own logger leaves notes on the handler's rule. A row kept under another
// name (log, an audit row) is still read.
func TestLoggerNames(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	// get_logger configures logging the first time: branches and calls
	// that would each be a note if the logger's making were read.
	const logging = `
import logging

_root = None

def get_logger():
    global _root
    if _root is None:
        if settings_mode() == "production":
            logging.basicConfig(level=logging.INFO)
        else:
            configure_dev_logging(handlers=load_handlers())
        _root = logging.getLogger("app")
    return _root
`
	tests := []struct {
		name, routes string
		want         []string
	}{
		{
			name: "a service class keeps a logger",
			routes: `
from fastapi import APIRouter
from .models import User
from .log import get_logger
router = APIRouter()

class UserService:
    def __init__(self, session):
        self.session = session
        self.logger = get_logger()

    def create(self, email):
        self.logger.info("creating a user")
        user = User(email=email)
        self.session.add(user)
        self.session.commit()
        return user

@router.post("/users")
def create_user(email: str, session: Session):
    service = UserService(session)
    return service.create(email)
`,
			want: []string{"User.created(email: email)"},
		},
		{
			name: "a service class makes its logger on first use",
			routes: `
from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session, sessionmaker
from .models import User
from .log import get_logger
router = APIRouter()

SessionLocal = sessionmaker()

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()

class UserService:
    _logger = None

    def __init__(self, db):
        self.db = db

    @property
    def logger(self):
        if not self._logger:
            self._logger = get_logger()
        return self._logger

    def register(self, email):
        self.logger.info("creating a user")
        user = User(email=email)
        self.db.add(user)
        self.db.commit()
        return user

@router.post("/users")
def create_user(email: str, db: Session = Depends(get_db)):
    service = UserService(db)
    return service.register(email)
`,
			want: []string{"User.created(email: email)"},
		},
		{
			name: "a handler makes its own logger",
			routes: `
from fastapi import APIRouter
from .models import User
from .log import get_logger
router = APIRouter()

@router.post("/users")
def create_user(email: str, session: Session):
    logger = get_logger()
    logger.info("creating a user")
    user = User(email=email)
    session.add(user)
    session.commit()
    return user
`,
			want: []string{"User.created(email: email)"},
		},
		{
			name: "a row named log is no logger",
			routes: `
from fastapi import APIRouter
from .models import User, AuditLog
router = APIRouter()

@router.post("/users")
def create_user(email: str, session: Session):
    user = User(email=email)
    session.add(user)
    log = AuditLog(action="create_user")
    session.add(log)
    session.commit()
    return user
`,
			want: []string{"User.created(email: email)", `AuditLog.created(action: "create_user")`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": userAndAuditModels, "app/log.py": logging, "app/routes.py": tt.routes,
			})
			rule := construct(out.Module, "CreateUser")
			for _, w := range tt.want {
				if !strings.Contains(rule, w) {
					t.Errorf("rule lacks %s:\n%s", w, rule)
				}
			}
			for _, n := range out.Notes {
				if strings.Contains(n, "log.py") {
					t.Errorf("a note on the logger's making: %s", n)
				}
			}
		})
	}
}
