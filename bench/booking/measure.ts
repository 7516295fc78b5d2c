import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { decideAttempt } from '../../src/lib/server/booking/decide';
import type { Db } from '../../src/lib/server/db/client';
import { redis } from '../../src/lib/server/redis';
import { roomKeys } from '../../src/lib/server/waiting-room/keys';
import { encodeChoice, MAX_CHOSEN_SLOTS } from '../../src/lib/domain/standing-choice';
import { joinRoom, storeChoice } from '../../src/lib/server/waiting-room/room';

/**
 * The ceiling: one-row UPDATEs per second on a single hot row, from `connections` clients at
 * once, each its own transaction (as pgbench's simple update would do).
 */
export async function measureHotRowTps(databaseUrl: string, seconds = 5, connections = 16) {
	const sql = postgres(databaseUrl, { max: connections, onnotice: () => {} });
	try {
		await sql`create table if not exists bench_hot (id int primary key, n bigint not null)`;
		await sql`insert into bench_hot values (1, 0) on conflict (id) do update set n = 0`;
		const until = performance.now() + seconds * 1000;
		let done = 0;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: connections }, async () => {
				while (performance.now() < until) {
					await sql`update bench_hot set n = n + 1 where id = 1`;
					done++;
				}
			})
		);
		return done / ((performance.now() - started) / 1000);
	} finally {
		await sql.end();
	}
}

export interface NaiveJob {
	accountId: string;
	applicationId: string;
}

/**
 * Booking straight against PostgreSQL with no room: every request runs the same decision
 * transaction the worker runs, `concurrency` at a time (a web process's connection pool each),
 * all at once for the same seats. Returns bookings per second until the seats ran out.
 */
export async function measureNaiveBooking(
	db: Db,
	options: {
		people: NaiveJob[];
		slotIds: string[];
		releaseId: string;
		officeId: string;
		concurrency: number;
	}
) {
	let next = 0;
	let booked = 0;
	let lastBookingAt = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: options.concurrency }, async () => {
			while (next < options.people.length) {
				const person = options.people[next++]!;
				const slotId = options.slotIds[Math.floor(Math.random() * options.slotIds.length)]!;
				const decision = await decideAttempt(
					db,
					{
						attemptId: randomUUID(),
						accountId: person.accountId,
						releaseId: options.releaseId,
						officeId: options.officeId,
						slotId,
						applicationIds: [person.applicationId],
						tokenId: 'naive'
					},
					{ holdMinutes: 120, decidedBy: 'naive' }
				);
				if (decision.outcome === 'booked') {
					booked++;
					lastBookingAt = performance.now();
				}
			}
		})
	);
	const seconds = (lastBookingAt - started) / 1000;
	return {
		booked,
		bookingsPerSec: seconds > 0 ? booked / seconds : null,
		decisionsPerSec: options.people.length / ((performance.now() - started) / 1000)
	};
}

/**
 * Memory a room needs per waiting person: `waiters` joins into a room that is already open
 * (each gets a ticket), measured with MEMORY USAGE over every key of the room.
 */
/**
 * Redis memory of an open room holding `waiters` people, per person; with `choosing`, every one
 * of them also keeps a standing choice of the most slots allowed and "any free slot".
 */
export async function measureRoomMemory(waiters: number, choosing = false) {
	const releaseId = randomUUID();
	const release = {
		id: releaseId,
		officeId: randomUUID(),
		opensAt: new Date(Date.now() - 1_000),
		admissionRate: 100
	};
	let next = 0;
	await Promise.all(
		Array.from({ length: 200 }, async () => {
			while (next < waiters) {
				const index = next++;
				const accountId = randomUUID();
				await joinRoom(release, accountId, [
					{ id: randomUUID(), nik: `32${String(index).padStart(14, '0')}` }
				]);
				if (choosing) await storeChoice(releaseId, accountId, fullChoice());
			}
		})
	);
	let bytes = 0;
	for (const key of roomKeys(releaseId)) {
		bytes += Number((await redis().call('MEMORY', 'USAGE', key, 'SAMPLES', '0')) ?? 0);
	}
	await redis().del(...roomKeys(releaseId));
	return { waiters, bytes, bytesPerWaiter: bytes / waiters };
}

function fullChoice(): string {
	return encodeChoice({
		slotIds: Array.from({ length: MAX_CHOSEN_SLOTS }, () => randomUUID()),
		anySlot: true
	});
}
