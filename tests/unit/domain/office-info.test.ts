import { describe, expect, it } from 'vitest';
import {
	isSocialLink,
	mapLink,
	officeInfoInputSchema,
	whatsappLink
} from '../../../src/lib/domain/office-info';

const valid = {
	address: ' Jl. Teratai No. 87, Pekanbaru ',
	phone: '(0761) 21536',
	whatsapp: '0812-3456-7890',
	email: ' Kanim.Pekanbaru@Imigrasi.go.id ',
	openingHours: [
		{ weekday: 5, opens: '08:00', closes: '16:30' },
		{ weekday: 1, opens: '08:00', closes: '16:00' }
	],
	socialLinks: { instagram: 'https://www.instagram.com/kanim.pekanbaru', facebook: '' },
	priorityWalkIn: true,
	priorityWalkInNote: ''
};

function issues(input: unknown): string[] {
	const result = officeInfoInputSchema.safeParse(input);
	return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('office information input', () => {
	it('normalizes phone numbers and email, sorts days and drops empty social links', () => {
		const info = officeInfoInputSchema.parse(valid);
		expect(info.address).toBe('Jl. Teratai No. 87, Pekanbaru');
		expect(info.phone).toBe('+6276121536');
		expect(info.whatsapp).toBe('+6281234567890');
		expect(info.email).toBe('kanim.pekanbaru@imigrasi.go.id');
		expect(info.openingHours.map((period) => period.weekday)).toEqual([1, 5]);
		expect(info.socialLinks).toEqual({ instagram: 'https://www.instagram.com/kanim.pekanbaru' });
	});

	it('accepts an office with no published contact at all', () => {
		const info = officeInfoInputSchema.parse({
			...valid,
			phone: '',
			whatsapp: '',
			email: '',
			openingHours: [],
			socialLinks: {}
		});
		expect(info).toMatchObject({ phone: '', whatsapp: '', email: '', openingHours: [] });
	});

	it('refuses hours that close before they open, bad clock times and a day listed twice', () => {
		expect(
			issues({ ...valid, openingHours: [{ weekday: 1, opens: '16:00', closes: '08:00' }] })
		).toEqual(['office_info_hours_backwards']);
		expect(
			issues({ ...valid, openingHours: [{ weekday: 1, opens: '8', closes: '16:00' }] })
		).toContain('office_info_time_invalid');
		expect(
			issues({
				...valid,
				openingHours: [
					{ weekday: 2, opens: '08:00', closes: '12:00' },
					{ weekday: 2, opens: '13:00', closes: '16:00' }
				]
			})
		).toEqual(['office_info_hours_duplicate_day']);
	});

	it('refuses a phone number that is not Indonesian and a malformed email', () => {
		expect(issues({ ...valid, whatsapp: '12345' })).toEqual(['phone_invalid']);
		expect(issues({ ...valid, email: 'kanim@' })).toEqual(['email_invalid']);
	});

	it('only takes https links on the named network, so a label cannot lead elsewhere', () => {
		expect(isSocialLink('instagram', 'https://instagram.com/kanim.medan')).toBe(true);
		expect(isSocialLink('x', 'https://twitter.com/kanim_medan')).toBe(true);
		expect(isSocialLink('instagram', 'http://www.instagram.com/kanim.medan')).toBe(false);
		expect(isSocialLink('instagram', 'https://instagram.com.evil.example/kanim')).toBe(false);
		expect(isSocialLink('facebook', 'javascript:alert(1)')).toBe(false);
		expect(
			issues({ ...valid, socialLinks: { facebook: 'https://www.instagram.com/kanim' } })
		).toEqual(['office_info_social_invalid']);
	});
});

describe('office links', () => {
	it('searches OpenStreetMap for the office name and address', () => {
		const link = new URL(mapLink('Kantor Imigrasi Padang', 'Jl. Khatib Sulaiman No. 50'));
		expect(link.origin).toBe('https://www.openstreetmap.org');
		expect(link.searchParams.get('query')).toBe(
			'Kantor Imigrasi Padang, Jl. Khatib Sulaiman No. 50'
		);
	});

	it('opens WhatsApp chats with the number without its plus sign', () => {
		expect(whatsappLink('+6281234567890')).toBe('https://wa.me/6281234567890');
	});
});
