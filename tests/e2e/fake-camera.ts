/**
 * A camera picture for Chromium's fake capture device: a QR code rendered to a Y4M file
 * (uncompressed YUV 4:2:0 frames), which `--use-file-for-fake-video-capture` plays in a loop.
 * Grey only: the colour planes stay neutral.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

const WIDTH = 960;
const HEIGHT = 720;
/** A few identical frames: Chromium loops the file, so this is a still picture. */
const FRAMES = 3;
/** White around the code, in modules, as printed receipts have it. */
const QUIET_ZONE = 4;

export function writeQrY4m(text: string, path: string): void {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const scale = Math.floor(Math.min(WIDTH, HEIGHT) / (modules.size + 2 * QUIET_ZONE));
	const side = modules.size * scale;
	const left = Math.floor((WIDTH - side) / 2);
	const top = Math.floor((HEIGHT - side) / 2);
	const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
	for (let row = 0; row < modules.size; row++) {
		for (let column = 0; column < modules.size; column++) {
			if (!modules.get(row, column)) continue;
			for (let y = 0; y < scale; y++) {
				const start = (top + row * scale + y) * WIDTH + left + column * scale;
				luma.fill(16, start, start + scale);
			}
		}
	}
	const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
	const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
	writeFileSync(path, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
