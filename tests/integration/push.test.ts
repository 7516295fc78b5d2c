import { eq } from 'drizzle-orm';
import { importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { pushDeliveries, pushSubscriptions } from '../../src/lib/server/db/schema';
import { sendOfficeChangeNotice } from '../../src/lib/server/notify/office-changes';
import { sendQuotaNotices } from '../../src/lib/server/notify/quota-notices';
import { pushNoticeOnce } from '../../src/lib/server/notify/push-once';
import type { PushSender } from '../../src/lib/server/notify/push-sender';
import { savePushSubscription } from '../../src/lib/server/notify/push-subscriptions';
import { vapidKeys } from '../../src/lib/server/notify/vapid';
import { freshOffice, quickAccount, releaseWithSlots, waitFor } from './booking-fixtures';
import { FakeBrowser } from './harness';
import { changeOf, noticesOf, officeWithSlots, paidApplicant } from './notice-fixtures';
import { PushServiceStandIn, type TestDevice } from './push-service';
import { expectInvalid, expectRefusal } from './refusal';

const service = new PushServiceStandIn();
beforeAll(() => service.start());
afterAll(() => service.stop());

/** The router accepts only https endpoints; the stand-in speaks http, so it is saved directly. */
async function subscribeDevice(userId: string, device: TestDevice) {
	return savePushSubscription(await db(), userId, { ...device, userAgent: 'test' });
}

async function devicesOf(userId: string) {
	return (await db()).select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
}

/** A paid applicant at a fresh office whose booking staff can move, with a device subscribed. */
async function subscribedApplicant() {
	const setup = await officeWithSlots(2);
	const person = await paidApplicant(setup.slots[0]!.id);
	const device = service.newDevice();
	await subscribeDevice(person.id, device);
	return { ...setup, person, device };
}

async function moveByOffice(setup: Awaited<ReturnType<typeof subscribedApplicant>>) {
	await setup.staff.inbox.specialReschedule({
		bookingId: setup.person.bookingId,
		newSlotId: setup.slots[1]!.id,
		category: 'system_failure',
		reason: 'Server perekaman mati'
	});
	return changeOf(setup.person.bookingId);
}

describe('push subscriptions', () => {
	it('are saved per device for the signed-in person, validated, and removed by their owner', async () => {
		const person = await quickAccount();
		const caller = await person.browser.caller();
		const device = service.newDevice();
		const endpoint = 'https://push.example.test/send/abc';
		const keys = { p256dh: device.p256dh, auth: device.auth };

		expect((await caller.notify.pushKey()).publicKey).toBe((await vapidKeys()).publicKey);
		await expectRefusal(
			(await new FakeBrowser().caller()).notify.pushSubscribe({ endpoint, keys }),
			'UNAUTHORIZED'
		);
		const bad = await expectInvalid(
			caller.notify.pushSubscribe({
				endpoint: 'http://push.example.test/x',
				keys: { p256dh: 'short', auth: device.auth }
			})
		);
		expect(Object.keys(bad).sort()).toEqual(['endpoint', 'keys.p256dh']);
		expect(bad.endpoint).toEqual(['notify_push_subscription_invalid']);

		await caller.notify.pushSubscribe({ endpoint, keys, userAgent: 'Chrome uji' });
		// The same browser again (new keys) keeps one row.
		const renewed = service.newDevice();
		await caller.notify.pushSubscribe({
			endpoint,
			keys: { p256dh: renewed.p256dh, auth: renewed.auth }
		});
		expect(await devicesOf(person.id)).toMatchObject([{ endpoint, p256dh: renewed.p256dh }]);
		expect(await caller.notify.pushStatus({ endpoint })).toEqual({ subscribed: true });

		// Someone else cannot remove it.
		const other = await (await quickAccount()).browser.caller();
		await other.notify.pushUnsubscribe({ endpoint });
		expect(await devicesOf(person.id)).toHaveLength(1);
		await caller.notify.pushUnsubscribe({ endpoint });
		expect(await devicesOf(person.id)).toEqual([]);
		expect(await caller.notify.pushStatus({ endpoint })).toEqual({ subscribed: false });
	});
});

describe('push delivery with the real web-push adapter', () => {
	it('arrives encrypted, signed with the VAPID key, and decrypts to the notice', async () => {
		const setup = await subscribedApplicant();
		const change = await moveByOffice(setup);
		const [push] = await waitFor(
			async () => {
				const got = service.to(setup.device);
				return got.length > 0 && got;
			},
			15_000,
			'the push'
		);

		expect(push!.headers['content-encoding']).toBe('aes128gcm');
		expect(push!.headers.urgency).toBe('high');
		expect(Number(push!.headers.ttl)).toBeGreaterThan(0);
		// VAPID (RFC 8292): a JWT for the push service's origin, signed by our key.
		const vapid = await vapidKeys();
		const authorization = String(push!.headers.authorization);
		const [, token, key] = authorization.match(/^vapid t=([^,]+), k=(.+)$/) ?? [];
		expect(key).toBe(vapid.publicKey);
		const point = Buffer.from(vapid.publicKey, 'base64url');
		const publicJwk = await importJWK(
			{
				kty: 'EC',
				crv: 'P-256',
				x: point.subarray(1, 33).toString('base64url'),
				y: point.subarray(33).toString('base64url')
			},
			'ES256'
		);
		const { payload: claims } = await jwtVerify(token!, publicJwk, {
			audience: new URL(setup.device.endpoint).origin
		});
		expect(claims.sub).toBe(vapid.subject);

		const payload = JSON.parse(setup.device.decrypt(push!.body));
		const [notice] = await noticesOf(setup.person.id);
		expect(payload).toMatchObject({
			title: `${setup.office.name} memindahkan jadwal Anda`,
			link: notice!.link,
			tag: notice!.id
		});
		expect(payload.body).toMatch(/^Jadwal baru: .+ WITA$/);

		// The job again, twice at once (a retry, a second worker): nothing more is pushed.
		const database = await db();
		await Promise.all([
			sendOfficeChangeNotice(database, change.id),
			sendOfficeChangeNotice(database, change.id)
		]);
		expect(service.to(setup.device)).toHaveLength(1);
		const [device] = await devicesOf(setup.person.id);
		expect(device!.lastSuccessAt).not.toBeNull();
	});

	it('goes to every device of the person, each once', async () => {
		const setup = await subscribedApplicant();
		const second = service.newDevice();
		await subscribeDevice(setup.person.id, second);
		await moveByOffice(setup);
		await waitFor(
			async () => service.to(setup.device).length === 1 && service.to(second).length === 1,
			15_000,
			'both pushes'
		);
		expect(JSON.parse(second.decrypt(service.to(second)[0]!.body)).title).toContain(
			'memindahkan jadwal Anda'
		);
	});

	it('forgets a subscription the push service says is gone (410)', async () => {
		const setup = await subscribedApplicant();
		service.answers.set(new URL(setup.device.endpoint).pathname, 410);
		await moveByOffice(setup);
		await waitFor(
			async () => (await devicesOf(setup.person.id)).length === 0,
			15_000,
			'the subscription to go'
		);
		expect(service.to(setup.device)).toHaveLength(1);
		// The mail and the in-app notice still went.
		expect(await noticesOf(setup.person.id)).toMatchObject([{ kind: 'office_reschedule' }]);
	});

	it('tries a device again after a failed send, and pushes it once', async () => {
		const setup = await subscribedApplicant();
		const path = new URL(setup.device.endpoint).pathname;
		service.answers.set(path, 503);
		await moveByOffice(setup);
		// The worker's first try fails; its retry (2 s backoff) finds the service back.
		const afterFailure = await waitFor(
			async () => (await devicesOf(setup.person.id)).find((row) => row.lastFailureAt !== null),
			15_000,
			'the failed first try'
		);
		expect(service.to(setup.device)).toHaveLength(1);
		service.answers.delete(path);
		await waitFor(
			async () =>
				(await (await db()).select().from(pushDeliveries)).some(
					(row) => row.subscriptionId === afterFailure.id
				),
			20_000,
			'the retried push'
		);
		// One refused try, one accepted; the job again pushes nothing more.
		expect(service.to(setup.device)).toHaveLength(2);
		const change = await changeOf(setup.person.bookingId);
		await sendOfficeChangeNotice(await db(), change.id);
		expect(service.to(setup.device)).toHaveLength(2);
		const [notice] = await noticesOf(setup.person.id);
		const never: PushSender = {
			send: async () => {
				throw new Error('must not be called');
			}
		};
		expect(await pushNoticeOnce(await db(), notice!.dedupeKey, never)).toEqual({ pushed: 0 });
	});
});

describe('quota notices by push', () => {
	it('reach the subscriber’s device once, leading to the waiting room', async () => {
		const office = await freshOffice();
		const person = await quickAccount('pelanggan');
		await (await person.browser.caller()).notify.subscribe({ officeCode: office.code });
		const device = service.newDevice();
		await subscribeDevice(person.id, device);
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() + 2 * 60 * 60_000)
		});
		await waitFor(async () => service.to(device).length === 1, 15_000, 'the push');
		const payload = JSON.parse(device.decrypt(service.to(device)[0]!.body));
		expect(payload).toMatchObject({
			title: `Kuota baru di ${office.name}`,
			link: `/booking/room/${release.id}`
		});
		await Promise.all([
			sendQuotaNotices(await db(), 'quota_scheduled', release.id),
			sendQuotaNotices(await db(), 'quota_scheduled', release.id)
		]);
		expect(service.to(device)).toHaveLength(1);
	});
});
