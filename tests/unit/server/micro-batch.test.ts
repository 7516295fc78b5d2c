import { describe, expect, it } from 'vitest';
import { microBatch } from '../../../src/lib/server/queues/micro-batch';

function deferred() {
	let release: () => void = () => {};
	const promise = new Promise<void>((resolve) => (release = resolve));
	return { promise, release };
}

describe('microBatch', () => {
	it('runs a lone call at once as a batch of one', async () => {
		const batches: number[][] = [];
		const double = microBatch(
			async (items: number[]) => {
				batches.push(items);
				return items.map((item) => item * 2);
			},
			{ maxSize: 10 }
		);
		expect(await double(4)).toBe(8);
		expect(batches).toEqual([[4]]);
	});

	it('gathers calls made while a batch runs into the next, in order and up to the limit', async () => {
		const batches: number[][] = [];
		const gate = deferred();
		const echo = microBatch(
			async (items: number[]) => {
				batches.push(items);
				if (batches.length === 1) await gate.promise;
				return items;
			},
			{ maxSize: 3 }
		);
		const first = echo(0);
		await new Promise((resolve) => setImmediate(resolve));
		const rest = [1, 2, 3, 4, 5].map((item) => echo(item));
		gate.release();
		expect(await Promise.all([first, ...rest])).toEqual([0, 1, 2, 3, 4, 5]);
		expect(batches).toEqual([[0], [1, 2, 3], [4, 5]]);
	});

	it('runs as many batches at once as it has lanes, formed in call order', async () => {
		const batches: number[][] = [];
		const gates = [deferred(), deferred()];
		let inFlight = 0;
		let mostInFlight = 0;
		const echo = microBatch(
			async (items: number[]) => {
				const gate = gates[batches.length];
				batches.push(items);
				inFlight++;
				mostInFlight = Math.max(mostInFlight, inFlight);
				await gate?.promise;
				inFlight--;
				return items;
			},
			{ maxSize: 2, lanes: 2 }
		);
		const first = echo(0);
		await new Promise((resolve) => setImmediate(resolve));
		const second = echo(1);
		await new Promise((resolve) => setImmediate(resolve));
		const rest = [2, 3, 4].map((item) => echo(item));
		gates.forEach((gate) => gate.release());
		expect(await Promise.all([first, second, ...rest])).toEqual([0, 1, 2, 3, 4]);
		expect(batches).toEqual([[0], [1], [2, 3], [4]]);
		expect(mostInFlight).toBe(2);
	});

	it('tries each item alone when a batch fails, so one bad item fails only its own call', async () => {
		const batches: number[][] = [];
		const check = microBatch(
			async (items: number[]) => {
				batches.push(items);
				if (items.includes(13)) throw new Error('unlucky');
				return items.map((item) => `ok ${item}`);
			},
			{ maxSize: 10 }
		);
		const answers = await Promise.allSettled([check(1), check(13), check(2)]);
		expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((answers[0] as PromiseFulfilledResult<string>).value).toBe('ok 1');
		expect(batches).toEqual([[1, 13, 2], [1], [13], [2]]);
	});

	it("fails the whole batch at once when the error is no one item's fault", async () => {
		const batches: number[][] = [];
		const offline = microBatch(
			async (items: number[]) => {
				batches.push(items);
				throw new Error('connection lost');
			},
			{ maxSize: 10, oneItemsFault: () => false }
		);
		const answers = await Promise.allSettled([offline(1), offline(2)]);
		expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
		expect(batches).toEqual([[1, 2]]);
	});

	it('refuses an answer that does not match the batch', async () => {
		const broken = microBatch(async () => [] as number[], { maxSize: 5 });
		await expect(broken(1)).rejects.toThrow('batch of 1 answered 0');
	});
});
