import {
	estimatedWaitSeconds,
	peopleAhead,
	pollIntervalMs,
	type GoneReason,
	type PlaceState,
	type RoomView,
	waitingInRoom
} from '../../domain/waiting-room';
import { decodeChoice, madeAttemptMark } from '../../domain/standing-choice';
import { config } from '../config';
import type { RoomSnapshot } from './room';
import { signAdmissionToken } from './tokens';

export interface ViewRelease {
	id: string;
	officeId: string;
	opensAt: Date;
}

function placeOf(snapshot: RoomSnapshot): PlaceState {
	if (!snapshot.exists) return 'none';
	if (snapshot.gone) return 'gone';
	if (snapshot.admission === 'done') return 'booked';
	if (snapshot.admission && snapshot.admission.expiresAt > snapshot.now) return 'admitted';
	if (snapshot.ticket !== null) return 'waiting';
	if (snapshot.inPreQueue) return snapshot.phase === 'pre' ? 'pre_queue' : 'drawing';
	return 'none';
}

/** The admission rate waits are estimated from: none while the room is paused or sold out. */
export function estimateRate(snapshot: RoomSnapshot): number | null {
	return snapshot.paused || snapshot.remaining === 0 ? null : snapshot.measuredRate;
}

/**
 * The room as a whole, as people in it see it: how many wait, the measured admission rate, and
 * the wait estimated for someone joining now (everyone waiting is ahead of them).
 */
export function roomSummary(snapshot: RoomSnapshot) {
	const waiting = waitingInRoom(snapshot);
	return {
		waiting,
		measuredRate: snapshot.measuredRate,
		estimatedWaitSeconds: estimatedWaitSeconds(
			waiting,
			estimateRate(snapshot),
			snapshot.remaining === 0
		)
	};
}

/** The attempt the room made for the person from their choice, and whether it is undecided. */
function autoAttemptOf(snapshot: RoomSnapshot, place: PlaceState): RoomView['autoAttempt'] {
	const made = madeAttemptMark(snapshot.choice);
	if (!made) return null;
	return {
		...made,
		pending: place === 'admitted' && snapshot.tokenSpentBy === made.attemptId
	};
}

/** A person's view of the room from a snapshot; an admitted person gets a signed token. */
export async function buildView(
	snapshot: RoomSnapshot,
	release: ViewRelease,
	accountId: string
): Promise<RoomView> {
	const place = placeOf(snapshot);
	const ahead =
		place === 'waiting' && snapshot.ticket !== null
			? peopleAhead(snapshot.ticket, snapshot.serving)
			: null;
	const waiting = waitingInRoom(snapshot);
	const soldOut = snapshot.remaining === 0;
	const rate = estimateRate(snapshot);
	const opensAt = snapshot.exists ? snapshot.opensAt : release.opensAt.getTime();
	const untilOpenMs = opensAt - snapshot.now;
	let admission: RoomView['admission'] = null;
	if (place === 'admitted' && snapshot.admission && snapshot.admission !== 'done') {
		const token = await signAdmissionToken({
			v: 1,
			jti: snapshot.admission.tokenId,
			sub: accountId,
			rel: release.id,
			off: release.officeId,
			iat: snapshot.now,
			exp: snapshot.admission.expiresAt
		});
		admission = {
			token,
			expiresAt: snapshot.admission.expiresAt,
			sequence: snapshot.admission.sequence
		};
	}
	return {
		releaseId: release.id,
		place,
		goneReason: place === 'gone' ? (snapshot.gone as GoneReason) : null,
		opensAt,
		serverNow: snapshot.now,
		ticket: snapshot.ticket,
		serving: snapshot.serving,
		ahead,
		waiting,
		estimatedWaitSeconds: ahead === null ? null : estimatedWaitSeconds(ahead, rate, soldOut),
		measuredRate: snapshot.measuredRate,
		soldOut,
		paused: snapshot.paused,
		admission,
		applicationIds: snapshot.applicationIds,
		graceMinutes: config().WAITING_ROOM_GRACE_MINUTES,
		choice:
			place === 'pre_queue' || place === 'drawing' || place === 'waiting'
				? decodeChoice(snapshot.choice)
				: null,
		autoAttempt: autoAttemptOf(snapshot, place),
		pollAfterMs: pollIntervalMs({
			ahead: ahead ?? 0,
			ratePerSecond: rate,
			waiting,
			budgetPerSecond: config().WAITING_ROOM_STATUS_BUDGET,
			untilOpenMs: untilOpenMs > 0 ? untilOpenMs : undefined,
			jitter: Math.random()
		})
	};
}
