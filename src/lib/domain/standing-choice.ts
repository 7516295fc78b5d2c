/**
 * "Book for me when my turn comes": while waiting, a person names up to MAX_CHOSEN_SLOTS slots
 * in order of preference, and may allow any other free slot of the release if all of those are
 * full. At their admission the room makes the booking attempt for them, so a phone on a weak
 * line (or a person who put the phone away) loses nothing at the moment it matters.
 */
export const MAX_CHOSEN_SLOTS = 3;

export interface StandingChoice {
	/** In order of preference; the first with seats for every application is booked. */
	slotIds: string[];
	/** When every chosen slot is full: any other slot of the release, earliest first. */
	anySlot: boolean;
}

/** The choice as kept: duplicates dropped in order; null when it asks for nothing. */
export function normalizedChoice(choice: StandingChoice): StandingChoice | null {
	const slotIds = [...new Set(choice.slotIds)];
	if (slotIds.length > MAX_CHOSEN_SLOTS) throw new RangeError('too many chosen slots');
	if (slotIds.length === 0 && !choice.anySlot) return null;
	return { slotIds, anySlot: choice.anySlot };
}

/** The choice's form in the room's Redis hash: "<0|1>:<slot ids, comma separated>". */
export function encodeChoice(choice: StandingChoice): string {
	return `${choice.anySlot ? 1 : 0}:${choice.slotIds.join(',')}`;
}

/** Reads the stored form back; what is not a choice (an attempt's mark) reads as null. */
export function decodeChoice(stored: string): StandingChoice | null {
	const match = /^([01]):(.*)$/.exec(stored);
	if (!match) return null;
	return { anySlot: match[1] === '1', slotIds: match[2] ? match[2].split(',') : [] };
}

/**
 * Once the room has spent the admission on an attempt for the choice, it keeps in the choice's
 * place "@<attempt id>|<admission number>" (waiting-room/scripts.ts); null for anything else.
 */
export function madeAttemptMark(stored: string): { attemptId: string; sequence: number } | null {
	const match = /^@([^|]+)\|(\d+)$/.exec(stored);
	if (!match) return null;
	return { attemptId: match[1]!, sequence: Number(match[2]) };
}
