import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { bookingAttempts, slots } from '../db/schema';
import { AppError } from '../errors';
import { readRoom, spendAdmission } from '../waiting-room/room';
import { signAdmissionToken, verifyAdmissionToken } from '../waiting-room/tokens';
import { findDecision, type Decision } from './decide';
import { decisionAnnounced } from './decisions';
import { enqueueAttempt } from './queue';
import { releaseInfo } from './releases';
import { forgetShortCached } from './short-cache';

export interface AttemptInput {
	attemptId: string;
	token: string;
	slotId: string;
	applicationIds: string[];
}

export interface AttemptAnswer {
	attemptId: string;
	state: 'pending' | 'booked' | 'refused';
	refusal: string | null;
	bookings: {
		id: string;
		applicationId: string;
		expiresAt: Date;
		slot: { id: string; date: string; startTime: string; endTime: string };
	}[];
	/** After a refusal: a fresh admission token for another try, while the admission lasts. */
	admission: { token: string; expiresAt: number; sequence: number } | null;
}

/**
 * A booking attempt from an admitted person: the token is checked (signature, expiry, account,
 * room) and spent, then the attempt goes to the office's booking queue. The answer waits a
 * little for the worker's decision; if it takes longer the browser asks again by attempt id.
 */
export async function submitAttempt(
	db: Db,
	accountId: string,
	input: AttemptInput,
	waitMs: number
): Promise<AttemptAnswer> {
	const payload = await verifyAdmissionToken(input.token, { accountId });
	const applicationIds = [...input.applicationIds].sort();
	const spent = await spendAdmission(
		payload.rel,
		accountId,
		payload.jti,
		input.attemptId,
		applicationIds
	);
	if (spent === 'replayed') throw new AppError('admission_token_replayed', 'FORBIDDEN');
	if (spent === 'no_admission') throw new AppError('admission_token_invalid', 'FORBIDDEN');
	if (spent === 'not_in_place') throw new AppError('application_not_in_place', 'FORBIDDEN');

	const announced = await decisionAnnounced(input.attemptId, waitMs);
	if (spent === 'again') {
		// The same attempt sent again (a retry after a lost answer): it may be decided already.
		const decided = await findDecision(db, input.attemptId);
		if (decided) return answer(db, accountId, payload.rel, decided);
	}
	await enqueueAttempt({
		attemptId: input.attemptId,
		accountId,
		releaseId: payload.rel,
		officeId: payload.off,
		slotId: input.slotId,
		applicationIds,
		tokenId: payload.jti
	});
	const decision = (await announced.done) ?? (await findDecision(db, input.attemptId));
	// The person chose a slot shown free that had filled: the free seats this process shows
	// are stale, so their next look (and everyone's) reads them afresh. Otherwise the last
	// seats can be missed again and again while the cache still offers full slots.
	if (decision?.outcome === 'refused' && decision.refusal === 'slot_full') {
		forgetShortCached(payload.rel);
	}
	return answer(db, accountId, payload.rel, decision, input.attemptId);
}

/** The decision of one of the account's attempts, or 'pending' while the worker has not decided. */
export async function attemptResult(db: Db, accountId: string, attemptId: string) {
	const [attempt] = await db
		.select({ accountId: bookingAttempts.accountId, releaseId: bookingAttempts.releaseId })
		.from(bookingAttempts)
		.where(eq(bookingAttempts.id, attemptId));
	if (!attempt) {
		return {
			attemptId,
			state: 'pending',
			refusal: null,
			bookings: [],
			admission: null
		} satisfies AttemptAnswer;
	}
	// Someone else's attempt reads as unknown: its existence is not ours to reveal.
	if (attempt.accountId !== accountId) throw new AppError('attempt_not_found', 'NOT_FOUND');
	const decision = await findDecision(db, attemptId);
	return answer(db, accountId, attempt.releaseId, decision, attemptId);
}

async function answer(
	db: Db,
	accountId: string,
	releaseId: string,
	decision: Decision | null,
	attemptId = decision?.attemptId ?? ''
): Promise<AttemptAnswer> {
	if (!decision)
		return { attemptId, state: 'pending', refusal: null, bookings: [], admission: null };
	if (decision.outcome === 'refused') {
		return {
			attemptId,
			state: 'refused',
			refusal: decision.refusal,
			bookings: [],
			admission: await currentAdmission(db, accountId, releaseId)
		};
	}
	const slotIds = [...new Set(decision.bookings.map((booking) => booking.slotId))];
	const slotRows = await db
		.select({
			id: slots.id,
			date: slots.date,
			startTime: slots.startTime,
			endTime: slots.endTime
		})
		.from(slots)
		.where(and(inArray(slots.id, slotIds)));
	const byId = new Map(slotRows.map((slot) => [slot.id, slot]));
	return {
		attemptId,
		state: 'booked',
		refusal: null,
		bookings: decision.bookings.map((booking) => ({
			id: booking.id,
			applicationId: booking.applicationId,
			expiresAt: booking.expiresAt,
			slot: byId.get(booking.slotId)!
		})),
		admission: null
	};
}

/** A token for the admission as it stands now (re-armed after a refusal), if it is live. */
async function currentAdmission(db: Db, accountId: string, releaseId: string) {
	const snapshot = await readRoom(releaseId, accountId, { touch: false });
	const admission = snapshot.admission;
	if (!admission || admission === 'done' || admission.expiresAt <= snapshot.now) return null;
	const release = await releaseInfo(db, releaseId);
	if (!release) return null;
	const token = await signAdmissionToken({
		v: 1,
		jti: admission.tokenId,
		sub: accountId,
		rel: releaseId,
		off: release.officeId,
		iat: snapshot.now,
		exp: admission.expiresAt
	});
	return { token, expiresAt: admission.expiresAt, sequence: admission.sequence };
}
