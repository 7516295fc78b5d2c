/** Small statistics helpers for the benchmark's figures. */

export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

export function round(value: number | null, digits = 1): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** Samples the event loop's lag, to show whether the load generator itself was the bottleneck. */
export function loopLagMonitor() {
	const lags: number[] = [];
	let expected = performance.now() + 100;
	const timer = setInterval(() => {
		const now = performance.now();
		lags.push(Math.max(0, now - expected));
		expected = now + 100;
	}, 100);
	return {
		stop() {
			clearInterval(timer);
			return { p50: percentile(lags, 50), p99: percentile(lags, 99) };
		}
	};
}
