/**
 * How many argon2id password checks (OWASP parameters, as used at login) this machine does per
 * second, sequentially and with all cores busy, and the memory each check takes. Login capacity
 * at the start-of-month rush is bounded by this number.
 *   npm run bench:password
 */
import { availableParallelism } from 'node:os';
import { writeFileSync, mkdirSync } from 'node:fs';
import { hashPassword, verifyPassword } from '../src/lib/server/auth/password';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 40);

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const hash = await hashPassword('kopi-susu-gula-aren');
await verifyPassword(hash, 'kopi-susu-gula-aren'); // warm-up

const latencies: number[] = [];
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
for (let i = 0; i < SAMPLES; i++) {
	const started = performance.now();
	await verifyPassword(hash, 'kopi-susu-gula-aren');
	latencies.push(performance.now() - started);
	peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
latencies.sort((a, b) => a - b);

const cores = availableParallelism();
const parallelStarted = performance.now();
await Promise.all(
	Array.from({ length: SAMPLES }, () => verifyPassword(hash, 'kopi-susu-gula-aren'))
);
const parallelSeconds = (performance.now() - parallelStarted) / 1000;

const result = {
	benchmark: 'password-hash',
	date: new Date().toISOString(),
	node: process.version,
	cores,
	parameters: { algorithm: 'argon2id', memoryKiB: 19_456, iterations: 2, parallelism: 1 },
	samples: SAMPLES,
	verifyMs: {
		p50: Number(percentile(latencies, 50).toFixed(1)),
		p95: Number(percentile(latencies, 95).toFixed(1)),
		max: Number((latencies.at(-1) ?? NaN).toFixed(1))
	},
	sequentialPerSecond: Number((1000 / percentile(latencies, 50)).toFixed(1)),
	parallelPerSecond: Number((SAMPLES / parallelSeconds).toFixed(1)),
	rssGrowthMiB: Number(((peakRss - rssBefore) / 2 ** 20).toFixed(1))
};

console.log(JSON.stringify(result, null, 2));
console.table({
	'verify p50 (ms)': result.verifyMs.p50,
	'verify p95 (ms)': result.verifyMs.p95,
	'checks/s, one at a time': result.sequentialPerSecond,
	[`checks/s, all ${cores} cores`]: result.parallelPerSecond,
	'RSS growth (MiB)': result.rssGrowthMiB
});
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/password-hash.json', `${JSON.stringify(result, null, 2)}\n`);
