import { describe, expect, it } from 'vitest';
import type { RoomView } from '../../src/lib/domain/waiting-room';
import { db } from '../../src/lib/server/db';
import { liveRoomStream } from '../../src/lib/server/waiting-room/live';
import {
	adminCaller,
	quickAccount,
	oneSlotOpenRelease,
	submittedApplication,
	waitFor
} from './booking-fixtures';

// A grace period of about two seconds, so an abandoned place is skipped within the test.
process.env.WAITING_ROOM_GRACE_MINUTES = '0.035';
process.env.WAITING_ROOM_TICK_MS = '50';
process.env.ADMISSION_RATE_PER_SEC = '20';
process.env.ADMISSION_PICKUP_SECONDS = '5';

async function queuer(releaseId: string) {
	const account = await quickAccount();
	const application = await submittedApplication(account.id);
	const caller = await account.browser.caller();
	await caller.waitingRoom.join({ releaseId, applicationIds: [application.id] });
	return { account, application, caller };
}

async function openRelease(capacity = 20) {
	return (await oneSlotOpenRelease(capacity)).release;
}

describe('presence in the waiting room', () => {
	it('skips places abandoned past the grace period; the person can join again at the back', async () => {
		const release = await openRelease();
		const admin = await adminCaller();
		await admin.waitingRoom.setPaused({ releaseId: release.id, paused: true });
		const gone = await queuer(release.id);
		const present = await queuer(release.id);
		const third = await queuer(release.id);

		// Only the second and third keep checking in while the room is paused.
		const pollUntil = Date.now() + 2_600;
		while (Date.now() < pollUntil) {
			await present.caller.waitingRoom.status({ releaseId: release.id });
			await third.caller.waitingRoom.status({ releaseId: release.id });
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		await admin.waitingRoom.setPaused({ releaseId: release.id, paused: false });
		await waitFor(async () => {
			const view = await present.caller.waitingRoom.status({ releaseId: release.id });
			return view.place === 'admitted';
		});
		const abandoned = await gone.caller.waitingRoom.status({ releaseId: release.id });
		expect(abandoned).toMatchObject({ place: 'gone', goneReason: 'abandoned' });

		const rejoined = await gone.caller.waitingRoom.join({
			releaseId: release.id,
			applicationIds: [gone.application.id]
		});
		expect(rejoined.ticket).toBe(4);
	});

	it('streams the person’s view live and tells them the moment they are admitted', async () => {
		const release = await openRelease();
		const admin = await adminCaller();
		await admin.waitingRoom.setPaused({ releaseId: release.id, paused: true });
		// Someone ahead, so the person waits until the room resumes.
		await queuer(release.id);
		const person = await queuer(release.id);
		const controller = new AbortController();
		const stream = liveRoomStream(await db(), person.account.id, release.id, controller.signal);
		const reader = stream.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		const views: RoomView[] = [];
		const nextView = async () => {
			for (;;) {
				const boundary = buffer.indexOf('\n\n');
				if (boundary >= 0) {
					const event = buffer.slice(0, boundary);
					buffer = buffer.slice(boundary + 2);
					const data = event.split('\n').find((line) => line.startsWith('data: '));
					if (event.startsWith('event: status') && data) {
						const view = JSON.parse(data.slice(6)) as RoomView;
						views.push(view);
						return view;
					}
					continue;
				}
				const { value, done } = await reader.read();
				if (done) throw new Error('stream ended');
				buffer += decoder.decode(value, { stream: true });
			}
		};
		try {
			const first = await nextView();
			expect(first).toMatchObject({ place: 'waiting', ticket: 2, ahead: 1, paused: true });
			await admin.waitingRoom.setPaused({ releaseId: release.id, paused: false });
			let view = first;
			const deadline = Date.now() + 15_000;
			while (view.place !== 'admitted' && Date.now() < deadline) view = await nextView();
			expect(view.place).toBe('admitted');
			expect(view.admission?.token).toBeTruthy();
		} finally {
			controller.abort();
			await reader.cancel().catch(() => {});
		}
	});

	it('gives the seat to the next person when an admitted browser never picks its turn up', async () => {
		const release = await openRelease(1);
		const admin = await adminCaller();
		await admin.waitingRoom.setPaused({ releaseId: release.id, paused: true });
		const silent = await queuer(release.id);
		const next = await queuer(release.id);
		await admin.waitingRoom.setPaused({ releaseId: release.id, paused: false });

		// The only seat is promised to the first person, who never looks again; the second
		// keeps checking in and waits.
		const started = Date.now();
		const admitted = await waitFor(
			async () => {
				const view = await next.caller.waitingRoom.status({ releaseId: release.id });
				await new Promise((resolve) => setTimeout(resolve, 300));
				return view.place === 'admitted' ? view : null;
			},
			20_000,
			'the next person admitted'
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
		expect(admitted.admission?.token).toBeTruthy();
		expect(await silent.caller.waitingRoom.status({ releaseId: release.id })).toMatchObject({
			place: 'gone',
			goneReason: 'lapsed'
		});
	});
});
