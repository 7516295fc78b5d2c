/**
 * The device's storage. Drafts and photos live in IndexedDB, which a browser may clear under
 * storage pressure unless the site's storage is persistent, so the app asks for that once there
 * is something worth keeping.
 */
export async function askForPersistentStorage(): Promise<boolean> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
	if (await navigator.storage.persisted()) return true;
	return navigator.storage.persist();
}

/** A full disk, however the browser and Dexie choose to wrap it. */
export function isQuotaExceeded(error: unknown): boolean {
	for (let current = error; current; current = (current as { inner?: unknown }).inner) {
		const name = (current as { name?: string }).name;
		if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
		if ((current as { code?: number }).code === 22) return true;
	}
	return false;
}
