/**
 * What the service worker shows for a push. The server sends the words in the reader's
 * language; a payload that cannot be read still shows something true, and its link can only
 * lead inside this site.
 */
export interface ShownPush {
	title: string;
	body: string;
	link: string;
	tag?: string;
}

const FALLBACK: ShownPush = {
	title: 'Lancar',
	body: 'Ada pemberitahuan baru. Buka aplikasi untuk melihatnya.',
	link: '/notifications'
};

export const PUSH_ICON = '/icons/icon-192.png';

/** A same-site path, or the notices list when the value is anything else. */
export function pushLink(value: unknown): string {
	const sameSite =
		typeof value === 'string' &&
		value.startsWith('/') &&
		!value.startsWith('//') &&
		!value.includes('\\');
	return sameSite ? value : FALLBACK.link;
}

function text(value: unknown, max: number): string | null {
	return typeof value === 'string' && value.trim() ? value.slice(0, max) : null;
}

export function shownPush(raw: string | null): ShownPush {
	let data: Record<string, unknown>;
	try {
		data = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
	} catch {
		return FALLBACK;
	}
	if (!data || typeof data !== 'object') return FALLBACK;
	const title = text(data.title, 120);
	if (!title) return FALLBACK;
	return {
		title,
		body: text(data.body, 400) ?? '',
		link: pushLink(data.link),
		...(typeof data.tag === 'string' ? { tag: data.tag.slice(0, 100) } : {})
	};
}
