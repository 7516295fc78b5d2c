import { timingSafeEqual } from 'node:crypto';
import { Gauge, type Registry } from 'prom-client';
import { config } from '../config';
import { logger } from '../logger';
import './metrics/bookings';
import './metrics/waiting-room';
import {
	clusterRegistry,
	processRegistry,
	webProcessRegistry,
	webRegistry
} from './metrics/registries';

export { requestDuration } from './metrics/http';
export { closeMetricsQueues } from './metrics/queues';

function sameToken(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

const CLUSTER_TIMEOUT_MS = 5_000;

const clusterUp = new Gauge({
	name: 'lancar_metrics_cluster_up',
	help: 'Whether the gauges read from PostgreSQL and Redis answered this scrape (1) or failed or took over 5 s and were left out (0)',
	registers: [webRegistry]
});

/**
 * The cluster gauges query PostgreSQL and Redis; prom-client fails a whole scrape when one
 * collector does. They are read apart, with a time limit, so an outage of either still leaves
 * the process's own figures (requests, jobs, runtime) scraped, and says so.
 */
async function clusterMetrics(): Promise<string> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('timed out')), CLUSTER_TIMEOUT_MS);
	});
	try {
		const text = await Promise.race([clusterRegistry.metrics(), timeout]);
		clusterUp.set(1);
		return text;
	} catch (error) {
		logger().warn({ err: error }, 'metrics: cluster gauges left out of this scrape');
		clusterUp.set(0);
		return '';
	} finally {
		clearTimeout(timer);
	}
}

async function scrape(
	request: Request,
	registry: Registry,
	extra?: () => Promise<string>
): Promise<Response> {
	const token = config().METRICS_TOKEN;
	if (!token) return new Response('not found', { status: 404 });
	const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
	if (!sameToken(given, token)) {
		return new Response('unauthorized', {
			status: 401,
			headers: { 'www-authenticate': 'Bearer' }
		});
	}
	const before = extra ? await extra() : '';
	return new Response(before + (await registry.metrics()), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
}

/**
 * GET /metrics of a web process: 404 unless METRICS_TOKEN is set (the route does not exist
 * then), 401 without `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsResponse(request: Request): Promise<Response> {
	return scrape(request, webProcessRegistry(), clusterMetrics);
}

/**
 * GET /metrics of a worker process on its health port, with the same token: only what this
 * process did (jobs it ran, holds it expired); the shared gauges come from the web processes.
 */
export function workerMetricsResponse(request: Request): Promise<Response> {
	return scrape(request, processRegistry);
}
