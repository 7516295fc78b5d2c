import { adapter } from './server/adapter.js';
import { CSP_DIRECTIVES } from './src/lib/server/ops/csp-directives.js';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// adapter-node, with its server entry replaced by ours (server/entry.ts): static files
		// get the security headers too.
		adapter: adapter(),
		// The service worker serves the prerendered /app-shell for other URLs such as
		// /applicants/42, so asset paths in it must be absolute, not relative to /app-shell.
		paths: { relative: false },
		// SvelteKit adds nonces (rendered pages) or hashes (prerendered ones) for its own scripts.
		csp: {
			mode: 'auto',
			directives: CSP_DIRECTIVES
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
