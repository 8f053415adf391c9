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

  async part(memberId) {
    await this.eventBus_.withTransaction(this.activeManager_).emit(MemberService.Events.LEFT, { id: memberId })
  }
}

export default MemberService
`

const medusaEventRoutes = `
import { Router } from "express"
import MemberService from "./member-service"

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

export default (app) => {
  const route = Router()
  app.use("/members", route)
  route.post("/", middlewares.wrap(join))
  route.delete("/:id", middlewares.wrap(part))
  return app
}
`

// TestMedusaEventIdioms pins events emitted on a bus reached through a
// transparent call (catalog transparent_calls: withTransaction) and named
// by a class's static constant; an event bus addresses no one, so its
// Event entity has no recipient.
func TestMedusaEventIdioms(t *testing.T) {
	files := map[string]string{
		"src/models.ts":         medusaModels,
		"src/repositories.ts":   medusaRepos,
		"src/member-service.ts": medusaEventService,
		"src/member-routes.ts":  medusaEventRoutes,
	}
	runIdiomCases(t, files, []idiomCase{
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
			name:      "the event entity has no recipient",
			construct: "Event",
			want:      []string{"template: EventTemplate"},
			notWant:   []string{"to: String"},
		},
	})
}
