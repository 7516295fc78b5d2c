import { describe, expect, it } from 'vitest';
import {
	dateInDays,
	ELEKTRONIK_REGULER,
	freshOffice,
	quickAccount,
	releaseWithSlots,
	staffOf,
	weekdayOf
} from './booking-fixtures';
import { expectInvalid, expectRefusal } from './refusal';

describe('office staff: timetable, releases and slots', () => {
	it('define a timetable and a release; the slots follow the timetable in the office zone', async () => {
		const office = await freshOffice('Asia/Jayapura');
		const staff = await staffOf(office.id, 'office_admin');
		const date = dateInDays(4, 'Asia/Jayapura');
		await staff.quota.saveTemplate({
			weekday: weekdayOf(date),
			startTime: '08:00',
			endTime: '09:00',
			...ELEKTRONIK_REGULER,
			capacity: 20
		});
		await staff.quota.saveTemplate({
			weekday: weekdayOf(date),
			startTime: '09:00',
			endTime: '10:00',
			passportType: 'biasa',
			service: 'percepatan',
			capacity: 5
		});
		// Saving the same line again changes it instead of adding a second one.
		await staff.quota.saveTemplate({
			weekday: weekdayOf(date),
			startTime: '08:00',
			endTime: '09:30',
			...ELEKTRONIK_REGULER,
			capacity: 25
		});
		expect(await staff.quota.templates()).toHaveLength(2);

		const opensAt = new Date(Date.now() + 60_000);
		const release = await staff.quota.createRelease({
			label: 'Uji',
			firstDate: date,
			lastDate: date,
			opensAt
		});
		expect(release.slotsCreated).toBe(2);
		const [listed] = await staff.quota.releases();
		expect(listed).toMatchObject({ id: release.id, slotCount: 2, capacity: 30, booked: 0 });
		// Generating again adds nothing: slots are made once per line.
		expect(await staff.quota.generateSlots({ releaseId: release.id })).toEqual({ slotsCreated: 0 });

		const applicant = await (await quickAccount()).browser.caller();
		const calendar = await applicant.booking.calendar({
			officeId: office.id,
			...ELEKTRONIK_REGULER
		});
		const day = calendar.days.find((entry) => entry.date === date);
		expect(day).toMatchObject({ state: 'not_open', free: 25 });
		const slots = await applicant.booking.slots({
			releaseId: release.id,
			date,
			...ELEKTRONIK_REGULER
		});
		// 08:00 WIT is 23:00 UTC the day before.
		expect(slots).toHaveLength(1);
		expect(slots[0]).toMatchObject({
			startTime: '08:00',
			endTime: '09:30',
			capacity: 25,
			free: 25
		});
	});

	it('refuse overlapping releases, reversed ranges and kinds the office does not offer', async () => {
		const office = await freshOffice('Asia/Jakarta', {
			passportTypes: ['biasa'],
			services: ['reguler']
		});
		const staff = await staffOf(office.id, 'office_admin');
		const date = dateInDays(5);
		const opensAt = new Date(Date.now() + 60_000);
		await staff.quota.createRelease({
			label: 'A',
			firstDate: date,
			lastDate: dateInDays(7),
			opensAt
		});
		await expectRefusal(
			staff.quota.createRelease({
				label: 'B',
				firstDate: dateInDays(6),
				lastDate: dateInDays(8),
				opensAt
			}),
			'CONFLICT',
			'release_overlaps'
		);
		const fields = await expectInvalid(
			staff.quota.createRelease({
				label: 'C',
				firstDate: dateInDays(9),
				lastDate: dateInDays(8),
				opensAt
			})
		);
		expect(fields.lastDate).toContain('release_dates_reversed');
		await expectRefusal(
			staff.quota.createRelease({
				label: 'D',
				firstDate: dateInDays(-3),
				lastDate: dateInDays(-2),
				opensAt
			}),
			'BAD_REQUEST',
			'release_in_past'
		);
		await expectRefusal(
			staff.quota.saveTemplate({
				weekday: 1,
				startTime: '08:00',
				endTime: '09:00',
				...ELEKTRONIK_REGULER,
				capacity: 10
			}),
			'CONFLICT',
			'office_does_not_offer'
		);
	});

	it('keep staff of office A away from office B', async () => {
		const officeA = await freshOffice();
		const officeB = await freshOffice();
		const { release: releaseB } = await releaseWithSlots({
			officeId: officeB.id,
			slotCount: 1,
			capacity: 5,
			opensAt: new Date(Date.now() + 60_000)
		});
		const staffA = await staffOf(officeA.id, 'office_admin');
		const staffB = await staffOf(officeB.id, 'office_admin');
		const templateB = (await staffB.quota.templates())[0]!;

		// Staff A sees only office A's data, and cannot act on office B's release or timetable.
		expect(await staffA.quota.releases()).toEqual([]);
		expect(await staffA.quota.templates()).toEqual([]);
		await expectRefusal(
			staffA.quota.generateSlots({ releaseId: releaseB.id }),
			'NOT_FOUND',
			'release_not_found'
		);
		await expectRefusal(
			staffA.quota.deleteTemplate({ id: templateB.id }),
			'NOT_FOUND',
			'template_not_found'
		);
		expect(await staffB.quota.templates()).toHaveLength(1);

		// Applicants and admins are not staff.
		const applicant = await (await quickAccount()).browser.caller();
		await expectRefusal(applicant.quota.releases(), 'FORBIDDEN', 'forbidden');
	});
});
