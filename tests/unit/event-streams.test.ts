import { describe, expect, it } from 'vitest';
import {
	closeEventStreams,
	openEventStreams,
	SHUTDOWN_RETRY_HINT,
	untilShutdown
} from '../../src/lib/server/ops/event-streams';

const encoder = new TextEncoder();

/** A live feed that sends one event and then stays open, like a quiet waiting room. */
function endlessFeed() {
	let cancelled = false;
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			controller.enqueue(encoder.encode('event: status\ndata: 1\n\n'));
		},
		cancel() {
			cancelled = true;
		}
	});
	return { stream, wasCancelled: () => cancelled };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
	let text = '';
	const decoder = new TextDecoder();
	for await (const chunk of stream) text += decoder.decode(chunk);
	return text;
}

describe('untilShutdown', () => {
	it('passes a feed through and ends open ones with a retry hint on shutdown', async () => {
		const feed = endlessFeed();
		const reading = readAll(untilShutdown(feed.stream));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(openEventStreams()).toBe(1);
		expect(closeEventStreams()).toBe(1);
		expect(await reading).toBe(`event: status\ndata: 1\n\n${SHUTDOWN_RETRY_HINT}`);
		expect(feed.wasCancelled()).toBe(true);
		expect(openEventStreams()).toBe(0);
	});

	it('ends a stream opened during shutdown at once', async () => {
		const feed = endlessFeed();
		const text = await readAll(untilShutdown(feed.stream));
		expect(text).toContain(SHUTDOWN_RETRY_HINT);
		expect(feed.wasCancelled()).toBe(true);
	});
});
