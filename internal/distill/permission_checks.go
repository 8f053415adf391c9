package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A service that asks a permission registry whether the acting user may
// perform a named operation on an object, and raises when not,
//
//	CoreHandler().check_permissions(user, CreateApplicationsWorkspaceOperationType.type,
//	    workspace=workspace, context=workspace)
//
// guards the handler with that check (baserow, core/handler.py:319-360,
// called before most of its writes). Followed as code, the registry's
// managers (a loop over plugins) state nothing; the catalog's named check
// with several arguments (named_checks: args) states it as a black-box
// predicate of the actor, the operation's name and the object:
// requires: permitted(user, "workspace.create_application", workspace).

// namedCheckOfArgs reads a call of a named check with several arguments
// (nc.Args); nil when the call lacks a required argument, so that a call
// of another shape of the same name (DRF's self.check_permissions(request))
// is read as before.
func (rc *ruleCtx) namedCheckOfArgs(nc *catalog.NamedCheck, e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	var args []*facts.Expr
	for _, spec := range nc.Args {
		optional := strings.HasSuffix(spec, "?")
		var arg *facts.Expr
		for _, alt := range strings.Split(strings.TrimSuffix(spec, "?"), "|") {
			if arg = callArg(e, strings.TrimSuffix(alt, "?")); arg != nil && arg.Kind != facts.ExprNone {
				break
			}
			arg = nil
		}
		if arg == nil {
			if optional {
				continue
			}
			return nil
		}
		args = append(args, arg)
	}
	call := &allium.Call{Fun: &allium.Ident{Name: nc.Predicate}}
	for _, a := range args {
		var x allium.Expr
		if str := rc.b.classConstString(sc.file, a); str != "" {
			// CreateApplicationsWorkspaceOperationType.type: the name the
			// operation's class keeps (type = "workspace.create_application").
			x = &allium.Lit{Kind: allium.LitString, Text: str}
		} else if v := rc.eval(a, sc, out, false); v.kind == vNew {
			// A row the request makes (the workspace a sign-up creates for
			// its new user, baserow's create_workspace, core/handler.py:
			// 614): no precondition can name it.
			x = nil
		} else {
			x = rc.tr(a, sc, out)
		}
		if x == nil {
			// An argument the spec cannot name (an operation chosen at
			// run time): the check is not stated, and the call is
			// worth nothing further.
			rc.untranslated(sc, e.Line(), LeftOutGuard, "the check "+nc.Predicate+"(...)")
			return &value{kind: vPlumbing}
		}
		call.Args = append(call.Args, allium.Arg{Value: x})
	}
	if nc.Asserts && !keywordFalse(e, nc.Answers) {
		rc.b.stats.GuardsSeen++
		switch {
		case sc.under != nil:
			// Checked only on a branch: required where the branch runs.
			rc.nestedGuard(call, sc, e.Line())
		case sc.top:
			rc.requires(call, sc, e.Line())
		default:
			rc.untranslated(sc, e.Line(), LeftOutNestedGuard, "the check "+nc.Predicate+"(...) under a condition the spec could not read")
		}
		return &value{kind: vPlumbing}
	}
	return exprValue(call)
}

// keywordFalse reports whether call passes keyword name as False.
func keywordFalse(call *facts.Expr, name string) bool {
	if name == "" {
		return false
	}
	kw := call.Keyword(name)
	return kw != nil && kw.Kind == facts.ExprBool && kw.Value() == "false"
}
