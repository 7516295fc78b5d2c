import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { RoomView } from '../../src/lib/domain/waiting-room';
import type { AppRouter } from '../../src/lib/server/trpc/router';
import { sessionCookie, type VirtualAccount } from './seed';

export type Outcome = 'booked' | 'sold_out' | 'refused' | 'gone' | 'error';

export interface Applicant {
	index: number;
	office: string;
	releaseId: string;
	account: VirtualAccount;
	baseUrl: string;
	/** Arrives before the opening (pre-queue) or after it. */
	early: boolean;
	arriveAt: number;
	live: boolean;
	/** Chooses slots while waiting, to be booked at admission ("book for me"). */
	chooses: boolean;
	/**
	 * Joins only once this earlier join has been answered: a chain of such people has a
	 * definite arrival order however slow the answers are, so the FIFO check always has pairs.
	 */
	joinsAfter?: Promise<unknown>;
	/** Resolves when this person's join has been answered (or failed). */
	joined?: Promise<void>;
	markJoined?: () => void;
	joinStart?: number;
	joinEnd?: number;
	ticket?: number | null;
	admittedSequence?: number;
	finalAt?: number;
	/** When this client first saw its admission (live event or poll). */
	admittedSeenAt?: number;
	/** Round trips of each booking attempt, from sending it to its final answer. */
	attemptMs: number[];
	outcome?: Outcome;
	detail?: string;
	attempts: number;
}

export interface Recorder {
	joinMs: number[];
	statusMs: number[];
	/** When each status call of statusMs was sent (performance.now()). */
	statusSentAt: number[];
	/** performance.now() timestamps are shared by all applicants of this process. */
	deadline: number;
}

const REQUEST_TIMEOUT_MS = 30_000;

function clientFor(applicant: Applicant) {
	return createTRPCClient<AppRouter>({
		links: [
			httpLink({
				url: `${applicant.baseUrl}/api/trpc`,
				transformer: superjson,
				headers: { cookie: sessionCookie(applicant.account.sessionToken) },
				// A phone gives up on a request after a while and tries again; without this a
				// request stuck behind a full accept queue would hold the play open for minutes.
				fetch: async (url, init) => {
					const response = await fetch(url, {
						...(init as RequestInit),
						signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
					});
					// A proxy's own error page (nginx's 502 when a web process died mid-request) is
					// no answer from the app: the request is lost, as with a dropped connection.
					if (response.status >= 502 && !response.headers.get('content-type')?.includes('json')) {
						throw Object.assign(new Error(`proxy answered ${response.status}`), {
							code: `HTTP ${response.status}`
						});
					}
					return response;
				}
			})
		]
	});
}

function keyOf(error: unknown): string {
	if (error instanceof TRPCClientError) {
		return (error.data as { key?: string } | undefined)?.key ?? error.message;
	}
	return error instanceof Error ? error.message : String(error);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Why requests failed without an answer (connection refused, reset, …), for the results. */
export const networkErrors: Record<string, number> = {};

function causeOf(error: unknown): string {
	let current = error as { cause?: unknown; code?: string; message?: string } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		// AbortSignal.timeout's DOMException carries the legacy code 23.
		if ((current as { name?: string }).name === 'TimeoutError') return 'timeout';
		if (current.code) return current.code;
		current = current.cause as typeof current;
	}
	return (error as Error)?.message ?? 'unknown';
}

/** A phone on a shaky line tries again after a lost connection; refusals are not retried. */
async function retrying<T>(call: () => Promise<T>, tries = 5): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			const lostConnection = !(error instanceof TRPCClientError) || !error.data;
			if (lostConnection) {
				const cause = causeOf(error);
				networkErrors[cause] = (networkErrors[cause] ?? 0) + 1;
			}
			if (!lostConnection || attempt >= tries - 1) throw error;
			await sleep(500 * 2 ** attempt);
		}
	}
}

/**
 * One person at the opening, as a phone would behave: join the room, follow it live (or poll
 * at the interval the server chooses), and when admitted pick a free slot and book it,
 * choosing another if it fills first.
 */
export async function play(applicant: Applicant, recorder: Recorder): Promise<void> {
	const client = clientFor(applicant);
	await sleep(Math.max(0, applicant.arriveAt - performance.now()));
	const finish = (outcome: Outcome, detail?: string) => {
		if (applicant.outcome) return;
		applicant.outcome = outcome;
		applicant.detail = detail;
		applicant.finalAt = performance.now();
	};
	if (applicant.joinsAfter) await applicant.joinsAfter;
	let view: RoomView;
	try {
		applicant.joinStart = performance.now();
		view = await retrying(() =>
			client.waitingRoom.join.mutate({
				releaseId: applicant.releaseId,
				applicationIds: [applicant.account.applicationId]
			})
		);
		applicant.joinEnd = performance.now();
		recorder.joinMs.push(applicant.joinEnd - applicant.joinStart);
		applicant.ticket = view.ticket;
	} catch (error) {
		finish('error', `join: ${keyOf(error)}`);
		return;
	} finally {
		applicant.markJoined?.();
	}
	if (applicant.chooses && (view.place === 'pre_queue' || view.place === 'waiting')) {
		await chooseWhileWaiting(client, applicant).catch((error) => {
			applicant.detail = `choose: ${keyOf(error)}`;
		});
	}

	let booking: Promise<void> | undefined;
	const react = (current: RoomView) => {
		if (applicant.ticket == null && current.ticket != null) applicant.ticket = current.ticket;
		if (current.autoAttempt && applicant.admittedSequence === undefined) {
			applicant.admittedSequence = current.autoAttempt.sequence;
			applicant.admittedSeenAt = performance.now();
		}
		if (current.place === 'booked' && !booking) {
			// Booked at admission from the choice made while waiting: no call was needed.
			finish('booked');
		} else if (current.autoAttempt?.pending) {
			// The room made the attempt for this person; its decision is on the way.
		} else if (current.place === 'admitted' && current.admission && !booking) {
			applicant.admittedSequence = current.admission.sequence;
			applicant.admittedSeenAt = performance.now();
			booking = book(client, applicant, current.admission.token).then(
				(outcome) => finish(outcome.outcome, outcome.detail),
				(error) => finish('error', `book: ${keyOf(error)}`)
			);
		} else if (!booking && current.place === 'waiting' && current.soldOut) {
			finish('sold_out');
		} else if (!booking && current.place === 'gone') {
			finish('gone', current.goneReason ?? undefined);
		}
	};
	react(view);

	if (applicant.live && !applicant.outcome) {
		await followLive(applicant, react, () => Boolean(applicant.outcome || booking), recorder);
	}
	while (!applicant.outcome && !booking && performance.now() < recorder.deadline) {
		await sleep(view.pollAfterMs);
		try {
			const started = performance.now();
			view = await client.waitingRoom.status.query({ releaseId: applicant.releaseId });
			recorder.statusMs.push(performance.now() - started);
			recorder.statusSentAt.push(started);
			react(view);
		} catch (error) {
			applicant.detail = `status: ${keyOf(error)}`;
		}
	}
	await booking;
}

/** Follows the server-sent events until told to stop; returns on a broken stream too. */
async function followLive(
	applicant: Applicant,
	react: (view: RoomView) => void,
	done: () => boolean,
	recorder: Recorder
) {
	const controller = new AbortController();
	const timer = setTimeout(
		() => controller.abort(),
		Math.max(0, recorder.deadline - performance.now())
	);
	try {
		const response = await fetch(
			`${applicant.baseUrl}/api/waiting-room/${applicant.releaseId}/events`,
			{
				headers: { cookie: sessionCookie(applicant.account.sessionToken) },
				signal: controller.signal
			}
		);
		if (!response.ok || !response.body) return;
		const reader = response.body.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		while (!done()) {
			const { value, done: ended } = await reader.read();
			if (ended) return;
			buffer += decoder.decode(value, { stream: true });
			let boundary: number;
			while ((boundary = buffer.indexOf('\n\n')) >= 0) {
				const event = buffer.slice(0, boundary);
				buffer = buffer.slice(boundary + 2);
				if (!event.startsWith('event: status')) continue;
				const data = event.split('\n').find((line) => line.startsWith('data: '));
				if (data) react(JSON.parse(data.slice(6)) as RoomView);
			}
		}
	} catch {
		// A broken stream: the caller falls back to polling.
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
}

/** Up to three slots of one day, any other free slot after them, as most people would pick. */
async function chooseWhileWaiting(client: ReturnType<typeof clientFor>, applicant: Applicant) {
	const kind = { passportType: 'elektronik' as const, service: 'reguler' as const };
	const days = await retrying(() =>
		client.booking.freeDays.query({ releaseId: applicant.releaseId, ...kind })
	);
	const day = days[Math.floor(Math.random() * days.length)];
	if (!day) return;
	const slots = await retrying(() =>
		client.booking.slots.query({ releaseId: applicant.releaseId, date: day.date, ...kind })
	);
	const picked = slots
		.filter((slot) => slot.free > 0)
		.sort(() => Math.random() - 0.5)
		.slice(0, 1 + Math.floor(Math.random() * 3));
	await retrying(() =>
		client.waitingRoom.choose.mutate({
			releaseId: applicant.releaseId,
			slotIds: picked.map((slot) => slot.id),
			anySlot: true
		})
	);
}

async function book(
	client: ReturnType<typeof clientFor>,
	applicant: Applicant,
	firstToken: string
): Promise<{ outcome: Outcome; detail?: string }> {
	const kind = { passportType: 'elektronik' as const, service: 'reguler' as const };
	let token = firstToken;
	for (let round = 0; round < 8; round++) {
		const days = await retrying(() =>
			client.booking.freeDays.query({ releaseId: applicant.releaseId, ...kind })
		);
		if (days.length === 0) return { outcome: 'sold_out', detail: 'no free days' };
		const day = days[Math.floor(Math.random() * days.length)]!;
		const slots = (
			await retrying(() =>
				client.booking.slots.query({ releaseId: applicant.releaseId, date: day.date, ...kind })
			)
		).filter((slot) => slot.free > 0);
		if (slots.length === 0) {
			// The free seats shown may be a second old: look again after a moment, as a person
			// would, rather than burning every try at once and leaving a promised seat unused.
			await sleep(1_000);
			continue;
		}
		const slot = slots[Math.floor(Math.random() * slots.length)]!;
		applicant.attempts++;
		// The same attempt id on every retry: a lost answer never books twice.
		const attempt = {
			attemptId: crypto.randomUUID(),
			token,
			slotId: slot.id,
			applicationIds: [applicant.account.applicationId]
		};
		const sentAt = performance.now();
		let answer = await retrying(() => client.booking.attempt.mutate(attempt));
		while (answer.state === 'pending') {
			await sleep(300);
			answer = await retrying(() => client.booking.result.query({ attemptId: attempt.attemptId }));
		}
		applicant.attemptMs.push(performance.now() - sentAt);
		if (answer.state === 'booked') return { outcome: 'booked' };
		if (!answer.admission) return { outcome: 'refused', detail: answer.refusal ?? undefined };
		token = answer.admission.token;
	}
	return { outcome: 'refused', detail: 'gave up after 8 tries' };
}
