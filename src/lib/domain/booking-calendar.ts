/**
 * What an applicant's calendar says about one day at one office, for the passport type and
 * service they need. Every state is spelled out so "no dates" is never a mystery.
 */
export type DayState = 'available' | 'full' | 'not_open' | 'not_offered' | 'past';

export interface DaySeats {
	/** Seats for the applicant's passport type and service on this day, summed over slots. */
	capacity: number;
	booked: number;
	/** Slots of any kind on this day, to tell "not offered for you" from "no quota". */
	anySlots: boolean;
}

export interface DayContext {
	date: string;
	/** The office-local date today; days before it are over. */
	today: string;
	officeOffersKind: boolean;
	releaseOpensAt: Date;
	now: Date;
	seats: DaySeats;
}

export function dayState(context: DayContext): DayState {
	const { date, today, officeOffersKind, releaseOpensAt, now, seats } = context;
	if (date < today) return 'past';
	if (!officeOffersKind || seats.capacity === 0) return 'not_offered';
	if (now.getTime() < releaseOpensAt.getTime()) return 'not_open';
	return seats.booked >= seats.capacity ? 'full' : 'available';
}
