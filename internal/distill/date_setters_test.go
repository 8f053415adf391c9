package distill

import "testing"

const dateSetterService = `
import { InviteRepository } from "./repositories"

const VALID_HOURS = 48

class InviteService {
  async resend(id) {
    const inviteRepo = this.activeManager_.withRepository(InviteRepository)
    const invite = await inviteRepo.findOne({ where: { id } })
    if (!invite) {
      throw new Error("no invite")
    }
    invite.expires_at = new Date()
    invite.expires_at.setDate(invite.expires_at.getDate() + 7)
    await inviteRepo.save(invite)
  }

  async extend(id) {
    const inviteRepo = this.activeManager_.withRepository(InviteRepository)
    const invite = await inviteRepo.findOne({ where: { id } })
    if (!invite) {
      throw new Error("no invite")
    }
    const expiresOn = new Date()
    expiresOn.setHours(expiresOn.getHours() + VALID_HOURS)
    invite.expires_at = expiresOn
    await inviteRepo.save(invite)
  }

  async renew(id) {
    const inviteRepo = this.activeManager_.withRepository(InviteRepository)
    const invite = await inviteRepo.findOne({ where: { id } })
    if (!invite) {
      throw new Error("no invite")
    }
    const today = new Date()
    const until = new Date(today)
    until.setDate(today.getDate() + 3)
    invite.expires_at = until
    await inviteRepo.save(invite)
  }

  async stretch(id, from) {
    const inviteRepo = this.activeManager_.withRepository(InviteRepository)
    const invite = await inviteRepo.findOne({ where: { id } })
    if (!invite) {
      throw new Error("no invite")
    }
    invite.accepted = false
    const until = new Date()
    until.setDate(from.getDate() + 3)
    invite.expires_at = until
    await inviteRepo.save(invite)
  }

  async pin(id) {
    const inviteRepo = this.activeManager_.withRepository(InviteRepository)
    const invite = await inviteRepo.findOne({ where: { id } })
    if (!invite) {
      throw new Error("no invite")
    }
    invite.accepted = true
    invite.expires_at = new Date()
    invite.expires_at.setDate(5)
    await inviteRepo.save(invite)
  }
}

export default InviteService
`

const dateSetterRoutes = `
import InviteService from "./invite-service"

export const resend = async (req, res) => {
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await inviteService.resend(req.params.id)
  res.sendStatus(200)
}

export const extend = async (req, res) => {
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await inviteService.extend(req.params.id)
  res.sendStatus(200)
}

export const renew = async (req, res) => {
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await inviteService.renew(req.params.id)
  res.sendStatus(200)
}

export const stretch = async (req, res) => {
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await inviteService.stretch(req.params.id, req.body.from)
  res.sendStatus(200)
}

export const pin = async (req, res) => {
  const inviteService: InviteService = req.scope.resolve("inviteService")
  await inviteService.pin(req.params.id)
  res.sendStatus(200)
}

export default (app) => {
  const route = Router()
  app.use("/invites", route)
  route.post("/:id/resend", middlewares.wrap(resend))
  route.post("/:id/extend", middlewares.wrap(extend))
  route.post("/:id/pin", middlewares.wrap(pin))
  route.post("/:id/renew", middlewares.wrap(renew))
  route.post("/:id/stretch", middlewares.wrap(stretch))
  return app
}
`

// TestDateSetterShifts pins Date's setters given their own getter moved
// (catalog date_setters): Medusa's invite.expires_at.setDate(
// invite.expires_at.getDate() + 7) (services/invite.ts:260-261) and
// hoppscotch's expiresOn.setHours(expiresOn.getHours() + n)
// (auth.service.ts:61-62) make a later time, and so does one given the
// getter of another local holding the same time (bulletproof-nodejs's
// exp = new Date(today); exp.setDate(today.getDate() + 60),
// services/auth.ts:104-106); a setter given anything else moves the time
// in a way the spec does not state.
func TestDateSetterShifts(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"src/models.ts":         medusaModels,
		"src/repositories.ts":   medusaRepos,
		"src/invite-service.ts": dateSetterService,
		"src/routes.ts":         dateSetterRoutes,
	}, []idiomCase{
		{
			name:      "a field set to now, then moved by days written as a number: a lifetime named after the entity",
			construct: "Resend",
			want:      []string{"invite.expires_at = now + config.invite_lifetime", "invite_lifetime: Duration = 7.days"},
		},
		{
			name:      "a local moved by hours a module constant counts (48 hours: 2.days, the unit cut from its name)",
			construct: "Extend",
			want:      []string{"invite.expires_at = now + config.valid", "valid: Duration = 2.days"},
		},
		{
			name:      "a local moved by days from another local holding the same time: the days written as they are",
			construct: "Renew",
			want:      []string{"invite.expires_at = now + 3.days"},
		},
		{
			name:      "a local moved by days of another time (a request's): no lifetime stated",
			construct: "Stretch",
			want:      []string{"invite.accepted = false"},
			notWant:   []string{"3.days"},
		},
		{
			name:      "a setter given no getter's value: no outcome for the field",
			construct: "Pin",
			want:      []string{"invite.accepted = true"},
			notWant:   []string{"expires_at"},
		},
	})
}
