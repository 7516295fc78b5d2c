import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// The service worker serves the prerendered /app-shell for other URLs such as
		// /applicants/42, so asset paths in it must be absolute, not relative to /app-shell.
		paths: { relative: false },
		// SvelteKit adds nonces (rendered pages) or hashes (prerendered ones) for its own scripts.
		csp: {
			mode: 'auto',
			directives: {
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
			}
		},
		serviceWorker: {
			// Registered by src/lib/client/pwa.ts (workbox-window) to offer updates.
			register: false,
			// Screenshots only illustrate the README and the install dialog; no need offline.
			files: (file) => !file.startsWith('screenshots/')
		}
	}
};

export default config;
