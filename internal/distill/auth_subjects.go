package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// subjectParam reports a handler parameter that holds an auth subject
// (catalog auth.subjects): annotated with one of its types, directly
// (AuthSubject[User]), inside Annotated[AuthSubject[User], Depends(...)],
// or through a module alias of either (AuthorizeWebUserWrite).
func (b *builder) subjectParam(f *facts.File, p *facts.Param) bool {
	types := b.lang.Auth.Subjects.Types
	an := p.Annotation
	if len(types) == 0 || an == nil {
		return false
	}
	if an.Kind == facts.ExprName || an.Kind == facts.ExprAttr {
		if c := b.ix.constant(f, an); c != nil && c.as != nil && c.as.Value != nil {
			an = c.as.Value
		}
	}
	if an.Kind == facts.ExprSubscript && an.X != nil && facts.LastSegment(an.X.Raw()) == "Annotated" && an.Y != nil {
		an = an.Y
		if an.Kind == facts.ExprTuple && len(an.Args()) > 0 {
			an = &an.Args()[0]
		}
	}
	if an.Kind == facts.ExprSubscript && an.X != nil {
		an = an.X // AuthSubject[User]
	}
	return catalog.MatchAny(types, an.Raw(), facts.LastSegment(an.Raw()))
}

// sessionEntity is the entity that a signed-in user's sessions are: its
// name ends in one of auth.subjects.session_suffixes and it belongs to the
// user entity. It returns the entity and its field naming the user; nil
// when no entity, or more than one, fits.
func (b *builder) sessionEntity() (*entityInfo, *fieldInfo) {
	user := b.userEntity()
	if user == "" {
		return nil, nil
	}
	var found *entityInfo
	var field *fieldInfo
	for _, e := range b.entList {
		if e.isBase || e.weak || e.name == user || !hasAnySuffix(e.name, b.lang.Auth.Subjects.SessionSuffixes) {
			continue
		}
		for _, f := range e.fields {
			if f.drop || f.fkEntity != user {
				continue
			}
			if found != nil {
				return nil, nil
			}
			found, field = e, f
		}
	}
	return found, field
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, x := range suffixes {
		if x != "" && strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// subjectValue is what an auth-subject parameter holds: an object whose
// user attribute is the signed-in user and whose session attribute is the
// session the request came with. With a session entity the trigger takes
// the session and the signed-in user is its user (session.user);
// without one the user is the signed-in user of the trigger.
func (rc *ruleCtx) subjectValue() *value {
	if rc.subject != nil {
		return rc.subject
	}
	s := rc.b.lang.Auth.Subjects
	obj := &value{kind: vObject, attrs: map[string]*value{}}
	rc.subject = obj
	ent, field := rc.b.sessionEntity()
	if ent == nil || rc.userVal != nil || rc.paramSet["session"] {
		obj.attrs[s.UserAttr] = rc.currentUser()
		return obj
	}
	rc.auth = max(rc.auth, authUser)
	sess := &value{kind: vEntity, ent: ent.name, expr: &allium.Ident{Name: "session"}, param: "session"}
	rc.useParam("session")
	field.used = true
	user := &value{kind: vEntity, ent: field.fkEntity, expr: &allium.Member{X: sess.expr, Name: field.name}}
	rc.userVal = user
	obj.attrs[s.UserAttr] = user
	if s.SessionAttr != "" {
		obj.attrs[s.SessionAttr] = sess
	}
	return obj
}
