/**
 * A few people waiting in a quiet room, asking for their status again and again through the
 * opening, from a process of their own: its event loop is idle, so the times it records are
 * the web tier's answers, not the lag of the 5,000 virtual applicants sharing the bench
 * process (whose loop lags by hundreds of milliseconds in the herd).
 *   node --import tsx bench/booking/status-probe-child.ts <config.json>
 * Runs until SIGTERM, then writes its samples to the config's `output` file and exits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '../../src/lib/server/trpc/router';
import { sessionCookie, type VirtualAccount } from './seed';

export interface ProbeConfig {
	/** Each person talks to one of these (the web processes, or the front door). */
	baseUrls: string[];
	releaseId: string;
	accounts: VirtualAccount[];
	intervalMs: number;
	output: string;
}

/** [when sent (epoch ms), answer time (ms)] per status call. */
export interface ProbeSamples {
	samples: [number, number][];
	errors: number;
}

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ProbeConfig;
const samples: [number, number][] = [];
let errors = 0;
let stopping = false;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probe(account: VirtualAccount, baseUrl: string, offsetMs: number) {
	const client = createTRPCClient<AppRouter>({
		links: [
			httpLink({
				url: `${baseUrl}/api/trpc`,
				transformer: superjson,
				headers: { cookie: sessionCookie(account.sessionToken) }
			})
		]
	});
	while (!stopping) {
		try {
			await client.waitingRoom.join.mutate({
				releaseId: config.releaseId,
				applicationIds: [account.applicationId]
			});
			break;
		} catch {
			errors++;
			await sleep(500);
		}
	}
	await sleep(offsetMs);
	while (!stopping) {
		const sentAt = Date.now();
		const started = performance.now();
		try {
			await client.waitingRoom.status.query({ releaseId: config.releaseId });
			samples.push([sentAt, performance.now() - started]);
		} catch {
			errors++;
		}
		await sleep(config.intervalMs);
	}
}

const running = config.accounts.map((account, index) =>
	probe(
		account,
		config.baseUrls[index % config.baseUrls.length]!,
		(index * config.intervalMs) / config.accounts.length
	)
);
process.once('SIGTERM', () => {
	stopping = true;
	void Promise.all(running).then(() => {
		writeFileSync(config.output, JSON.stringify({ samples, errors } satisfies ProbeSamples));
		process.exit(0);
	});
});
