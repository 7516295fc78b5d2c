import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { hallInfo } from '../../src/lib/server/office-floor/hall';
import { joinRoom } from '../../src/lib/server/waiting-room/room';
import { dateInDays, freshOffice, releaseWithSlots } from './booking-fixtures';

describe('hall information for the kiosk board', () => {
	it('shows a release about to open with its pre-queue, and the coming days’ free seats', async () => {
		const office = await freshOffice();
		const opensAt = new Date(Date.now() + 3_600_000);
		const { release, date } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 2,
			capacity: 4,
			opensAt,
			date: dateInDays(2, office.timeZone)
		});
		await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 3,
			// Opens in two days: not news in the hall yet, but its seats are counted.
			opensAt: new Date(Date.now() + 2 * 86_400_000),
			date: dateInDays(3, office.timeZone)
		});
		const roomRelease = { ...release, officeId: office.id, admissionRate: null };
		for (let index = 0; index < 3; index++) {
			await joinRoom(roomRelease, randomUUID(), [
				{ id: randomUUID(), nik: `32${index}`.padEnd(16, '7') }
			]);
		}

		const info = await hallInfo(await db(), { ...office });
		expect(info.releases).toEqual([
			{ label: release.label, opensAt: opensAt.getTime(), phase: 'pre', waiting: 3 }
		]);
		expect(info.days).toEqual([
			{ date, free: 8 },
			{ date: dateInDays(3, office.timeZone), free: 3 }
		]);
	});
});
