import { resetConfigForTests } from '../../src/lib/server/config';
import { metricsResponse } from '../../src/lib/server/ops/metrics';

export const METRICS_TEST_TOKEN = 'metrics-token-for-the-tests';

export function withMetricsToken(token: string | undefined) {
	if (token) process.env.METRICS_TOKEN = token;
	else delete process.env.METRICS_TOKEN;
	resetConfigForTests();
}

/** The web process's /metrics as a scraper gets it. */
export async function scrapeText(): Promise<string> {
	const answer = await metricsResponse(
		new Request('http://localhost/metrics', {
			headers: { authorization: `Bearer ${METRICS_TEST_TOKEN}` }
		})
	);
	if (answer.status !== 200) throw new Error(`/metrics answered ${answer.status}`);
	return answer.text();
}

/** One sample's value; labels in the order the metric declares them. 0 when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
	const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
	const series = pairs.length > 0 ? `${name}{${pairs.join(',')}}` : name;
	const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
	return line ? Number(line.slice(series.length + 1)) : 0;
}

/** Whether any series of the metric is present with a value. */
export function hasSeries(text: string, name: string, labels: Record<string, string> = {}) {
	const pairs = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
	const series = pairs.length > 0 ? `${name}{${pairs.join(',')}}` : name;
	return text.split('\n').some((entry) => entry.startsWith(`${series} `));
}
