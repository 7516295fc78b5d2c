import { config } from '../config';
import { AppError } from '../errors';
import { roomRedis } from './connection';
import { roomKeys, roomsKey } from './keys';

type Arg = string | number;
type ScriptCall<T> = (...args: Arg[]) => Promise<T>;

interface RoomCommands {
	wrJoin: ScriptCall<string[]>;
	wrStatus: ScriptCall<string[]>;
	wrStatusMany: ScriptCall<string[][]>;
	wrAdmit: ScriptCall<[string, number, number, number, number, number, number]>;
	wrClaimDraw: ScriptCall<string[] | null>;
	wrWriteDraw: ScriptCall<number>;
	wrFinishDraw: ScriptCall<number>;
	wrSpend: ScriptCall<string>;
	wrSettle: ScriptCall<string>;
	wrLeave: ScriptCall<number>;
	wrChoose: ScriptCall<number>;
}

/** The room scripts, defined on the room's connection (see connection.ts). */
function commands(): RoomCommands {
	return roomRedis() as unknown as RoomCommands;
}

function call<K extends keyof RoomCommands>(
	name: K,
	releaseId: string,
	...args: Arg[]
): ReturnType<RoomCommands[K]> {
	const script = commands()[name] as ScriptCall<unknown>;
	return script.call(roomRedis(), ...roomKeys(releaseId), ...args) as ReturnType<RoomCommands[K]>;
}

export interface RoomRelease {
	id: string;
	officeId: string;
	opensAt: Date;
	admissionRate: number | null;
}

export interface QueuedApplication {
	id: string;
	nik: string;
}

export type JoinOutcome = {
	state: 'pre' | 'queued' | 'admitted';
	ticket: number | null;
	snapshot: RoomSnapshot;
};

/** Rooms this process has already listed for the admitter. */
const listedRooms = new Set<string>();

/**
 * Takes a place for an account, or returns the one it has: more tabs, devices or refreshes
 * never give a second place. The NIKs of the applications are claimed for this account, so
 * the same person cannot queue again through another account. The answer carries the
 * person's place as a status read would.
 */
export async function joinRoom(
	release: RoomRelease,
	accountId: string,
	applications: readonly QueuedApplication[]
): Promise<JoinOutcome> {
	const rate = release.admissionRate ?? config().ADMISSION_RATE_PER_SEC;
	const [state, ticket, ...status] = await call(
		'wrJoin',
		release.id,
		accountId,
		release.opensAt.getTime(),
		rate,
		applications.map((application) => application.id).join(','),
		...applications.map((application) => application.nik)
	);
	if (state === 'nik_taken') throw new AppError('nik_in_other_place', 'CONFLICT');
	if (!listedRooms.has(release.id)) {
		await roomRedis().sadd(roomsKey(), release.id);
		listedRooms.add(release.id);
	}
	return {
		state: state as JoinOutcome['state'],
		ticket: ticket ? Number(ticket) : null,
		snapshot: parseSnapshot(status)
	};
}

/** The raw state of a room and of one person's place in it. */
export interface RoomSnapshot {
	exists: boolean;
	phase: 'pre' | 'drawing' | 'open';
	now: number;
	opensAt: number;
	lastTicket: number;
	serving: number;
	ticket: number | null;
	inPreQueue: boolean;
	admission: { tokenId: string; expiresAt: number; sequence: number } | 'done' | null;
	gone: string | null;
	paused: boolean;
	remaining: number;
	measuredRate: number | null;
	rate: number;
	preQueueSize: number;
	/** The applications the person queues for. */
	applicationIds: string[];
	/**
	 * The standing choice as stored (see domain/standing-choice.ts), or once the room made the
	 * attempt for it, "@<attempt>|<admission number>".
	 */
	choice: string;
	/** The attempt that spent the current admission's token, if one has. */
	tokenSpentBy: string | null;
}

export async function readRoom(
	releaseId: string,
	accountId: string,
	options: { touch: boolean }
): Promise<RoomSnapshot> {
	return parseSnapshot(await call('wrStatus', releaseId, accountId, options.touch ? 1 : 0));
}

/** The places of many people of one room in one call (all touched, as a status read). */
export async function readRoomMany(releaseId: string, accountIds: readonly string[]) {
	const raw = await call('wrStatusMany', releaseId, 1, ...accountIds);
	return accountIds.map((_, index) => parseSnapshot(raw[index] ?? ['missing']));
}

function parseSnapshot(raw: string[]): RoomSnapshot {
	if (raw[0] === 'missing') {
		return {
			exists: false,
			phase: 'pre',
			now: Date.now(),
			opensAt: 0,
			lastTicket: 0,
			serving: 0,
			ticket: null,
			inPreQueue: false,
			admission: null,
			gone: null,
			paused: false,
			remaining: -1,
			measuredRate: null,
			rate: 0,
			preQueueSize: 0,
			applicationIds: [],
			choice: '',
			tokenSpentBy: null
		};
	}
	const [phase, now, opensAt, last, serving, ticket, inPre, admission, gone, paused, remaining] =
		raw;
	const [measured, rate, preWaiting, apps, choice, spentBy] = raw.slice(11);
	return {
		exists: true,
		phase: phase as RoomSnapshot['phase'],
		now: Number(now),
		opensAt: Number(opensAt),
		lastTicket: Number(last),
		serving: Number(serving),
		ticket: ticket ? Number(ticket) : null,
		inPreQueue: inPre === '1',
		admission: parseAdmission(admission ?? ''),
		gone: gone || null,
		paused: paused === '1',
		remaining: Number(remaining),
		measuredRate: measured ? Number(measured) : null,
		rate: Number(rate),
		preQueueSize: Number(preWaiting),
		applicationIds: apps ? apps.split(',') : [],
		choice: choice ?? '',
		tokenSpentBy: spentBy || null
	};
}

function parseAdmission(value: string): RoomSnapshot['admission'] {
	if (!value) return null;
	if (value === 'done') return 'done';
	const [tokenId, expiresAt, sequence] = value.split('|');
	return { tokenId: tokenId!, expiresAt: Number(expiresAt), sequence: Number(sequence) };
}

export interface AdmitResult {
	phase: string;
	admitted: number;
	skipped: number;
	serving: number;
	lastTicket: number;
	promised: number;
	admittedTotal: number;
}

/**
 * One admission step; `tokenIds` must hold at least as many fresh ids as may be admitted, and
 * `attemptIds` as many (for the attempts made for people with a standing choice).
 */
export async function admitStep(
	releaseId: string,
	remainingSeats: number,
	tokenIds: readonly string[],
	attemptIds: readonly string[]
): Promise<AdmitResult> {
	if (attemptIds.length !== tokenIds.length) throw new Error('one attempt id per token id');
	const settings = config();
	const [phase, admitted, skipped, serving, lastTicket, promised, admittedTotal] = await call(
		'wrAdmit',
		releaseId,
		remainingSeats,
		Math.round(settings.WAITING_ROOM_GRACE_MINUTES * 60_000),
		settings.ADMISSION_TOKEN_SECONDS * 1000,
		1,
		settings.ADMISSION_PICKUP_SECONDS * 1000,
		tokenIds.length,
		...tokenIds,
		...attemptIds
	);
	return {
		phase,
		admitted: Number(admitted),
		skipped: Number(skipped),
		serving: Number(serving),
		lastTicket: Number(lastTicket),
		promised: Number(promised),
		admittedTotal: Number(admittedTotal)
	};
}

/** Claims the draw of a room that just opened: its early arrivals, or null if not ours to do. */
export async function claimDraw(
	releaseId: string,
	lockToken: string,
	lockMs: number
): Promise<string[] | null> {
	return (await call('wrClaimDraw', releaseId, lockToken, lockMs)) ?? null;
}

/** Writes drawn numbers in chunks; false when the draw was taken over meanwhile. */
export async function writeDraw(
	releaseId: string,
	lockToken: string,
	order: readonly string[]
): Promise<boolean> {
	const chunk = 2_000;
	for (let start = 0; start < order.length; start += chunk) {
		const pairs = order
			.slice(start, start + chunk)
			.flatMap((account, index) => [account, start + index + 1]);
		if ((await call('wrWriteDraw', releaseId, lockToken, ...pairs)) !== 1) return false;
	}
	return (await call('wrFinishDraw', releaseId, lockToken)) === 1;
}

export type SpendOutcome = 'ok' | 'again' | 'replayed' | 'no_admission' | 'not_in_place';

/** Spends an admission token on one attempt (repeating the same attempt is allowed). */
export function spendAdmission(
	releaseId: string,
	accountId: string,
	tokenId: string,
	attemptId: string,
	applicationIds: readonly string[]
): Promise<SpendOutcome> {
	return call(
		'wrSpend',
		releaseId,
		accountId,
		tokenId,
		attemptId,
		applicationIds.join(',')
	) as Promise<SpendOutcome>;
}

/**
 * After a decision: a booking ends the admission, a refusal re-arms it with `freshTokenId`
 * so the person can try another slot. Returns the admission as it now stands.
 */
export async function settleAdmission(
	releaseId: string,
	accountId: string,
	spentTokenId: string,
	outcome: 'booked' | 'refused',
	freshTokenId: string
): Promise<RoomSnapshot['admission']> {
	const result = await call(
		'wrSettle',
		releaseId,
		accountId,
		spentTokenId,
		outcome,
		freshTokenId,
		120_000
	);
	return parseAdmission(result);
}

export async function leaveRoom(releaseId: string, accountId: string): Promise<boolean> {
	return (await call('wrLeave', releaseId, accountId)) === 1;
}

/** Keeps (or with null clears) a waiting person's standing choice; false once not waiting. */
export async function storeChoice(
	releaseId: string,
	accountId: string,
	encodedChoice: string | null
): Promise<boolean> {
	return (await call('wrChoose', releaseId, accountId, encodedChoice ?? '')) === 1;
}

/** An attempt made at admission from a standing choice, waiting to be queued. */
export interface MadeAttempt {
	/** The entry as listed, to remove it once queued. */
	entry: string;
	accountId: string;
	tokenId: string;
	attemptId: string;
	applicationIds: string[];
	choice: string;
}

/** The attempts made at admission that are not known to be queued yet, oldest first. */
export async function madeAttempts(releaseId: string, limit: number): Promise<MadeAttempt[]> {
	const entries = await roomRedis().lrange(roomKeys(releaseId)[13]!, 0, limit - 1);
	return entries.map((entry) => {
		const [accountId, tokenId, attemptId, apps, choice] = entry.split('|');
		return {
			entry,
			accountId: accountId!,
			tokenId: tokenId!,
			attemptId: attemptId!,
			applicationIds: apps ? apps.split(',') : [],
			choice: choice ?? ''
		};
	});
}

/** Forgets made attempts once queued (each entry is unique: it names its attempt). */
export async function forgetMadeAttempts(
	releaseId: string,
	made: readonly MadeAttempt[]
): Promise<void> {
	if (made.length === 0) return;
	const key = roomKeys(releaseId)[13]!;
	const transaction = roomRedis().multi();
	for (const attempt of made) transaction.lrem(key, 1, attempt.entry);
	await transaction.exec();
}

/** Sets a room's admission rate live; the next tick uses it. */
export async function setRoomRate(releaseId: string, ratePerSecond: number): Promise<void> {
	await roomRedis().hset(roomKeys(releaseId)[0]!, 'rate', ratePerSecond);
}

/** Pausing stops admissions and keeps every number; resuming carries on where it stopped. */
export async function setRoomPaused(releaseId: string, paused: boolean): Promise<void> {
	await roomRedis().hset(roomKeys(releaseId)[0]!, 'paused', paused ? 1 : 0);
}

export async function roomMeta(releaseId: string): Promise<Record<string, string>> {
	return roomRedis().hgetall(roomKeys(releaseId)[0]!);
}
