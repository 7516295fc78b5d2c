/**
 * The app's Content-Security-Policy directives: SvelteKit's kit.csp (svelte.config.js) adds
 * nonces or hashes for its own scripts on pages; the production server (server/entry.ts) sends
 * them as they are for scripts that run as workers. Plain JavaScript: svelte.config.js imports it.
 * @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>}
 */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self'],
	// Svelte transitions and style attributes; with 'unsafe-inline' SvelteKit adds no
	// style hashes (a hash would make browsers ignore 'unsafe-inline').
	'style-src': ['self', 'unsafe-inline'],
	// Document thumbnails are blob: URLs, QR codes data: URLs.
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'connect-src': ['self'],
	// The service worker and the image compression worker are our own files.
	'worker-src': ['self'],
	'manifest-src': ['self'],
	'media-src': ['self', 'blob:', 'data:'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	'frame-ancestors': ['none']
};
