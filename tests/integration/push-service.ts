/**
 * A local stand-in for a browser's push service (the true edge): it takes the encrypted POST
 * the real web-push adapter sends and keeps it, and a test device holds the subscription's
 * private key to decrypt it (RFC 8291, aes128gcm, with the `http_ece` reference code).
 */
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ece from 'http_ece';

export interface ReceivedPush {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export interface TestDevice {
	endpoint: string;
	p256dh: string;
	auth: string;
	/** The plaintext the sender encrypted for this device. */
	decrypt(body: Buffer): string;
}

export class PushServiceStandIn {
	readonly received: ReceivedPush[] = [];
	/** Status to answer per path; 201 (created) when not set, as real push services do. */
	readonly answers = new Map<string, number>();
	private server: Server | undefined;
	private origin = '';

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const path = request.url ?? '';
				this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
				response.statusCode = this.answers.get(path) ?? 201;
				response.end();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => this.server?.close(() => resolve()));
	}

	/** A browser's subscription: a fresh P-256 key pair and auth secret, made here. */
	newDevice(): TestDevice {
		const keys = createECDH('prime256v1');
		keys.generateKeys();
		const auth = randomBytes(16);
		const path = `/push/${randomUUID()}`;
		return {
			endpoint: `${this.origin}${path}`,
			p256dh: keys.getPublicKey().toString('base64url'),
			auth: auth.toString('base64url'),
			decrypt: (body) =>
				ece
					.decrypt(body, { version: 'aes128gcm', privateKey: keys, authSecret: auth })
					.toString('utf8')
		};
	}

	to(device: TestDevice): ReceivedPush[] {
		const path = new URL(device.endpoint).pathname;
		return this.received.filter((push) => push.path === path);
	}
}
