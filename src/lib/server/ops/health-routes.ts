import { createServer, type Server } from 'node:http';
import { config } from '../config';
import { db } from '../db';
import { logger } from '../logger';
import { workerMetricsResponse } from './metrics';
import { checkReadiness } from './readiness';

const noStore = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/**
 * Answers GET /healthz (the process is alive) and GET /readyz (it can do its work); null for
 * any other path. Shared by the web process (hooks) and the worker's own small listener.
 */
export async function healthResponse(pathname: string): Promise<Response | null> {
	if (pathname === '/healthz') {
		return new Response(JSON.stringify({ status: 'alive' }), { headers: noStore });
	}
	if (pathname !== '/readyz') return null;
	const readiness = await checkReadiness({ database: db, redisUrl: config().REDIS_URL });
	return new Response(
		JSON.stringify(
			readiness.ready ? { status: 'ready' } : { status: 'not ready', failing: readiness.failing }
		),
		{ status: readiness.ready ? 200 : 503, headers: noStore }
	);
}

/** The worker's own answer for a path: the health routes, and its metrics behind the token. */
function workerResponse(pathname: string, authorization: string | undefined) {
	if (pathname !== '/metrics') return healthResponse(pathname);
	return workerMetricsResponse(
		new Request('http://worker/metrics', {
			headers: authorization ? { authorization } : {}
		})
	);
}

/**
 * The worker process has no web server: this listener answers only the two health routes and
 * /metrics (the latency of the jobs it runs can only be seen here).
 */
export function startHealthListener(port: number): Promise<Server> {
	const server = createServer((request, reply) => {
		const notFound = () => reply.writeHead(404, noStore).end('{"status":"not found"}');
		if (request.method !== 'GET') return notFound();
		const pathname = new URL(request.url ?? '/', 'http://worker').pathname;
		workerResponse(pathname, request.headers.authorization)
			.then(async (response) => {
				if (!response) return notFound();
				reply.writeHead(response.status, Object.fromEntries(response.headers));
				reply.end(await response.text());
			})
			// A failing probe must answer, never bring the worker down with an unhandled rejection.
			.catch(() => reply.writeHead(500, noStore).end('{"status":"error"}'));
	});
	return new Promise((resolve) => {
		server.listen(port, () => {
			logger().info({ port }, 'worker health listener up');
			resolve(server);
		});
	});
}
