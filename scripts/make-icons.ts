/**
 * Draws the Lancar mark (an "L" with the accent dot, as in static/favicon.svg) as SVG and
 * rasterises it in Debian's Chromium to the PNG icons the web app manifest and iOS need.
 * The PNGs are committed; run this again only when the mark changes:
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const BRAND = '#0b4f6c';
const ACCENT = '#f4b942';
const OUT_DIR = 'static/icons';

/** The glyph on a 64-unit grid, scaled around the centre so it can be kept inside a safe zone. */
function glyph(scale: number): string {
	const offset = 32 * (1 - scale);
	return (
		`<g transform="translate(${offset} ${offset}) scale(${scale})">` +
		`<path d="M20 14h8v28h18v8H20z" fill="#fff"/>` +
		`<circle cx="46" cy="20" r="6" fill="${ACCENT}"/></g>`
	);
}

function svg(body: string): string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${body}</svg>`;
}

/**
 * "any": the rounded tile of the favicon, transparent corners (launchers show it as is).
 * "maskable": a full-bleed square; launchers crop it to their own shape and only the central
 * circle of 80 % diameter is guaranteed to stay. At scale 0.8 the glyph's farthest point
 * (the dot's outer edge) is 19.6 units from the centre, inside the safe radius of 25.6.
 * Apple: iOS rounds the corners itself and shows transparency as black, so a full square.
 */
const sources = {
	favicon: svg(`<rect width="64" height="64" rx="14" fill="${BRAND}"/>${glyph(1)}`),
	maskable: svg(`<rect width="64" height="64" fill="${BRAND}"/>${glyph(0.8)}`),
	apple: svg(`<rect width="64" height="64" fill="${BRAND}"/>${glyph(0.85)}`)
} as const;

const rasters: { file: string; source: keyof typeof sources; size: number }[] = [
	{ file: 'icon-192.png', source: 'favicon', size: 192 },
	{ file: 'icon-512.png', source: 'favicon', size: 512 },
	{ file: 'icon-maskable-512.png', source: 'maskable', size: 512 },
	{ file: 'apple-touch-icon.png', source: 'apple', size: 180 }
];

mkdirSync(OUT_DIR, { recursive: true });

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
try {
	const page = await browser.newPage({ deviceScaleFactor: 1 });
	for (const { file, source, size } of rasters) {
		await page.setViewportSize({ width: size, height: size });
		const sized = sources[source].replace('<svg ', `<svg width="${size}" height="${size}" `);
		await page.setContent(
			`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`
		);
		await page.screenshot({
			path: `${OUT_DIR}/${file}`,
			omitBackground: true,
			clip: { x: 0, y: 0, width: size, height: size }
		});
		console.log(`${OUT_DIR}/${file} (${size}×${size})`);
	}
} finally {
	await browser.close();
}
