/**
 * Per-field merge of a change made on one device into the server's record.
 *
 * Each field remembers the record version that last changed it. A change based on version
 * `baseVersion` conflicts on a field only when someone else changed that same field after
 * `baseVersion` to a different value; every other field of the change applies. So two devices
 * editing different fields never bother the person, and the same field is never silently
 * overwritten.
 */
export interface FieldMergeInput {
	current: Record<string, unknown>;
	fieldVersions: Record<string, number>;
	version: number;
	baseVersion: number;
	patch: Record<string, unknown>;
}

export interface FieldMergeResult {
	next: Record<string, unknown>;
	nextFieldVersions: Record<string, number>;
	nextVersion: number;
	applied: string[];
	conflicts: { field: string; theirs: unknown }[];
}

export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	// Empty, null and missing all mean "not filled in".
	const blank = (value: unknown) => value === undefined || value === null || value === '';
	if (blank(a) && blank(b)) return true;
	return JSON.stringify(a) === JSON.stringify(b);
}

export function mergeFields(input: FieldMergeInput): FieldMergeResult {
	const { current, fieldVersions, version, baseVersion, patch } = input;
	const nextVersion = version + 1;
	const next = { ...current };
	const nextFieldVersions = { ...fieldVersions };
	const applied: string[] = [];
	const conflicts: { field: string; theirs: unknown }[] = [];

	for (const [field, value] of Object.entries(patch)) {
		if (sameValue(current[field], value)) continue;
		const changedElsewhere = (fieldVersions[field] ?? 0) > baseVersion;
		if (changedElsewhere) {
			conflicts.push({ field, theirs: current[field] ?? null });
			continue;
		}
		next[field] = value;
		nextFieldVersions[field] = nextVersion;
		applied.push(field);
	}

	if (applied.length === 0) {
		return {
			next: current,
			nextFieldVersions: fieldVersions,
			nextVersion: version,
			applied,
			conflicts
		};
	}
	return { next, nextFieldVersions, nextVersion, applied, conflicts };
}
