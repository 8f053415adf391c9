package distill

import "testing"

// TestWebhookEventDispatch: a webhook handler that dispatches on the
// kind of a verified event (catalog webhook_events) gives one rule per
// kind, sharing the handler's trigger and requiring event_type; the
// event's data and the objects fetched from the sender are inputs.
func TestWebhookEventDispatch(t *testing.T) {
	schema := `
model User {
  id                     String    @id
  stripeCustomerId       String?
  stripePriceId          String?
  stripeCurrentPeriodEnd DateTime?
}
`
	head := `
import Stripe from "stripe"
import { db } from "@/lib/db"
const stripe = new Stripe("key")
export async function POST(req: Request) {
  const body = await req.text()
  const event = stripe.webhooks.constructEvent(body, "sig", "secret")
  const session = event.data.object as Stripe.Checkout.Session
`
	tail := `
  return new Response(null, { status: 200 })
}
`
	paid := `
    const subscription = await stripe.subscriptions.retrieve(session.subscription as string)
    await db.user.update({
      where: { id: session.metadata.userId },
      data: {
        stripeCustomerId: subscription.customer as string,
        stripePriceId: subscription.items.data[0].price.id,
        stripeCurrentPeriodEnd: new Date(subscription.current_period_end * 1000),
      },
    })
`
	cancelled := `
    await db.user.update({ where: { id: session.metadata.userId }, data: { stripePriceId: null } })
`
	tests := []struct {
		name     string
		dispatch string
	}{
		{"if", `
  if (event.type === "checkout.session.completed") {` + paid + `  }
  if ("customer.subscription.deleted" === event.type) {` + cancelled + `  }`},
		{"switch", `
  switch (event.type) {
    case "checkout.session.completed": {` + paid + `      break
    }
    case "customer.subscription.deleted":` + cancelled + `      break
  }`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"prisma/schema.prisma":             schema,
				"lib/db.ts":                        "import { PrismaClient } from '@prisma/client'\nexport const db = new PrismaClient()\n",
				"app/api/webhooks/stripe/route.ts": head + tc.dispatch + tail,
			})
			wantConstruct(t, out, "WebhooksStripeCheckoutSessionCompleted", []string{
				"when: WebhooksStripe(",
				`requires: event_type = "checkout.session.completed"`,
				"user.stripe_customer_id = customer",
				"user.stripe_price_id = price_id",
				// new Date(seconds * 1000): the time the number names.
				"user.stripe_current_period_end = current_period_end\n",
			}, []string{"customer.subscription.deleted", "stripe_price_id = null"})
			wantConstruct(t, out, "WebhooksStripeCustomerSubscriptionDeleted", []string{
				"when: WebhooksStripe(",
				`requires: event_type = "customer.subscription.deleted"`,
				"user.stripe_price_id = null",
			}, []string{"checkout.session.completed"})
		})
	}
}

// TestUpdateByUniqueColumn: an update filtered by one column the schema
// keeps unique (Prisma's @unique) changes the one row of that key; by a
// column that is not unique, every row that matches.
func TestUpdateByUniqueColumn(t *testing.T) {
	tests := []struct {
		name, attr string
		want       []string
		notWant    []string
	}{
		{"unique", "@unique", []string{"User{subscription_id}.price_id = price_id"}, []string{"for user in Users"}},
		{"not unique", "", []string{"for user in Users where subscription_id = subscription_id:"}, []string{"User{subscription_id}.price_id"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, map[string]string{
				"prisma/schema.prisma": "model User {\n  id String @id\n  subscriptionId String? " + tc.attr + "\n  priceId String?\n}\n",
				"lib/db.ts":            "import { PrismaClient } from '@prisma/client'\nexport const db = new PrismaClient()\n",
				"app/api/prices/route.ts": `
import { db } from "@/lib/db"
export async function POST(req: Request) {
  const body = await req.json()
  await db.user.update({ where: { subscriptionId: body.subscriptionId }, data: { priceId: body.priceId } })
  return new Response(null, { status: 200 })
}
`,
			})
			wantConstruct(t, out, "Prices", tc.want, tc.notWant)
		})
	}
}

// TestUnverifiedEventNoDispatch: a body's type field compared with a
// string is no dispatch on a verified event's kind: no rule per kind.
func TestUnverifiedEventNoDispatch(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"prisma/schema.prisma": "model User {\n  id String @id\n  priceId String?\n}\n",
		"lib/db.ts":            "import { PrismaClient } from '@prisma/client'\nexport const db = new PrismaClient()\n",
		"app/api/hooks/route.ts": `
import { db } from "@/lib/db"
export async function POST(req: Request) {
  const event = await req.json()
  if (event.type === "price.set") {
    await db.user.update({ where: { id: event.userId }, data: { priceId: event.priceId } })
  }
  return new Response(null, { status: 200 })
}
`,
	})
	if got := construct(out.Module, "HooksPriceSet"); got != "" {
		t.Errorf("an unverified body's type split the handler:\n%s", got)
	}
}
