import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { config } from '../config';
import './metrics/bookings';
import './metrics/waiting-room';
import { processRegistry, webProcessRegistry } from './metrics/registries';

export { requestDuration } from './metrics/http';
export { closeMetricsQueues } from './metrics/queues';

function sameToken(given: string, expected: string): boolean {
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

async function scrape(request: Request, registry: Registry): Promise<Response> {
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

/**
 * GET /metrics of a web process: 404 unless METRICS_TOKEN is set (the route does not exist
 * then), 401 without `Authorization: Bearer <METRICS_TOKEN>`.
 */
export function metricsResponse(request: Request): Promise<Response> {
	return scrape(request, webProcessRegistry());
}

/**
 * GET /metrics of a worker process on its health port, with the same token: only what this
 * process did (jobs it ran, holds it expired); the shared gauges come from the web processes.
 */
export function workerMetricsResponse(request: Request): Promise<Response> {
	return scrape(request, processRegistry);
}
