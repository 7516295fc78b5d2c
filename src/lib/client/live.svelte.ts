import { liveQuery } from 'dexie';

/**
 * A Dexie query as reactive state: re-runs when the tables it read change (in this tab or
 * another) and when the reactive values `inputs` reads change.
 */
export function live<Inputs, Result>(
	inputs: () => Inputs,
	query: (inputs: Inputs) => Promise<Result>
): { readonly current: Result | undefined; readonly loaded: boolean } {
	let current = $state<Result>();
	let loaded = $state(false);
	$effect(() => {
		const values = inputs();
		const subscription = liveQuery(() => query(values)).subscribe({
			next: (value) => {
				current = value;
				loaded = true;
			},
			error: (error) => console.error('local query failed', error)
		});
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return current;
		},
		get loaded() {
			return loaded;
		}
	};
}
