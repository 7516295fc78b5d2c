/**
 * The production web server: adapter-node's handler (static files, prerendered pages, then
 * SvelteKit) behind Node's HTTP server. adapter-node's own entry sends static files without
 * the security headers, since they never reach hooks; here every response starts with them
 * (SvelteKit's answers then set their own, from hooks). Bundled to build/index.js by
 * server/adapter.js. Keeps adapter-node's graceful shutdown: on SIGTERM/SIGINT stop accepting,
 * let in-flight requests finish (at most SHUTDOWN_TIMEOUT seconds), then emit
 * `sveltekit:shutdown`, which hooks.server.ts waits for to stop the services.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
// @ts-expect-error adapter-node's built handler, next to this file once bundled (no types).
import { handler } from './handler.js';
import { staticFileHeaders } from '../src/lib/server/ops/security-headers';

type Handler = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const shutdownTimeoutSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? 30);
// As config() reads it (defaults to development), without validating the whole configuration
// here: the app does that when it starts.
const production = process.env.NODE_ENV === 'production';

function notFound(response: ServerResponse) {
	response.statusCode = 404;
	response.end('Not found');
}

const server = createServer((request, response) => {
	const pathname = (request.url ?? '/').split('?')[0]!;
	for (const [name, value] of Object.entries(staticFileHeaders({ pathname, production }))) {
		response.setHeader(name, value);
	}
	try {
		(handler as Handler)(request, response, () => notFound(response));
	} catch (error) {
		// As polka did for adapter-node's entry: a thrown error is a 500, not a dead process.
		console.error(error);
		if (!response.headersSent) response.statusCode = 500;
		response.end();
	}
});

for (const [variable, property] of [
	['KEEP_ALIVE_TIMEOUT', 'keepAliveTimeout'],
	['HEADERS_TIMEOUT', 'headersTimeout']
] as const) {
	const seconds = process.env[variable];
	if (seconds) server[property] = Number(seconds) * 1000;
}

let shuttingDown: NodeJS.Timeout | undefined;

server.on('request', (request: IncomingMessage) => {
	request.on('close', () => {
		// Connections close as soon as they are idle, so they take no new requests.
		if (shuttingDown) server.closeIdleConnections();
	});
});

function gracefulShutdown(reason: 'SIGINT' | 'SIGTERM') {
	if (shuttingDown) return;
	// A keep-alive connection would hold close() until it times out, even when idle.
	server.closeIdleConnections();
	// close() reports an error only when the server was not listening; the app must still stop.
	server.close(() => {
		clearTimeout(shuttingDown);
		process.emit('sveltekit:shutdown' as 'beforeExit', reason as unknown as number);
	});
	shuttingDown = setTimeout(() => server.closeAllConnections(), shutdownTimeoutSeconds * 1000);
}

process.on('SIGTERM', gracefulShutdown);
process.on('SIGINT', gracefulShutdown);

server.listen({ host, port }, () => {
	console.log(`Listening on http://${host}:${port}`);
});
