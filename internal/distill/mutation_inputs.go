package distill

import (
	"regexp"
	"strings"

	"github.com/distill/distill/internal/facts"
)

// A resolver shared by several mutations may read whichever of some inputs
// the mutation has:
//
//	field_name = next(i for i in kwargs.keys() if i in ["password", "old_password"])
//	password = kwargs[field_name]
//
// For one mutation that is the input among those names it declares
// (_required_args = ["password"]): kwargs[field_name] is that input.

// firstPresentRE reads `x for x in <dict>[.keys()] if x in [names]`.
var firstPresentRE = regexp.MustCompile(`^\s*(\w+)\s+for\s+(\w+)\s+in\s+\w+(?:\.keys\(\))?\s+if\s+(\w+)\s+in\s+[\[(]([^\])]*)[\])]\s*$`)

// firstPresentName reads next(<that generator>) as "whichever of the
// names"; nil for any other call.
func firstPresentName(e *facts.Expr) *value {
	if e.Method() != "" || facts.LastSegment(e.Raw()) != "next" || len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprComprehension {
		return nil
	}
	m := firstPresentRE.FindStringSubmatch(strings.TrimSuffix(strings.TrimPrefix(e.Args()[0].Text(), "("), ")"))
	if m == nil || m[1] != m[2] || m[2] != m[3] {
		return nil
	}
	var names []string
	for _, part := range strings.Split(m[4], ",") {
		n := strings.Trim(strings.TrimSpace(part), `"'`)
		if !isSnake(n) {
			return nil
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return nil
	}
	return &value{kind: vUnknown, oneOf: names}
}

// inputNamed is the request input a oneOf name stands for in this rule:
// the first of the names the mutation declares among its inputs.
func (rc *ruleCtx) inputNamed(k *value) *value {
	if len(k.oneOf) == 0 {
		return nil
	}
	declared := rc.mutationInputs()
	for _, n := range k.oneOf {
		for _, d := range declared {
			if n == d {
				return rc.paramValue(n)
			}
		}
	}
	return nil
}

// mutationInputs are the input names the rule's mutation class lists in
// a catalogued class attribute (a list of names, or a dict by name).
func (rc *ruleCtx) mutationInputs() []string {
	h := rc.h
	if h == nil || !h.mutation || h.class == nil {
		return nil
	}
	cr := rc.b.ix.classes[h.class.QualName]
	if cr == nil {
		return nil
	}
	var out []string
	for _, attr := range rc.b.lang.MutationInputLists {
		v, _ := rc.b.classField(cr, attr)
		if v == nil {
			continue
		}
		out = append(out, literalNames(v)...)
	}
	return out
}
