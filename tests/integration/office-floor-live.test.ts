import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db';
import { publishFloorEvent } from '../../src/lib/server/office-floor/events';
import { kioskStream } from '../../src/lib/server/office-floor/live';
import { freshOffice, staffOf } from './booking-fixtures';

interface Received {
	id: string;
	data: {
		board: { serving: { label: string }[]; waiting: number };
		call: { label: string } | null;
	};
}

/** Reads a board's stream event by event, as an EventSource would. */
function reader(stream: ReadableStream<Uint8Array>) {
	const source = stream.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	return async function next(): Promise<Received> {
		for (;;) {
			const end = buffer.indexOf('\n\n');
			if (end >= 0) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (!block.includes('event: floor')) continue;
				const id = /^id: (.*)$/m.exec(block)?.[1] ?? '';
				const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!);
				return { id, data };
			}
			const { value, done } = await source.read();
			if (done) throw new Error('stream ended');
			buffer += decoder.decode(value, { stream: true });
		}
	};
}

describe('kiosk board stream', () => {
	it('starts from the current state, goes live, and resumes after its last event', async () => {
		const database = await db();
		const office = await freshOffice();
		const staff = await staffOf(office.id);
		const first = new AbortController();
		const next = reader(kioskStream(database, office, null, first.signal));
		const initial = await next();
		expect(initial.data.board.waiting).toBe(0);
		expect(initial.data.call).toBeNull();

		await staff.floor.issuePriority({ reason: 'elderly' });
		const issued = await next();
		expect(issued.id).toMatch(/^\d+-\d+$/);
		expect(issued.data.board.waiting).toBe(1);
		first.abort();

		// While the board is away: a counter opens and calls the number.
		const counter = await staff.floor.openCounter({ number: 2, name: 'Loket 2' });
		await staff.floor.callNext({ counterId: counter.id });

		const second = new AbortController();
		const resumed = reader(kioskStream(database, office, issued.id, second.signal));
		const missedOpen = await resumed();
		expect(missedOpen.data.call).toBeNull();
		const missedCall = await resumed();
		expect(missedCall.data.call).toMatchObject({ label: 'P-001', counterNumber: 2 });
		expect(missedCall.data.board.serving.map((row) => row.label)).toEqual(['P-001']);
		second.abort();

		// A board whose last event is no longer in the log gets the current state at once.
		const third = new AbortController();
		const fresh = reader(kioskStream(database, office, '1-0', third.signal));
		const current = await fresh();
		expect(current.id).toBe(missedCall.id);
		third.abort();
	});

	it('cuts off a board that stopped reading instead of queueing for it all day', async () => {
		const office = await freshOffice();
		const controller = new AbortController();
		const stream = kioskStream(await db(), office, null, controller.signal);
		const source = stream.getReader();
		await source.read(); // the stream has started; from here on nothing is read
		const board = { version: 1, date: '2026-11-25', serving: [], next: [], waiting: 0 };
		for (let index = 0; index < 400; index++) {
			await publishFloorEvent(office.id, { board, call: null });
		}
		let chunks = 0;
		for (;;) {
			const { done } = await source.read();
			if (done) break;
			chunks += 1;
		}
		// It ended by itself, having queued no more than the bound.
		expect(chunks).toBeLessThan(300);
		controller.abort();
	});
});
