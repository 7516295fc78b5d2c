import { fileURLToPath } from 'node:url';
import nodeAdapter from '@sveltejs/adapter-node';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./entry.ts', import.meta.url));

/**
 * adapter-node, then its `index.js` replaced by server/entry.ts bundled next to the adapter's
 * `handler.js` (adapter-node's documented "custom server"). It stays `build/index.js`, so
 * `npm run serve`, the test and bench servers start it as before.
 * @param {import('@sveltejs/adapter-node').AdapterOptions} [options]
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function adapter(options = {}) {
	const node = nodeAdapter(options);
	const out = options.out ?? 'build';
	return {
		...node,
		name: 'lancar-node',
		async adapt(builder) {
			await node.adapt(builder);
			await build({
				entryPoints: [ENTRY],
				outfile: `${out}/index.js`,
				bundle: true,
				platform: 'node',
				format: 'esm',
				target: 'node20',
				sourcemap: true,
				// The adapter's handler (and the app behind it) stays its own module.
				external: ['./handler.js'],
				logLevel: 'warning'
			});
			builder.log.minor('Replaced the server entry with server/entry.ts');
		}
	};
}
