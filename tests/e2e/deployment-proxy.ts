/**
 * A pass-through proxy in front of the test server that can pretend a new version of the app
 * was deployed: after `deploy()`, /service-worker.js differs by one comment, which is exactly
 * what a browser sees when a new build goes live. (Building the app twice would take minutes,
 * and Playwright cannot intercept the browser's own service worker update check.)
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DeploymentProxy {
	/** The proxy's own origin, e.g. http://127.0.0.1:40123 (a separate origin from the app's). */
	origin: string;
	/** From now on, serve a service worker that the browser takes for a new version. */
	deploy(): void;
	close(): Promise<void>;
}

export async function startDeploymentProxy(upstreamOrigin: string): Promise<DeploymentProxy> {
	const upstream = new URL(upstreamOrigin);
	let deployment = 1;

	async function serveWorker(reply: ServerResponse) {
		const script = await (await fetch(new URL('/service-worker.js', upstream))).text();
		reply.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
		reply.end(`${script}\n// deployment ${deployment}\n`);
	}

	function pass(incoming: IncomingMessage, reply: ServerResponse) {
		const forwarded = request(
			new URL(incoming.url ?? '/', upstream),
			{ method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
			(answer) => {
				reply.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(reply);
			}
		);
		forwarded.on('error', () => reply.destroy());
		incoming.pipe(forwarded);
	}

	const server = createServer((incoming, reply) => {
		if (new URL(incoming.url ?? '/', upstream).pathname === '/service-worker.js') {
			serveWorker(reply).catch(() => reply.destroy());
		} else {
			pass(incoming, reply);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		origin: `http://127.0.0.1:${port}`,
		deploy: () => {
			deployment += 1;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
