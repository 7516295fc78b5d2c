import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { offices } from '../../src/lib/server/db/schema';
import { seedOffices } from '../../src/lib/server/offices/seed';
import { SEED_OFFICES } from '../../src/lib/server/offices/seed-data';
import { dateInDays, freshOffice, releaseWithSlots, staffOf } from './booking-fixtures';
import { FakeBrowser, signedInApplicant } from './harness';
import { expectRefusal } from './refusal';

const HOUR = 3_600_000;

function editedInfo(address: string) {
	return {
		address,
		phone: '0761 21536',
		whatsapp: '0812 3456 7890',
		email: 'Layanan@Kanim.example.go.id',
		openingHours: [
			{ weekday: 1, opens: '07:30', closes: '15:30' },
			{ weekday: 6, opens: '08:00', closes: '12:00' }
		],
		socialLinks: { instagram: 'https://www.instagram.com/kanim.uji', x: '' },
		priorityWalkIn: false,
		priorityWalkInNote: 'Hubungi petugas informasi.'
	};
}

async function officeByCode(code: string) {
	const [office] = await (await db()).select().from(offices).where(eq(offices.code, code));
	return office!;
}

describe('office information', () => {
	it('is public for every seeded office, with contact details and opening hours', async () => {
		const anonymous = await new FakeBrowser().caller();
		const listed = await anonymous.offices.list();
		for (const seeded of SEED_OFFICES) expect(listed.map((o) => o.code)).toContain(seeded.code);
		const { office, nextRelease } = await anonymous.offices.byCode({ code: 'pdg' });
		expect(office).toMatchObject({
			code: 'PDG',
			address: SEED_OFFICES.find((o) => o.code === 'PDG')!.address,
			email: 'kanim.padang@imigrasi.go.id',
			priorityWalkIn: true
		});
		expect(office.openingHours.map((period) => period.weekday)).toEqual([1, 2, 3, 4, 5]);
		expect(office.socialLinks.instagram).toBe('https://www.instagram.com/kanim.padang');
		expect(nextRelease).toBeNull();
		await expectRefusal(
			anonymous.offices.byCode({ code: 'NOPE' }),
			'NOT_FOUND',
			'office_not_found'
		);
	});

	it('shows the earliest release still to open, not one already open', async () => {
		const office = await freshOffice('Asia/Makassar');
		const anonymous = await new FakeBrowser().caller();
		await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() - HOUR),
			date: dateInDays(3, 'Asia/Makassar')
		});
		const soon = new Date(Date.now() + 2 * HOUR);
		const { release } = await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: soon,
			date: dateInDays(4, 'Asia/Makassar')
		});
		await releaseWithSlots({
			officeId: office.id,
			slotCount: 1,
			capacity: 1,
			opensAt: new Date(Date.now() + 30 * HOUR),
			date: dateInDays(5, 'Asia/Makassar')
		});
		const { nextRelease } = await anonymous.offices.byCode({ code: office.code });
		expect(nextRelease?.id).toBe(release.id);
		expect(nextRelease?.opensAt.getTime()).toBe(soon.getTime());
	});

	it('lets staff edit only their own office, and shows the edit publicly', async () => {
		const mine = await freshOffice();
		const theirs = await freshOffice();
		const staff = await staffOf(mine.id, 'office_admin');
		await staff.office.updateInfo(editedInfo('Jl. Baru No. 2, Bandung'));

		const { office } = await (await new FakeBrowser().caller()).offices.byCode({ code: mine.code });
		expect(office).toMatchObject({
			address: 'Jl. Baru No. 2, Bandung',
			phone: '+6276121536',
			whatsapp: '+6281234567890',
			email: 'layanan@kanim.example.go.id',
			socialLinks: { instagram: 'https://www.instagram.com/kanim.uji' },
			priorityWalkIn: false,
			priorityWalkInNote: 'Hubungi petugas informasi.'
		});
		expect(office.openingHours).toEqual(editedInfo('').openingHours);
		expect((await officeByCode(theirs.code)).address).toBe('Jl. Uji No. 1');
	});

	it('refuses edits from applicants and anonymous callers, and invalid details', async () => {
		const applicant = await (await signedInApplicant()).caller();
		const anonymous = await new FakeBrowser().caller();
		await expectRefusal(applicant.office.updateInfo(editedInfo('x')), 'FORBIDDEN', 'forbidden');
		await expectRefusal(anonymous.office.updateInfo(editedInfo('x')), 'UNAUTHORIZED');

		const office = await freshOffice();
		const staff = await staffOf(office.id, 'office_admin');
		await expectRefusal(
			staff.office.updateInfo({
				...editedInfo('x'),
				socialLinks: { facebook: 'https://phishing.example/kanim' }
			}),
			'BAD_REQUEST'
		);
		expect((await officeByCode(office.code)).address).toBe('Jl. Uji No. 1');
	});

	it('keeps staff edits across restarts while unedited offices follow the seed', async () => {
		const database = await db();
		const edited = await officeByCode('SOQ');
		const staff = await staffOf(edited.id, 'office_admin');
		await staff.office.updateInfo(editedInfo('Jl. Jenderal Ahmad Yani No. 1A, Sorong'));
		await database
			.update(offices)
			.set({ address: 'stale address', email: '' })
			.where(eq(offices.code, 'MKQ'));

		await seedOffices(database);

		expect(await officeByCode('SOQ')).toMatchObject({
			address: 'Jl. Jenderal Ahmad Yani No. 1A, Sorong',
			whatsapp: '+6281234567890',
			priorityWalkIn: false
		});
		expect(await officeByCode('MKQ')).toMatchObject({
			address: SEED_OFFICES.find((o) => o.code === 'MKQ')!.address,
			email: 'kanim.merauke@imigrasi.go.id'
		});
	});
});
