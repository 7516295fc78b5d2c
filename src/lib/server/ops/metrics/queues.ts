import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Gauge } from 'prom-client';
import { HOLDS_QUEUE } from '../../booking/holds';
import { bookingQueueName } from '../../booking/queue';
import { db } from '../../db';
import { offices } from '../../db/schema';
import { LETTERS_QUEUE } from '../../letters/queue';
import { queueOptions } from '../../queues/connection';
import { MAIL_QUEUE } from '../../queues/mail';
import { NOTIFY_QUEUE } from '../../queues/notify';
import { clusterRegistry } from './registries';

const queues = new Map<string, Queue>();

function queueNamed(name: string): Queue {
	let queue = queues.get(name);
	if (!queue) {
		queue = new Queue(name, queueOptions());
		queues.set(name, queue);
	}
	return queue;
}

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

new Gauge({
	name: 'lancar_queue_jobs',
	help: 'BullMQ jobs per queue and state (all processes: read from Redis)',
	labelNames: ['queue', 'state'] as const,
	registers: [clusterRegistry],
	async collect() {
		const activeOffices = await (
			await db()
		)
			.select({ id: offices.id })
			.from(offices)
			.where(eq(offices.active, true));
		const names = [
			MAIL_QUEUE,
			NOTIFY_QUEUE,
			LETTERS_QUEUE,
			HOLDS_QUEUE,
			...activeOffices.map((office) => bookingQueueName(office.id))
		];
		// All at once: the connection pipelines them, one round trip instead of one per queue.
		const counts = await Promise.all(
			names.map((name) => queueNamed(name).getJobCounts(...JOB_STATES))
		);
		this.reset();
		names.forEach((name, index) => {
			for (const state of JOB_STATES) {
				this.set({ queue: name, state }, counts[index]![state] ?? 0);
			}
		});
	}
});

export async function closeMetricsQueues(): Promise<void> {
	const open = [...queues.values()];
	queues.clear();
	await Promise.all(open.map((queue) => queue.close()));
}
