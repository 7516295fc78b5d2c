import { describe, expect, it } from 'vitest';
import {
	coversDate,
	isReleaseOpen,
	releaseInputSchema,
	slotTemplateInputSchema,
	windowsOverlap
} from '../../../src/lib/domain/quota-release';

const december = {
	firstDate: '2026-12-01',
	lastDate: '2026-12-31',
	opensAt: new Date('2026-11-28T02:00:00Z')
};

function issues(result: { success: boolean; error?: { issues: { message: string }[] } }) {
	return result.success ? [] : result.error!.issues.map((issue) => issue.message);
}

describe('quota releases', () => {
	it('cover their dates, open at their moment and may not overlap', () => {
		expect(coversDate(december, '2026-12-01')).toBe(true);
		expect(coversDate(december, '2027-01-01')).toBe(false);
		expect(isReleaseOpen(december, new Date('2026-11-28T01:59:59Z'))).toBe(false);
		expect(isReleaseOpen(december, new Date('2026-11-28T02:00:00Z'))).toBe(true);
		expect(
			windowsOverlap(december, { ...december, firstDate: '2026-12-31', lastDate: '2027-01-05' })
		).toBe(true);
		expect(
			windowsOverlap(december, { ...december, firstDate: '2027-01-01', lastDate: '2027-01-05' })
		).toBe(false);
	});

	it('validate staff input with message keys', () => {
		const ok = releaseInputSchema.safeParse({ label: 'Desember', ...december });
		expect(ok.success).toBe(true);
		expect(
			issues(releaseInputSchema.safeParse({ label: 'x', ...december, lastDate: '2026-11-01' }))
		).toContain('release_dates_reversed');
		expect(
			issues(releaseInputSchema.safeParse({ label: 'x', ...december, lastDate: '2027-06-01' }))
		).toContain('release_too_long');
		expect(
			issues(releaseInputSchema.safeParse({ label: 'x', ...december, firstDate: '2026-13-01' }))
		).toContain('date_invalid');
	});
});

describe('slot templates', () => {
	const morning = {
		weekday: 1,
		startTime: '08:00',
		endTime: '09:00',
		passportType: 'elektronik',
		service: 'reguler',
		capacity: 20
	};

	it('accept a valid time range with seats', () => {
		expect(slotTemplateInputSchema.safeParse(morning).success).toBe(true);
	});

	it('refuse reversed ranges, unknown kinds and impossible capacities', () => {
		expect(issues(slotTemplateInputSchema.safeParse({ ...morning, endTime: '07:00' }))).toContain(
			'time_range_reversed'
		);
		expect(
			issues(slotTemplateInputSchema.safeParse({ ...morning, passportType: 'diplomatik' }))
		).toContain('passport_type_invalid');
		expect(issues(slotTemplateInputSchema.safeParse({ ...morning, capacity: 0 }))).toContain(
			'capacity_invalid'
		);
		expect(issues(slotTemplateInputSchema.safeParse({ ...morning, startTime: '8:00' }))).toContain(
			'time_invalid'
		);
	});
});
