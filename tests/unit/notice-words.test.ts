import { describe, expect, it } from 'vitest';
import { noticeText, noticeTitle, refusalText } from '../../src/lib/notice-words';

const at = (iso: string | undefined) => (iso ? `<${iso}>` : '');

describe('words of a standing choice’s notices', () => {
	it('say which office and time were booked and the payment deadline', () => {
		const params = {
			officeName: 'Kantor Imigrasi Denpasar',
			startsAt: '2026-03-05T01:00:00.000Z',
			expiresAt: '2026-03-02T03:00:00.000Z'
		};
		expect(noticeTitle('booked_for_you', params, 'id')).toContain('Kantor Imigrasi Denpasar');
		expect(noticeText('booked_for_you', params, at, 'id')).toBe(
			'Jadwal <2026-03-05T01:00:00.000Z>. Bayar sebelum <2026-03-02T03:00:00.000Z>.'
		);
		expect(noticeText('booked_for_you', params, at, 'en')).toBe(
			'Appointment <2026-03-05T01:00:00.000Z>. Pay before <2026-03-02T03:00:00.000Z>.'
		);
	});

	it('give the refusal in the booking page’s words, and the open turn when there is one', () => {
		const open = {
			officeName: 'X',
			refusal: 'no_free_slot',
			turnOpenUntil: '2026-03-02T01:02:00Z'
		};
		expect(noticeText('choice_refused', open, at, 'en')).toBe(
			`${refusalText('no_free_slot', 'en')} Your turn is open until <2026-03-02T01:02:00Z>.`
		);
		expect(refusalText('no_free_slot', 'en')).toBe(
			'No other free time is left in this quota for your passport type.'
		);
		expect(noticeText('choice_refused', { officeName: 'X', refusal: 'slot_full' }, at, 'id')).toBe(
			refusalText('slot_full', 'id')
		);
		expect(refusalText('slot_full', 'id')).toContain('penuh');
		expect(noticeTitle('choice_refused', { officeName: 'X' }, 'en')).toBe(
			'Your chosen times at X could not be booked'
		);
	});

	it('fall back to the general error for a refusal it has no words for', () => {
		expect(refusalText('no_such_refusal', 'en')).toBe('Something went wrong. Please try again.');
		expect(refusalText(undefined, 'id')).toBe('Terjadi kesalahan. Coba lagi.');
	});
});
