import type { RequestHandler } from './$types';
import { db } from '$lib/server/db';
import { kioskOffice } from '$lib/server/office-floor/kiosk-office';

/**
 * A web manifest of the hall board alone: a kiosk browser installs it and opens straight into
 * this office's board, full screen, at boot.
 */
export const GET: RequestHandler = async ({ params }) => {
	const office = await kioskOffice(await db(), params.officeCode.toUpperCase());
	if (!office) return new Response('not found', { status: 404 });
	const base = `/kiosk/${office.code}`;
	const manifest = {
		id: base,
		name: `Lancar · Antrean ${office.name}`,
		short_name: `Antrean ${office.code}`,
		description: 'Layar antrean ruang tunggu kantor imigrasi',
		lang: 'id',
		start_url: `${base}?source=kiosk`,
		scope: `${base}`,
		display: 'fullscreen',
		display_override: ['fullscreen', 'standalone'],
		orientation: 'landscape',
		background_color: '#0b1f2a',
		theme_color: '#0b1f2a',
		icons: [
			{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
			{
				src: '/icons/icon-maskable-512.png',
				sizes: '512x512',
				type: 'image/png',
				purpose: 'maskable'
			}
		]
	};
	return new Response(JSON.stringify(manifest), {
		headers: {
			'content-type': 'application/manifest+json',
			'cache-control': 'public, max-age=3600'
		}
	});
};
