import { Gauge, Histogram } from 'prom-client';
import { openEventStreams } from '../event-streams';
import { webRegistry } from './registries';

export const requestDuration = new Histogram({
	name: 'lancar_http_request_duration_seconds',
	help: 'Requests by method, route and status; _count is the request count',
	labelNames: ['method', 'route', 'status'] as const,
	buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
	registers: [webRegistry]
});

new Gauge({
	name: 'lancar_sse_connections',
	help: 'Open server-sent event streams (waiting rooms, kiosk boards) in this process',
	registers: [webRegistry],
	collect() {
		this.set(openEventStreams());
	}
});
