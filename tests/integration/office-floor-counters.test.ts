import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { serviceSteps } from '../../src/lib/server/db/schema';
import { latestEvent } from '../../src/lib/server/office-floor/events';
import { dateInDays, freshOffice, quickAccount, staffOf } from './booking-fixtures';
import { FakeBrowser } from './harness';
import { bookingAt } from './office-floor-fixtures';
import { expectRefusal } from './refusal';

describe('counters and walk-in priority numbers', () => {
	it('call priority first, then a booked number after two, and record the steps', async () => {
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		const today = dateInDays(0, office.timeZone);
		for (let index = 0; index < 2; index++) {
			const booked = await bookingAt(office, today);
			await staff.floor.checkIn({ applicationNumber: booked.number });
		}
		for (let index = 0; index < 3; index++) await staff.floor.issuePriority({ reason: 'elderly' });
		const counter = await staff.floor.openCounter({ number: 3, name: 'Loket 3' });
		await expectRefusal(
			staff.floor.openCounter({ number: 3, name: 'Lagi' }),
			'CONFLICT',
			'counter_number_taken'
		);

		const called: string[] = [];
		for (let index = 0; index < 5; index++) {
			const { label } = await staff.floor.callNext({ counterId: counter.id });
			called.push(label);
			if (index === 0) {
				await expectRefusal(
					staff.floor.callNext({ counterId: counter.id }),
					'CONFLICT',
					'counter_finish_first'
				);
				await staff.floor.recall({ counterId: counter.id });
				await staff.floor.startStep({ counterId: counter.id, step: 'document_check' });
				await staff.floor.startStep({ counterId: counter.id, step: 'photo_fingerprints' });
				await staff.floor.startStep({ counterId: counter.id, step: 'interview' });
			}
			await staff.floor.finish({ counterId: counter.id, ending: index === 1 ? 'no_show' : 'done' });
		}
		expect(called).toEqual(['P-001', 'P-002', 'A-001', 'P-003', 'A-002']);
		await expectRefusal(
			staff.floor.callNext({ counterId: counter.id }),
			'CONFLICT',
			'counter_nobody_waiting'
		);

		const steps = await (
			await db()
		)
			.select()
			.from(serviceSteps)
			.where(eq(serviceSteps.counterId, counter.id));
		expect(steps.map((step) => step.step).sort()).toEqual([
			'document_check',
			'interview',
			'photo_fingerprints'
		]);
		// Every step ended: each by the next one, the last by marking the number done.
		expect(steps.every((step) => step.endedAt && step.endedAt >= step.startedAt)).toBe(true);

		const latest = await latestEvent(office.id);
		expect(JSON.parse(latest!.data)).toMatchObject({ board: { waiting: 0, serving: [] } });
	});

	it('publish a call to the board with the counter, numbers only', async () => {
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		await staff.floor.issuePriority({ reason: 'pregnant' });
		await staff.floor.issuePriority({ reason: 'disabled' });
		const counter = await staff.floor.openCounter({ number: 1, name: 'Loket 1' });
		await staff.floor.callNext({ counterId: counter.id });
		const event = JSON.parse((await latestEvent(office.id))!.data);
		expect(event.call).toEqual({
			label: 'P-001',
			counterNumber: 1,
			recall: false
		});
		expect(event.board).toMatchObject({
			serving: [{ label: 'P-001', counterNumber: 1 }],
			next: ['P-002'],
			waiting: 1
		});
	});

	it('stop walk-in priority numbers at the daily quota', async () => {
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		await staff.floor.setPriorityQuota({ quota: 2 });
		await staff.floor.issuePriority({ reason: 'small_children' });
		await staff.floor.issuePriority({ reason: 'elderly' });
		await expectRefusal(
			staff.floor.issuePriority({ reason: 'elderly' }),
			'CONFLICT',
			'counter_priority_quota_used'
		);
		expect((await staff.floor.overview()).priority).toEqual({ quota: 2, issued: 2 });
	});
});

describe('office isolation on the floor', () => {
	it('lets no staff member read or act on another office', async () => {
		const office = await freshOffice();
		const otherOffice = await freshOffice();
		const staff = await staffOf(office.id);
		const intruder = await staffOf(otherOffice.id);
		const today = dateInDays(0, office.timeZone);
		const booked = await bookingAt(office, today);
		await staff.floor.issuePriority({ reason: 'elderly' });
		await staff.floor.issuePriority({ reason: 'elderly' });
		const counter = await staff.floor.openCounter({ number: 1, name: 'Loket 1' });
		await staff.floor.callNext({ counterId: counter.id });

		// Reads show only the intruder's own (empty) floor.
		const seen = await intruder.floor.overview();
		expect(seen.counters).toEqual([]);
		expect(seen.waiting).toBe(0);
		expect(seen.next).toEqual([]);

		await expectRefusal(
			intruder.floor.checkIn({ applicationNumber: booked.number }),
			'FORBIDDEN',
			'checkin_other_office'
		);
		const counterId = counter.id;
		const attempts = [
			() => intruder.floor.callNext({ counterId }),
			() => intruder.floor.recall({ counterId }),
			() => intruder.floor.finish({ counterId, ending: 'done' }),
			() => intruder.floor.finish({ counterId, ending: 'no_show' }),
			() => intruder.floor.finish({ counterId, ending: 'skipped' }),
			() => intruder.floor.startStep({ counterId, step: 'interview' }),
			() => intruder.floor.closeCounter({ counterId })
		];
		for (const attempt of attempts) {
			await expectRefusal(attempt(), 'NOT_FOUND', 'counter_not_found');
		}
		// The intruder's own writes land on their own office only.
		await intruder.floor.issuePriority({ reason: 'elderly' });
		await intruder.floor.setPriorityQuota({ quota: 5 });
		await intruder.floor.openCounter({ number: 1, name: 'Loket 1' });
		const mine = await staff.floor.overview();
		expect(mine.priority).toEqual({ quota: 30, issued: 2 });
		expect(mine.counters).toHaveLength(1);
		expect(mine.counters[0]).toMatchObject({ id: counterId, label: 'P-001' });
		expect(mine.next).toEqual(['P-002']);
		expect(JSON.parse((await latestEvent(office.id))!.data).board.serving).toHaveLength(1);
	});

	it('refuses the floor to applicants and to callers without a session', async () => {
		const applicant = await (await quickAccount()).browser.caller();
		const anonymous = await new FakeBrowser().caller();
		for (const [caller, code] of [
			[applicant, 'FORBIDDEN'],
			[anonymous, 'UNAUTHORIZED']
		] as const) {
			await expectRefusal(caller.floor.overview(), code);
			await expectRefusal(caller.floor.issuePriority({ reason: 'elderly' }), code);
			await expectRefusal(caller.floor.openCounter({ number: 1, name: 'Loket 1' }), code);
		}
	});
});
