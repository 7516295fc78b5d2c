import type { PassportType, Service, ValidityYears } from './application-form';
import { isIsoDate } from './dates';

/**
 * Passport fees (PNBP) by the regulation in force on a date. A fee is whatever schedule took
 * effect last on or before that date; a combination a schedule does not list has no fee, i.e.
 * cannot be applied for then.
 */
export type FeeSchedule = {
	regulation: string;
	/** First calendar day (YYYY-MM-DD) the schedule applies. */
	effectiveFrom: string;
	fees: {
		passport: Readonly<Record<PassportType, Readonly<Partial<Record<ValidityYears, number>>>>>;
		/** Added to the passport fee for the same-day (percepatan) service. */
		acceleration: number;
	};
};

export type PassportFee = { base: number; acceleration: number; total: number; regulation: string };

// Oldest first. Sources: the regulations' annexes as reported by Ditjen Imigrasi and the press;
// dates are the days immigration offices started charging, which is what a receipt shows.
export const FEE_SCHEDULES: readonly FeeSchedule[] = [
	{
		// PP 28/2019, signed 18 April 2019; offices applied it from 3 May 2019 (15 days later,
		// per Kantor Imigrasi Maumere and Tanjungpandan). Fees were per 48-page book with no
		// validity choice: every passport was valid 5 years.
		regulation: 'PP 28/2019',
		effectiveFrom: '2019-05-03',
		fees: {
			passport: {
				biasa: { 5: 350_000 },
				elektronik: { 5: 650_000 },
				// Polycarbonate data pages are electronic passports to the regulation (produced
				// since 2019); Ditjen Imigrasi confirmed the same Rp650,000.
				elektronik_polikarbonat: { 5: 650_000 }
			},
			acceleration: 1_000_000
		}
	},
	{
		// Permenkumham 18/2022 introduced 10-year validity from 12 October 2022 without new
		// tariffs: PP 28/2019 kept charging the same per book until PP 45/2024.
		regulation: 'PP 28/2019',
		effectiveFrom: '2022-10-12',
		fees: {
			passport: {
				biasa: { 5: 350_000, 10: 350_000 },
				elektronik: { 5: 650_000, 10: 650_000 },
				elektronik_polikarbonat: { 5: 650_000, 10: 650_000 }
			},
			acceleration: 1_000_000
		}
	},
	{
		// PP 45/2024, signed 18 October 2024, in force "60 days after promulgation".
		// Ditjen Imigrasi announced, and offices charged, the new tariffs from 17 December
		// 2024; some press wrote 18 or 22 December, so the day is the one uncertainty here.
		// The annex lists "paspor biasa elektronik" with no distinction of the data-page
		// material, so polycarbonate books take the electronic rate. Its tariff exemptions
		// (first passport of a migrant worker, scholarship holders, …) are not modelled here.
		regulation: 'PP 45/2024',
		effectiveFrom: '2024-12-17',
		fees: {
			passport: {
				biasa: { 5: 350_000, 10: 650_000 },
				elektronik: { 5: 650_000, 10: 950_000 },
				elektronik_polikarbonat: { 5: 650_000, 10: 950_000 }
			},
			acceleration: 1_000_000
		}
	}
];

/** The schedule in force on `onDate`, or null before the first one. */
export function feeScheduleOn(
	onDate: string,
	schedules: readonly FeeSchedule[] = FEE_SCHEDULES
): FeeSchedule | null {
	if (!isIsoDate(onDate)) throw new RangeError(`Invalid ISO date: ${onDate}`);
	let current: FeeSchedule | null = null;
	// ISO dates sort as strings.
	for (const schedule of schedules) {
		if (
			schedule.effectiveFrom <= onDate &&
			(!current || schedule.effectiveFrom >= current.effectiveFrom)
		) {
			current = schedule;
		}
	}
	return current;
}

export function passportFee(
	choice: { passportType: PassportType; validityYears: ValidityYears; service: Service },
	onDate: string,
	schedules: readonly FeeSchedule[] = FEE_SCHEDULES
): PassportFee | null {
	const schedule = feeScheduleOn(onDate, schedules);
	const base = schedule?.fees.passport[choice.passportType]?.[choice.validityYears];
	if (!schedule || base === undefined) return null;
	const acceleration = choice.service === 'percepatan' ? schedule.fees.acceleration : 0;
	return { base, acceleration, total: base + acceleration, regulation: schedule.regulation };
}

const rupiahFormats = {
	id: new Intl.NumberFormat('id-ID', {
		style: 'currency',
		currency: 'IDR',
		currencyDisplay: 'narrowSymbol',
		maximumFractionDigits: 0
	}),
	en: new Intl.NumberFormat('en', {
		style: 'currency',
		currency: 'IDR',
		currencyDisplay: 'narrowSymbol',
		maximumFractionDigits: 0
	})
};

/** "Rp350.000" / "Rp350,000": written as on receipts, without the space CLDR puts after "Rp". */
export function formatRupiah(amount: number, locale: 'id' | 'en'): string {
	return rupiahFormats[locale]
		.formatToParts(amount)
		.filter((part) => !(part.type === 'literal' && part.value.trim() === ''))
		.map((part) => part.value)
		.join('');
}
