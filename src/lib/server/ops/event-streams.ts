/**
 * Open server-sent event streams of this process, so a shutting-down web process can end them
 * itself: an open stream is an in-flight request that would otherwise hold the shutdown until
 * adapter-node's timeout cuts it without a word.
 */
const open = new Set<() => void>();
let shuttingDown = false;

/** Browsers wait this long before reconnecting, by then to another web process. */
export const SHUTDOWN_RETRY_HINT = 'retry: 1000\n\n';

/** Passes `source` through until it ends or the process shuts down (then: retry hint, close). */
export function untilShutdown(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
	const reader = source.getReader();
	const encoder = new TextEncoder();
	let stop = () => {};
	return new ReadableStream<Uint8Array>({
		start(controller) {
			stop = () => {
				open.delete(stop);
				try {
					controller.enqueue(encoder.encode(SHUTDOWN_RETRY_HINT));
					controller.close();
				} catch {
					// Already closed by the source or the browser.
				}
				void reader.cancel('shutdown').catch(() => {});
			};
			if (shuttingDown) stop();
			else open.add(stop);
		},
		async pull(controller) {
			const { done, value } = await reader.read();
			try {
				if (done) {
					open.delete(stop);
					controller.close();
				} else controller.enqueue(value);
			} catch {
				// Closed meanwhile by a shutdown.
			}
		},
		cancel(reason) {
			open.delete(stop);
			return reader.cancel(reason);
		}
	});
}

/** Ends every open stream with a retry hint; streams opened from now on end at once. */
export function closeEventStreams(): number {
	shuttingDown = true;
	const stops = [...open];
	for (const stop of stops) stop();
	return stops.length;
}

export function openEventStreams(): number {
	return open.size;
}
