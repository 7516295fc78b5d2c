import { z } from 'zod';
import { PASSPORT_TYPES } from '../../../domain/passport-kinds';
import { channelsOf, setChannels } from '../../notify/channels';
import { listNotices, markNoticesRead } from '../../notify/inbox';
import {
	hasPushSubscription,
	removePushSubscription,
	savePushSubscription
} from '../../notify/push-subscriptions';
import { vapidKeys } from '../../notify/vapid';
import {
	listSubscriptions,
	subscribe,
	unsubscribeOwn,
	unsubscribeWithToken
} from '../../notify/subscriptions';
import { applicantProcedure, publicProcedure, router, signedInProcedure } from '../init';

/** Push services hand out https endpoints; anything else is not a browser's subscription. */
const pushEndpoint = z
	.url({ protocol: /^https$/, error: 'notify_push_subscription_invalid' })
	.max(2048, { error: 'notify_push_subscription_invalid' });
const base64url = (length: { min: number; max: number }) =>
	z
		.string()
		.min(length.min, { error: 'notify_push_subscription_invalid' })
		.max(length.max, { error: 'notify_push_subscription_invalid' })
		.regex(/^[A-Za-z0-9_-]+=*$/, { error: 'notify_push_subscription_invalid' });

export const notifyRouter = router({
	subscribe: applicantProcedure
		.input(
			z.object({
				officeCode: z.string().trim().toUpperCase().min(1).max(20),
				passportType: z.enum(PASSPORT_TYPES).nullable().default(null)
			})
		)
		.mutation(({ ctx, input }) =>
			subscribe(ctx.db, ctx.user.id, input.officeCode, input.passportType)
		),

	subscriptions: signedInProcedure.query(({ ctx }) => listSubscriptions(ctx.db, ctx.user.id)),

	unsubscribe: signedInProcedure
		.input(z.object({ id: z.uuid({ error: 'notify_subscription_not_found' }) }))
		.mutation(async ({ ctx, input }) => {
			await unsubscribeOwn(ctx.db, ctx.user.id, input.id);
			return { ok: true as const };
		}),

	/** The email link: works without a session, only with the subscription's own token. */
	unsubscribeWithToken: publicProcedure
		.input(
			z.object({
				subscriptionId: z.uuid({ error: 'notify_unsubscribe_invalid' }),
				token: z.string().min(1).max(100)
			})
		)
		.mutation(({ ctx, input }) => unsubscribeWithToken(ctx.db, input.subscriptionId, input.token)),

	/** How the person wants notices: email and/or the in-app list; read at send time. */
	channels: signedInProcedure.query(({ ctx }) => channelsOf(ctx.db, ctx.user.id)),

	setChannels: signedInProcedure
		.input(z.object({ email: z.boolean(), inApp: z.boolean() }).strict())
		.mutation(({ ctx, input }) => setChannels(ctx.db, ctx.user.id, input)),

	notices: signedInProcedure.query(({ ctx }) => listNotices(ctx.db, ctx.user.id)),

	markRead: signedInProcedure
		.input(z.object({ ids: z.array(z.uuid()).max(100) }))
		.mutation(async ({ ctx, input }) => {
			await markNoticesRead(ctx.db, ctx.user.id, input.ids);
			return { ok: true as const };
		}),

	/** The VAPID public key the browser subscribes with (public by design). */
	pushKey: publicProcedure.query(async () => ({ publicKey: (await vapidKeys()).publicKey })),

	/** Saves this device's push subscription for the signed-in person. */
	pushSubscribe: signedInProcedure
		.input(
			z
				.object({
					endpoint: pushEndpoint,
					keys: z.object({
						// An uncompressed P-256 point (65 bytes) and a 16-byte secret, base64url.
						p256dh: base64url({ min: 86, max: 88 }),
						auth: base64url({ min: 22, max: 24 })
					}),
					userAgent: z.string().max(300).nullable().default(null)
				})
				.strict()
		)
		.mutation(({ ctx, input }) =>
			savePushSubscription(ctx.db, ctx.user.id, {
				endpoint: input.endpoint,
				p256dh: input.keys.p256dh,
				auth: input.keys.auth,
				userAgent: input.userAgent
			})
		),

	pushUnsubscribe: signedInProcedure
		.input(z.object({ endpoint: pushEndpoint }))
		.mutation(async ({ ctx, input }) => {
			await removePushSubscription(ctx.db, ctx.user.id, input.endpoint);
			return { ok: true as const };
		}),

	/** Whether this device's endpoint is saved for this person (the browser may still hold one). */
	pushStatus: signedInProcedure
		.input(z.object({ endpoint: pushEndpoint }))
		.query(async ({ ctx, input }) => ({
			subscribed: await hasPushSubscription(ctx.db, ctx.user.id, input.endpoint)
		}))
});
