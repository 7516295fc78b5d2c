interface Waiting<In, Out> {
	item: In;
	resolve: (value: Out) => void;
	reject: (error: unknown) => void;
}

/**
 * Runs calls in batches without waiting to fill them: a call made while a lane is free starts a
 * batch on the next turn of the event loop (with whatever else arrived in that turn), and calls
 * made while every lane runs a batch go together into the next one, at most `maxSize` at a
 * time. So a quiet queue answers at once, and a busy one pays its fixed costs once per batch.
 * Batches are formed in call order; `lanes` of them run at once.
 * `run` answers each item at its own index. If a batch of several fails with an error that
 * `oneItemsFault` says one item may have caused (default: any), each item is run alone, so a
 * bad item fails only its own call; any other error (say, a lost connection) fails the batch.
 */
export function microBatch<In, Out>(
	run: (items: In[]) => Promise<Out[]>,
	options: { maxSize: number; lanes?: number; oneItemsFault?: (error: unknown) => boolean }
): (item: In) => Promise<Out> {
	const { maxSize, lanes = 1, oneItemsFault = () => true } = options;
	const waiting: Waiting<In, Out>[] = [];
	let running = 0;
	let scheduled = false;

	async function settle(batch: Waiting<In, Out>[]) {
		const answers = await run(batch.map((entry) => entry.item));
		if (answers.length !== batch.length) {
			throw new Error(`batch of ${batch.length} answered ${answers.length}`);
		}
		batch.forEach((entry, index) => entry.resolve(answers[index]!));
	}

	async function runBatch(batch: Waiting<In, Out>[]) {
		try {
			await settle(batch);
		} catch (error) {
			if (batch.length === 1 || !oneItemsFault(error)) {
				for (const entry of batch) entry.reject(error);
				return;
			}
			for (const entry of batch) await settle([entry]).catch(entry.reject);
		}
	}

	function pump() {
		scheduled = false;
		while (running < lanes && waiting.length > 0) {
			running++;
			void runBatch(waiting.splice(0, maxSize)).finally(() => {
				running--;
				pump();
			});
		}
	}

	return (item) =>
		new Promise<Out>((resolve, reject) => {
			waiting.push({ item, resolve, reject });
			if (running < lanes && !scheduled) {
				scheduled = true;
				setImmediate(pump);
			}
		});
}
