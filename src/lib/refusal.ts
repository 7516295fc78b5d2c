/**
 * A refusal decided in the browser — the same rule the server would apply, checked on the
 * device so it works with no signal. Shown exactly like a server refusal.
 */
export class Refusal extends Error {
	constructor(
		readonly key: string,
		readonly details: Record<string, unknown> | null = null,
		readonly fieldErrors: Record<string, string[]> = {}
	) {
		super(key);
		this.name = 'Refusal';
	}
}
