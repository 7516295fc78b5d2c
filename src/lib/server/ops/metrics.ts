import { timingSafeEqual } from 'node:crypto';
import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HOLDS_QUEUE } from '../booking/holds';
import { bookingQueueName } from '../booking/queue';
import { config } from '../config';
import { db } from '../db';
import { offices } from '../db/schema';
import { LETTERS_QUEUE } from '../letters/queue';
import { queueOptions } from '../queues/connection';
import { MAIL_QUEUE } from '../queues/mail';
import { NOTIFY_QUEUE } from '../queues/notify';
import { redis } from '../redis';
import { roomKeys, roomsKey } from '../waiting-room/keys';
import { openEventStreams } from './event-streams';

/** Prometheus metrics of a web process, served at /metrics (see metricsResponse). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'lancar_' });

export const requestDuration = new Histogram({
	name: 'lancar_http_request_duration_seconds',
	help: 'Requests by method, route and status; _count is the request count',
	labelNames: ['method', 'route', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [registry]
});

new Gauge({
	name: 'lancar_sse_connections',
	help: 'Open server-sent event streams (waiting rooms, kiosk boards) in this process',
	registers: [registry],
	collect() {
		this.set(openEventStreams());
	}
});

const queues = new Map<string, Queue>();

function queueNamed(name: string): Queue {
	let queue = queues.get(name);
	if (!queue) {
		queue = new Queue(name, queueOptions());
		queues.set(name, queue);
	}
	return queue;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

new Gauge({
	name: 'lancar_queue_jobs',
	help: 'BullMQ jobs per queue and state (all processes: read from Redis)',
	labelNames: ['queue', 'state'] as const,
	registers: [registry],
	async collect() {
		const activeOffices = await (
			await db()
		)
			.select({ id: offices.id })
			.from(offices)
			.where(eq(offices.active, true));
		const names = [
			MAIL_QUEUE,
			NOTIFY_QUEUE,
			LETTERS_QUEUE,
			HOLDS_QUEUE,
			...activeOffices.map((office) => bookingQueueName(office.id))
		];
		this.reset();
		for (const name of names) {
			const counts = await queueNamed(name).getJobCounts(...JOB_STATES);
			for (const state of JOB_STATES) this.set({ queue: name, state }, counts[state] ?? 0);
		}
	}
});

new Gauge({
	name: 'lancar_waiting_room_size',
	help: 'People waiting per quota release: the pre-queue before the opening, then tickets not yet served',
	labelNames: ['release'] as const,
	registers: [registry],
	async collect() {
		this.reset();
		const connection = redis();
		for (const releaseId of await connection.smembers(roomsKey())) {
			const [metaKey, preKey] = roomKeys(releaseId);
			const [phase, preCount, postSeq, serving] = await connection.hmget(
				metaKey!,
				'phase',
				'preCount',
				'postSeq',
				'serving'
			);
			const waiting =
				phase === 'pre'
					? await connection.scard(preKey!)
					: Math.max(0, Number(preCount ?? 0) + Number(postSeq ?? 0) - Number(serving ?? 0));
			this.set({ release: releaseId }, waiting);
		}
	}
});

function sameToken(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics: 404 unless METRICS_TOKEN is set (the route does not exist then), 401 without
 * `Authorization: Bearer <METRICS_TOKEN>`.
 */
export async function metricsResponse(request: Request): Promise<Response> {
	const token = config().METRICS_TOKEN;
	if (!token) return new Response('not found', { status: 404 });
	const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
	if (!sameToken(given, token)) {
		return new Response('unauthorized', {
			status: 401,
			headers: { 'www-authenticate': 'Bearer' }
		});
	}
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
}

export async function closeMetricsQueues(): Promise<void> {
	const open = [...queues.values()];
	queues.clear();
	await Promise.all(open.map((queue) => queue.close()));
}
