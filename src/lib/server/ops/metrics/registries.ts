import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Three registries, so each process publishes only what is its own to publish:
 * - `processRegistry`: what happens in this process (runtime, jobs it ran, bookings, payments
 *   and check-ins it committed). Every process serves it, the worker on its health port; the
 *   counters are per process and Prometheus sums them over instances.
 * - `webRegistry`: requests and event streams of a web process.
 * - `clusterRegistry`: gauges read from Redis and PostgreSQL at scrape time (queue depth,
 *   waiting rooms, live holds). They are the same in every web process: query them with max().
 */
export const processRegistry = new Registry();
export const webRegistry = new Registry();
export const clusterRegistry = new Registry();

collectDefaultMetrics({ register: processRegistry, prefix: 'lancar_' });

let webScrape: Registry | undefined;

/** What a web process serves at /metrics besides the cluster gauges (see clusterMetrics). */
export function webProcessRegistry(): Registry {
	webScrape ??= Registry.merge([processRegistry, webRegistry]);
	return webScrape;
}
