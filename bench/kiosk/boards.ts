import http from 'node:http';

/** When each call reached how many boards, and when the last one got it (performance.now()). */
export interface Delivery {
	boards: number;
	lastAt: number;
}

/**
 * Many kiosk boards on plain HTTP streams, read the way an EventSource would. One socket per
 * board, as separate screens in a hall would have. Only calls are recorded.
 */
export class BoardCrowd {
	readonly deliveries = new Map<string, Delivery>();
	connected = 0;
	private readonly requests: http.ClientRequest[] = [];
	private readonly agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

	constructor(private readonly url: string) {}

	async connect(count: number, batch = 100): Promise<void> {
		for (let start = 0; start < count; start += batch) {
			const opening = Array.from({ length: Math.min(batch, count - start) }, () => this.open());
			await Promise.all(opening);
		}
	}

	private open(): Promise<void> {
		return new Promise((resolve, reject) => {
			const request = http.get(this.url, { agent: this.agent }, (response) => {
				if (response.statusCode !== 200) {
					reject(new Error(`board got HTTP ${response.statusCode}`));
					return;
				}
				response.setEncoding('utf8');
				let buffer = '';
				let first = true;
				response.on('data', (chunk: string) => {
					const now = performance.now();
					buffer += chunk;
					let end: number;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const block = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						if (!block.includes('event: floor')) continue;
						if (first) {
							first = false;
							this.connected += 1;
							resolve();
						}
						const data = block.slice(block.indexOf('data: ') + 6);
						const call = (JSON.parse(data) as { call: { label: string } | null }).call;
						if (!call) continue;
						const delivery = this.deliveries.get(call.label) ?? { boards: 0, lastAt: 0 };
						delivery.boards += 1;
						delivery.lastAt = now;
						this.deliveries.set(call.label, delivery);
					}
				});
			});
			request.on('error', reject);
			this.requests.push(request);
		});
	}

	close(): void {
		for (const request of this.requests) request.destroy();
		this.agent.destroy();
	}
}
