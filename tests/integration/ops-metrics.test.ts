import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { joinRoom } from '../../src/lib/server/waiting-room/room';
import { Gauge } from 'prom-client';
import { metricsResponse, requestDuration } from '../../src/lib/server/ops/metrics';
import { clusterRegistry } from '../../src/lib/server/ops/metrics/registries';

import { METRICS_TEST_TOKEN as TOKEN, withMetricsToken as withToken } from './metrics-scrape';

function scrape(authorization?: string) {
	return metricsResponse(
		new Request('http://localhost/metrics', {
			headers: authorization ? { authorization } : {}
		})
	);
}

afterEach(() => withToken(undefined));

describe('/metrics', () => {
	it('does not exist without METRICS_TOKEN', async () => {
		withToken(undefined);
		expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
	});

	it('wants the bearer token', async () => {
		withToken(TOKEN);
		expect((await scrape()).status).toBe(401);
		expect((await scrape('Bearer not-the-token-at-all-no')).status).toBe(401);
	});

	it('reports requests by route, queue depth per queue and SSE connections', async () => {
		withToken(TOKEN);
		requestDuration.observe({ method: 'GET', route: '/offices/[code]', status: 200 }, 0.012);
		const answer = await scrape(`Bearer ${TOKEN}`);
		expect(answer.status).toBe(200);
		const text = await answer.text();
		expect(text).toMatch(
			/lancar_http_request_duration_seconds_count\{method="GET",route="\/offices\/\[code\]",status="200"\} 1/
		);
		expect(text).toMatch(/lancar_queue_jobs\{queue="mail",state="waiting"\} \d+/);
		expect(text).toMatch(/lancar_queue_jobs\{queue="booking-[0-9a-f-]+",state="active"\} \d+/);
		expect(text).toContain('lancar_sse_connections 0');
		expect(text).toContain('# TYPE lancar_waiting_room_size gauge');
	});

	it('still answers with the process figures when a cluster gauge fails, and says so', async () => {
		withToken(TOKEN);
		expect(await (await scrape(`Bearer ${TOKEN}`)).text()).toContain('lancar_metrics_cluster_up 1');
		// As a PostgreSQL or Redis outage makes a gauge read at scrape time fail.
		new Gauge({
			name: 'lancar_test_failing_gauge',
			help: 'fails on purpose',
			registers: [clusterRegistry],
			collect() {
				throw new Error('database unreachable');
			}
		});
		try {
			const answer = await scrape(`Bearer ${TOKEN}`);
			expect(answer.status).toBe(200);
			const text = await answer.text();
			expect(text).toContain('lancar_metrics_cluster_up 0');
			expect(text).toContain('lancar_sse_connections 0');
			expect(text).not.toContain('lancar_queue_jobs');
		} finally {
			clusterRegistry.removeSingleMetric('lancar_test_failing_gauge');
		}
		expect(await (await scrape(`Bearer ${TOKEN}`)).text()).toContain('lancar_metrics_cluster_up 1');
	});

	it('reports the waiting-room size per release', async () => {
		withToken(TOKEN);
		const release = {
			id: randomUUID(),
			opensAt: new Date(Date.now() + 3_600_000),
			admissionRate: null,
			officeId: randomUUID()
		};
		for (const nik of ['3171011203850001', '3171011203850002']) {
			await joinRoom(release, randomUUID(), [{ id: randomUUID(), nik }]);
		}
		const text = await (await scrape(`Bearer ${TOKEN}`)).text();
		expect(text).toContain(`lancar_waiting_room_size{release="${release.id}"} 2`);
	});
});
