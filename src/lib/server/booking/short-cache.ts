/**
 * Answers that many people ask for at the same moment and that may be a second old: the free
 * days and slots of a release right after an opening. The booking decision never reads them;
 * a slot shown as free that filled meanwhile is refused as slot_full and the person picks again.
 */
const entries = new Map<string, { at: number; value: Promise<unknown> }>();
const MAX_ENTRIES = 5_000;

export function shortCached<T>(key: string, maxAgeMs: number, load: () => Promise<T>): Promise<T> {
	const hit = entries.get(key);
	if (hit && Date.now() - hit.at < maxAgeMs) return hit.value as Promise<T>;
	const value = load();
	entries.set(key, { at: Date.now(), value });
	value.catch(() => entries.delete(key));
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
	return value;
}

/** Drops cached answers whose key contains `part` (e.g. a release id whose seats moved). */
export function forgetShortCached(part: string): void {
	for (const key of entries.keys()) if (key.includes(part)) entries.delete(key);
}
