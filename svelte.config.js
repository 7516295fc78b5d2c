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
		serviceWorker: {
			// Registered by src/lib/client/pwa.ts (workbox-window) to offer updates.
			register: false,
			// Screenshots only illustrate the README and the install dialog; no need offline.
			files: (file) => !file.startsWith('screenshots/')
		}
	}
};

export default config;
