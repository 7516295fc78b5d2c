import { and, eq, inArray } from 'drizzle-orm';
import { officeLocalDate } from '../../domain/office-time';
import { requestedKind } from '../../domain/passport-kinds';
import type { RoomView } from '../../domain/waiting-room';
import type { Db } from '../db/client';
import { applicants, applications } from '../db/schema';
import { AppError } from '../errors';
import { releaseInfo, type ReleaseInfo } from '../booking/releases';
import { batchedRead } from './batch';
import { consumeJoin } from './limits';
import { joinRoom, leaveRoom, readRoom } from './room';
import { buildView } from './view';

export async function requireRelease(db: Db, releaseId: string): Promise<ReleaseInfo> {
	const release = await releaseInfo(db, releaseId);
	if (!release) throw new AppError('release_not_found', 'NOT_FOUND');
	return release;
}

/**
 * Checks that the applications may queue together for this release: the account's own,
 * submitted, asking for one passport type and service that the release has seats for.
 */
async function queueableApplications(
	db: Db,
	accountId: string,
	release: ReleaseInfo,
	applicationIds: string[]
) {
	const rows = await db
		.select({
			id: applications.id,
			status: applications.status,
			form: applications.form,
			nik: applicants.nik
		})
		.from(applications)
		.innerJoin(applicants, eq(applicants.id, applications.applicantId))
		.where(and(inArray(applications.id, applicationIds), eq(applications.accountId, accountId)));
	if (rows.length !== applicationIds.length)
		throw new AppError('booking_application_not_found', 'NOT_FOUND');
	const kinds = new Set<string>();
	for (const row of rows) {
		if (row.status === 'booked' || row.status === 'paid') {
			throw new AppError('application_already_booked', 'CONFLICT');
		}
		if (row.status !== 'submitted') throw new AppError('application_not_submitted', 'CONFLICT');
		const kind = requestedKind(row.form);
		if (!kind) throw new AppError('application_not_submitted', 'CONFLICT');
		kinds.add(`${kind.passportType}/${kind.service}`);
	}
	if (kinds.size > 1) throw new AppError('applications_mixed_kinds');
	const kind = requestedKind(rows[0]!.form)!;
	if (
		!release.officePassportTypes.includes(kind.passportType) ||
		!release.officeServices.includes(kind.service)
	) {
		throw new AppError('office_does_not_offer', 'CONFLICT');
	}
	if (!release.kindsWithSlots.has(`${kind.passportType}/${kind.service}`)) {
		throw new AppError('release_has_no_seats_of_kind', 'CONFLICT');
	}
	return rows.map((row) => ({ id: row.id, nik: row.nik }));
}

export async function joinWaitingRoom(
	db: Db,
	input: { accountId: string; ip: string; releaseId: string; applicationIds: string[] }
): Promise<RoomView> {
	await consumeJoin(input.ip, input.accountId);
	const release = await requireRelease(db, input.releaseId);
	if (release.lastDate < officeLocalDate(new Date(), release.timeZone)) {
		throw new AppError('release_closed', 'CONFLICT');
	}
	const queued = await queueableApplications(db, input.accountId, release, input.applicationIds);
	const joined = await joinRoom(release, input.accountId, queued);
	return buildView(joined.snapshot, release, input.accountId);
}

/** The person's view; reading it counts as checking in (the grace period starts again). */
export async function roomStatus(db: Db, accountId: string, releaseId: string): Promise<RoomView> {
	const release = await requireRelease(db, releaseId);
	const snapshot = await readRoom(releaseId, accountId, { touch: true });
	return buildView(snapshot, release, accountId);
}

/** The same view for a live stream; its reads are batched with the room's other streams. */
export async function liveRoomStatus(
	db: Db,
	accountId: string,
	releaseId: string
): Promise<RoomView> {
	const release = await requireRelease(db, releaseId);
	return buildView(await batchedRead(releaseId, accountId), release, accountId);
}

export async function leaveWaitingRoom(db: Db, accountId: string, releaseId: string) {
	await requireRelease(db, releaseId);
	await leaveRoom(releaseId, accountId);
	return roomStatus(db, accountId, releaseId);
}
