package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A detail view's row is the one the URL names among the rows its own
// get_queryset returns (catalog shapes.object_querysets: DRF's
// GenericAPIView.get_object looks in self.get_queryset()). A view that
// narrows that queryset to the requester's rows can only reach one of
// them: wger's GalleryImageViewSet (gallery/api/views.py:50-58)
//
//	def get_queryset(self):
//	    if getattr(self, 'swagger_fake_view', False):
//	        return Image.objects.none()
//	    return Image.objects.filter(user=self.request.user)
//
// answers 404 for another user's image on update and destroy, so those
// rules require image.user = user; SlotViewSet's
// Slot.objects.filter(day__routine__user=self.request.user)
// (manager/api/views.py:383-391) requires slot.day.routine.user = user.
// A return of an empty queryset (none()) finds no row, so the row comes
// from the other return. Only a getter with one such return, a filter
// chain on the model's manager whose every lookup reads as a path of
// foreign keys to a field compared for equality, is stated: anything
// else (a second return, Q(user=u) | Q(is_public=True), an operator
// lookup, a manager of the service's own) leaves the row any row of
// the model, as before.

// objectQueryset states, for row (the entity self.<method>() found),
// the conditions of the view's own queryset getter as preconditions.
func (rc *ruleCtx) objectQueryset(row *value, method string, sc *scope, out *[]allium.Stmt, line int) {
	b := rc.b
	sh := b.lang.Shapes
	if sh == nil || sh.ObjectQuerysets == nil || sc.cls == nil {
		return
	}
	oq := sh.ObjectQuerysets
	getter := oq.Getters[method]
	cr := b.ix.classes[sc.cls.QualName]
	if getter == "" || cr == nil || b.ix.method(cr, method) != nil {
		return // a finder of its own
	}
	rc.querysetConds(row, cr, getter, sc, out, line)
	// The finder then asks the view's permission classes about the row
	// (object_permissions.go).
	rc.objectPermissions(row, cr, sc, out, line)
}

// querysetConds states the conditions of the view's own queryset getter
// (see objectQueryset) as preconditions on row.
func (rc *ruleCtx) querysetConds(row *value, cr *classRef, getter string, sc *scope, out *[]allium.Stmt, line int) {
	b := rc.b
	sh := b.lang.Shapes
	oq := sh.ObjectQuerysets
	fr := b.ix.method(cr, getter)
	if fr == nil {
		return
	}
	ret := rc.b.requestTimeReturn(fr.fn.Body(), oq.Empty)
	if ret == nil {
		return
	}
	// Down the chain to the model's manager: filters and methods that
	// keep to the rows they are given.
	var filters []*facts.Expr
	x := ret
	for {
		if x.Kind != facts.ExprCall || x.X == nil || x.X.Kind != facts.ExprAttr {
			return
		}
		m := x.X.Name()
		switch {
		case slices.Contains(oq.Filters, m):
			filters = append(filters, x)
		case slices.Contains(b.lang.QueryPassThrough, m):
		default:
			return
		}
		x = x.X.X
		if x.Kind == facts.ExprAttr && slices.Contains(sh.Managers, x.Name()) && x.X != nil {
			break
		}
	}
	mc := b.ix.class(fr.file, x.X)
	if mc == nil || b.entByQual[mc.qual()] == nil || b.entByQual[mc.qual()].name != row.ent || len(filters) == 0 {
		return
	}
	ent := b.entByQual[mc.qual()]
	at := *sc
	at.file = fr.file
	var conds []allium.Expr
	for _, f := range filters {
		if len(f.Args()) > 0 {
			return // Q objects
		}
		for _, kw := range f.Keywords() {
			c := rc.lookupPathCond(row.expr, ent, kw, &at, out)
			if c == nil {
				return
			}
			conds = append(conds, c)
		}
	}
	for _, c := range conds {
		req := &allium.Requires{Meta: b.meta(sc.file, line), Cond: c}
		if sc.top {
			rc.body = append(rc.body, req)
		} else {
			*out = append(*out, req)
		}
	}
}

// requestTimeReturn is the value of the one return of body that is not
// a query method giving no rows (empty), nil unless there is exactly
// one, the body's last statement.
func (b *builder) requestTimeReturn(body []facts.Stmt, empty []string) *facts.Expr {
	var found *facts.Expr
	n := 0
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtReturn {
			return true
		}
		if v := s.Value; v != nil && v.Kind == facts.ExprCall && v.X != nil && v.X.Kind == facts.ExprAttr && slices.Contains(empty, v.X.Name()) && len(v.Args()) == 0 {
			return true
		}
		n++
		found = s.Value
		return true
	})
	if n != 1 || len(body) == 0 || body[len(body)-1].Kind != facts.StmtReturn || body[len(body)-1].Value != found {
		return nil
	}
	return found
}

// lookupPathCond is the condition one keyword lookup of a filter puts on
// row, an ent: day__routine__user=u, through foreign keys of the spec to
// a field, is row.day.routine.user = u. nil for a lookup with an
// operator, a path through anything else, or a value that does not
// translate.
func (rc *ruleCtx) lookupPathCond(row allium.Expr, ent *entityInfo, kw facts.Keyword, sc *scope, out *[]allium.Stmt) allium.Expr {
	b := rc.b
	if kw.Name == "" || kw.Name == "**" {
		return nil
	}
	parts := strings.Split(kw.Name, "__")
	var names []string
	var last *fieldInfo
	for i, p := range parts {
		f := ent.attrs[p]
		if f == nil || f.drop {
			return nil
		}
		names = append(names, f.name)
		if i == len(parts)-1 {
			last = f
			break
		}
		if f.fkEntity == "" || b.entByName[f.fkEntity] == nil {
			return nil
		}
		ent = b.entByName[f.fkEntity]
	}
	val := rc.tr(&kw.Value, sc, out)
	if val == nil || isRowField(val) {
		return nil
	}
	if last.fkEntity == "" {
		val = b.enumValue(last, val)
	}
	last.used = true
	return condExpr(row, qcond{field: names[0], path: names[1:], op: allium.OpEq, val: val})
}
