package distill

import (
	"strings"
	"testing"
)

// TestUnstatedBranchRules: a branch that ends the request is a rule of its
// own under its condition; when the spec cannot state that condition and
// nothing else tells the branch's rule from the handler's main rule, the
// two would read as both happening on every request
// (nestjs-microservice-boilerplate's reset-password mail resends a pending
// request's token or makes a new request, never both), so the branch is
// left out with a note. A branch told apart by preconditions of its own
// (CTFd's confirm) stays a rule.
func TestUnstatedBranchRules(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const model = `
import { BaseEntity, Entity, PrimaryGeneratedColumn, Column } from 'typeorm';
@Entity()
export class UserEntity extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() email: string;
  @Column() role: string;
}
@Entity()
export class InviteEntity extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() code: string;
}
`
	route := func(cond, branch, rest string) string {
		return `
import { Router } from 'express';
import { UserEntity, InviteEntity } from './user.entity';
import { isInvited } from 'invites-lib';
const router = Router();
router.post('/users', async (req, res) => {
  if (` + cond + `) {
` + branch + `
    await UserEntity.create({ email: req.body.email, role: 'guest' }).save();
    return res.json({});
  }
` + rest + `
  await UserEntity.create({ email: req.body.email, role: 'user' }).save();
  res.json({});
});
export default router;
`
	}
	const ownCheck = `
    const invite = await InviteEntity.findOne({ where: { code: req.body.code } });
    if (!invite) { return res.status(404).json({}); }`
	const restCheck = `
  const taken = await UserEntity.findOne({ where: { email: req.body.email } });
  if (taken) { return res.status(409).json({}); }`
	for _, tc := range []struct {
		name, cond, branch, rest string
		// branchRule: whether Users2, the branch's rule, is made.
		branchRule bool
		note       string
	}{
		{
			name: "a branch under a condition the spec cannot state, alike in preconditions, is left out",
			cond: "isInvited(req.query)",
			note: "a branch whose condition could not be stated (its outcomes are left out)",
		},
		{
			name: "... even when the branch alone requires more: the main rule still holds there",
			cond: "isInvited(req.query)", branch: ownCheck,
			note: "a branch whose condition could not be stated (its outcomes are left out)",
		},
		{
			name: "a branch and a main rule that each require their own stay two rules",
			cond: "isInvited(req.query)", branch: ownCheck, rest: restCheck,
			branchRule: true,
			note:       "the condition of a branch (its outcomes are kept as a rule of their own)",
		},
		{
			// A flag the branch does not read is its condition
			// (TestEndingFlagBranch).
			name:       "a branch on a flag of the request is a rule of its own",
			cond:       "req.query.invited",
			branchRule: true,
		},
		{
			name:       "a branch whose condition is stated is a rule of its own",
			cond:       "req.body.role === 'guest'",
			branchRule: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/user.entity.ts": model, "src/routes.ts": route(tc.cond, tc.branch, tc.rest)})
			wantConstruct(t, out, "Users", []string{`UserEntity.created(email: email, role: "user")`}, []string{`role: "guest"`})
			if got := construct(out.Module, "Users2") != ""; got != tc.branchRule {
				t.Errorf("rule Users2 made: %v, want %v\n%s", got, tc.branchRule, construct(out.Module, "Users2"))
			}
			if tc.branchRule {
				wantConstruct(t, out, "Users2", []string{`UserEntity.created(email: email, role: "guest")`}, nil)
			}
			if tc.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tc.note) {
				t.Errorf("no note %q in %v", tc.note, out.Notes)
			}
		})
	}
}
