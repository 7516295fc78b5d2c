import { Gauge } from 'prom-client';
import { redis } from '../../redis';
import { roomsKey } from '../../waiting-room/keys';
import { readRoom } from '../../waiting-room/room';
import { roomSummary } from '../../waiting-room/view';
import { clusterRegistry } from './registries';

type Summary = ReturnType<typeof roomSummary> & { releaseId: string };

async function readRooms(): Promise<Summary[]> {
	const releaseIds = await redis().smembers(roomsKey());
	// An account no one has: the room's own figures, without touching anyone's place. All
	// rooms at once, pipelined on the room connection.
	const snapshots = await Promise.all(
		releaseIds.map((releaseId) => readRoom(releaseId, '', { touch: false }))
	);
	return snapshots.flatMap((snapshot, index) =>
		snapshot.exists ? [{ releaseId: releaseIds[index]!, ...roomSummary(snapshot) }] : []
	);
}

let reading: Promise<Summary[]> | undefined;

/** A registry collects its metrics at once: the three gauges share one read of the rooms. */
function rooms(): Promise<Summary[]> {
	reading ??= readRooms().finally(() => (reading = undefined));
	return reading;
}

function roomGauge(
	name: string,
	help: string,
	value: (summary: Summary) => number | null
): Gauge<'release'> {
	return new Gauge({
		name,
		help,
		labelNames: ['release'] as const,
		registers: [clusterRegistry],
		async collect() {
			const summaries = await rooms();
			this.reset();
			for (const summary of summaries) {
				const figure = value(summary);
				if (figure !== null) this.set({ release: summary.releaseId }, figure);
			}
		}
	});
}

roomGauge(
	'lancar_waiting_room_size',
	'People waiting per quota release: the pre-queue before the opening, then tickets not yet served',
	(summary) => summary.waiting
);

roomGauge(
	'lancar_waiting_room_admission_rate',
	'Admissions per second per quota release as the room measures them (absent until measured)',
	(summary) => summary.measuredRate
);

roomGauge(
	'lancar_waiting_room_estimated_wait_seconds',
	'The wait the room would show someone joining now, per quota release (absent while unknown: paused, sold out or no rate measured yet)',
	(summary) => summary.estimatedWaitSeconds
);
