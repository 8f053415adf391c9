package distill

import "testing"

// medusaEventService emits its events the way Medusa's services do: on
// the event bus service bound to the transaction
// (this.eventBus_.withTransaction(manager).emit), named by a constant the
// class keeps in a static table (MemberService.Events.JOINED).
const medusaEventService = `
import { MemberRepository } from "./repositories"

class MemberService {
  static Events = {
    JOINED: "member.joined",
    LEFT: "member.left",
    NOTIFIED: "member.notified",
    ENROLLED: "member.enrolled",
  }

  async join(email) {
    return await this.atomicPhase_(async (manager) => {
      const repo = manager.withRepository(MemberRepository)
      const member = repo.create({ email })
      await repo.save(member)
      await this.eventBus_
        .withTransaction(manager)
        .emit(MemberService.Events.JOINED, { id: member.id })
    })
  }

  async enrol(email) {
    this.logger_.info("a member is enrolled")
    return await this.atomicPhase_(async (manager) => {
      const repo = manager.withRepository(MemberRepository)
      await repo.save(repo.create({ email }))
      await this.eventBus_.withTransaction(manager).emit(MemberService.Events.ENROLLED, {})
    })
  }

  async byEmail(email) {
    const repo = this.activeManager_.withRepository(MemberRepository)
    const member = await repo.findOne({ where: { email } })
    if (!member) {
      throw new NotFoundException("no member")
    }
    return member
  }

  async notify(memberId) {
    const repo = this.activeManager_.withRepository(MemberRepository)
    const members = await repo.find({ where: { id: memberId } })
    if (!members.length) {
      throw new NotFoundException("no member")
    }
    await this.eventBus_.emit(MemberService.Events.NOTIFIED, { id: memberId })
  }

  async part(memberId) {
    await this.eventBus_.withTransaction(this.activeManager_).emit(MemberService.Events.LEFT, { id: memberId })
  }
}

export default MemberService
`

// medusaSponsorService hands on to MemberService inside its own
// transaction, as Medusa's invite service calls the user service.
const medusaSponsorService = `
import MemberService from "./member-service"

class SponsorService {
  protected readonly memberService_: MemberService

  async sponsor(email) {
    return await this.atomicPhase_(async (m) => {
      if (!email) {
        throw new BadRequestException("an address is needed")
      }
      return await this.memberService_.withTransaction(m).enrol(email)
    })
  }
}

export default SponsorService
`

const medusaEventRoutes = `
import { Router } from "express"
import MemberService from "./member-service"
import SponsorService from "./sponsor-service"

export const join = async (req, res) => {
  const memberService: MemberService = req.scope.resolve("memberService")
  await memberService.join(req.body.email)
  res.sendStatus(200)
}

export const part = async (req, res) => {
  const memberService: MemberService = req.scope.resolve("memberService")
  await memberService.part(req.params.id)
  res.sendStatus(200)
}

export const remind = async (req, res) => {
  const memberService: MemberService = req.scope.resolve("memberService")
  const member = await memberService.byEmail(req.body.email).catch(() => undefined)
  if (member) {
    await memberService.notify(member.id)
  }
  res.sendStatus(204)
}

export const sponsor = async (req, res) => {
  const sponsorService: SponsorService = req.scope.resolve("sponsorService")
  const manager: EntityManager = req.scope.resolve("manager")
  await manager.transaction(async (tm) => {
    return await sponsorService.withTransaction(tm).sponsor(req.body.email)
  })
  res.sendStatus(200)
}

export default (app) => {
  const route = Router()
  app.use("/members", route)
  route.post("/", middlewares.wrap(join))
  route.delete("/:id", middlewares.wrap(part))
  route.post("/remind", middlewares.wrap(remind))
  route.post("/sponsor", middlewares.wrap(sponsor))
  return app
}
`

// medusaEventFiles is a Medusa-like service whose routes reach its
// services through the container and emit events on the bus.
func medusaEventFiles() map[string]string {
	return map[string]string{
		"src/models.ts":          medusaModels,
		"src/repositories.ts":    medusaRepos,
		"src/member-service.ts":  medusaEventService,
		"src/member-routes.ts":   medusaEventRoutes,
		"src/sponsor-service.ts": medusaSponsorService,
	}
}

// TestMedusaEventIdioms pins events emitted on a bus reached through a
// transparent call (catalog transparent_calls: withTransaction) and named
// by a class's static constant; an event bus addresses no one, so its
// Event entity has no recipient. Also a lookup whose failure a promise's
// catch swallows (catalog failure_fallbacks), then tested: its checks
// are no preconditions, and the outcome is conditional.
func TestMedusaEventIdioms(t *testing.T) {
	runIdiomCases(t, medusaEventFiles(), []idiomCase{
		{
			name:      "emit on a service bound to a transaction; the event named by MemberService.Events.JOINED",
			construct: "Join",
			want:      []string{"Member.created(email: email)", "Event.created(template: member_joined)"},
		},
		{
			name:      "the entry of the table the code names",
			construct: "Part",
			want:      []string{"ensures: Event.created(template: member_left)"},
		},
		{
			name: "a lookup whose failure is caught (.catch(() => undefined)) and then tested: no precondition, the outcome under the test " +
				"(reset-password-token.ts:100-114 answers 204 either way); the row found again by its id is that row, which exists there",
			construct: "Remind",
			want:      []string{"let member = Member{email}", "if exists member:", "Event.created(template: member_notified)"},
			notWant:   []string{"requires: exists member", "Member{id: member}", "requires:"},
		},
		{
			name:      "the event entity has no recipient",
			construct: "Event",
			want:      []string{"template: EventTemplate"},
			notWant:   []string{"to: String"},
		},
	})
}

// TestTransactionCallbackDepth pins that a callback a runner calls in
// place (manager.transaction, Medusa's atomicPhase_) is a block of its
// caller and adds no inline depth: with a depth of 2, the route's
// transaction, SponsorService.sponsor's and MemberService.enrol's are all
// read (each callback counted as a helper, enrol's body would lie beyond).
func TestTransactionCallbackDepth(t *testing.T) {
	d := New(Options{MaxInlineDepth: 2})
	defer d.Close()
	checkConstructs(t, distilText(t, d, medusaEventFiles()), []idiomCase{{
		name:      "a service calling another inside its own transaction, within a route's transaction",
		construct: "Sponsor",
		want:      []string{"Member.created(email: email)", "Event.created(template: member_enrolled)"},
	}})
}
