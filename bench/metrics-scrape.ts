/**
 * How long a web process's /metrics scrape takes on a database with history: a million ended
 * bookings, thousands of live holds, offices with queues and waiting rooms in Redis.
 *   npm run bench:metrics [-- --ended 1000000 --held 5000 --rooms 20 --scrapes 50]
 * Prints the figures; never pass/fail.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { deleteRedisPrefix } from '../tests/support/redis-cleanup';
import { createDatabase, dropDatabase, uniqueName } from '../tests/support/test-database';

const { values: args } = parseArgs({
	options: {
		ended: { type: 'string', default: '1000000' },
		held: { type: 'string', default: '5000' },
		rooms: { type: 'string', default: '20' },
		scrapes: { type: 'string', default: '50' }
	}
});
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = 'metrics-bench-token-0123456789';
const name = uniqueName('lancar_metrics_bench');
const prefix = `${name}:`;

process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = await createDatabase(name);
process.env.REDIS_URL = REDIS_URL;
process.env.REDIS_PREFIX = prefix;
process.env.REDIS_AUTOSTART = 'false';
process.env.LOG_LEVEL = 'silent';
process.env.METRICS_TOKEN = TOKEN;

const { startServices } = await import('../src/lib/server/startup');
const { db } = await import('../src/lib/server/db');
const { sql } = await import('drizzle-orm');
const { metricsResponse } = await import('../src/lib/server/ops/metrics');
const { joinRoom } = await import('../src/lib/server/waiting-room/room');
const { bookingAt } = await import('../tests/integration/office-floor-fixtures');
const { freshOffice, dateInDays } = await import('../tests/integration/booking-fixtures');

const running = await startServices({ workers: false });
try {
	const database = await db();
	const office = await freshOffice();
	const seed = await bookingAt(office, dateInDays(5), 'expired');
	const started = performance.now();
	// Ended bookings may share an application; live holds need one each (one live per application).
	await database.execute(sql`
		insert into bookings (attempt_id, application_id, account_id, slot_id, release_id, office_id, status, expires_at, ended_at)
		select b.attempt_id, b.application_id, b.account_id, b.slot_id, b.release_id, b.office_id,
			(array['expired','cancelled','rescheduled','no_show'])[1 + i % 4]::booking_status, now(), now()
		from bookings b, generate_series(1, ${Number(args.ended)}) i where b.id = ${seed.booking.id}`);
	await database.execute(sql`
		with apps as (
			insert into applications (id, account_id, applicant_id, status)
			select gen_random_uuid(), a.account_id, a.applicant_id, 'cancelled'
			from applications a, generate_series(1, ${Number(args.held)}) where a.id = ${seed.applicationId}
			returning id
		)
		insert into bookings (attempt_id, application_id, account_id, slot_id, release_id, office_id, status, expires_at)
		select b.attempt_id, apps.id, b.account_id, b.slot_id, b.release_id, b.office_id, 'held', now() + interval '1 hour'
		from bookings b, apps where b.id = ${seed.booking.id}`);
	await database.execute(sql`vacuum analyze bookings`);
	console.log(`seeded in ${Math.round(performance.now() - started)} ms`);
	for (let room = 0; room < Number(args.rooms); room++) {
		const release = {
			id: randomUUID(),
			officeId: office.id,
			opensAt: new Date(Date.now() + 3_600_000),
			admissionRate: null
		};
		for (let person = 0; person < 50; person++) {
			const nik = `3171${String(room).padStart(4, '0')}${String(person).padStart(8, '0')}`;
			await joinRoom(release, randomUUID(), [{ id: randomUUID(), nik }]);
		}
	}
	const request = () =>
		new Request('http://localhost/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
	const counts = await database.execute(
		sql`select status, count(*)::int as n from bookings group by status order by status`
	);
	console.log('bookings:', [...counts].map((row) => `${row.status} ${row.n}`).join(', '));
	await (await metricsResponse(request())).text();
	const times: number[] = [];
	for (let scrape = 0; scrape < Number(args.scrapes); scrape++) {
		const begin = performance.now();
		const answer = await metricsResponse(request());
		await answer.text();
		times.push(performance.now() - begin);
	}
	times.sort((a, b) => a - b);
	const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
	console.log(
		`scrape: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms over ${times.length} scrapes (${args.rooms} waiting rooms)`
	);
	if (process.env.METRICS_BENCH_PARTS) {
		const { webProcessRegistry } = await import('../src/lib/server/ops/metrics/registries');
		for (const metric of webProcessRegistry().getMetricsAsArray()) {
			const begin = performance.now();
			for (let i = 0; i < 10; i++) await (metric as unknown as { get(): Promise<unknown> }).get();
			console.log(metric.name, ((performance.now() - begin) / 10).toFixed(2), 'ms');
		}
	}
	const plan = await database.execute(
		sql`explain analyze select count(*)::int as held from bookings where status = 'held'`
	);
	console.log([...plan].map((row) => Object.values(row)[0]).join('\n'));
} finally {
	await running.stop();
	await dropDatabase(name);
	await deleteRedisPrefix(REDIS_URL, prefix);
}
