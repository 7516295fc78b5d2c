/**
 * The board's chime, made with WebAudio (no sound file to load or cache). Browsers keep audio
 * silent until someone touches the page, unless the kiosk browser is started with
 * --autoplay-policy=no-user-gesture-required; `soundReady` tells the board to offer a button.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
	if (typeof AudioContext === 'undefined') return null;
	// One context for the whole day: each new one holds audio resources until closed.
	context ??= new AudioContext();
	return context;
}

export function soundReady(): boolean {
	return audio()?.state === 'running';
}

export async function enableSound(): Promise<boolean> {
	const ctx = audio();
	if (!ctx) return false;
	await ctx.resume().catch(() => {});
	return ctx.state === 'running';
}

/** Two falling tones, like a hall announcement. */
export function chime(): void {
	const ctx = audio();
	if (!ctx || ctx.state !== 'running') return;
	const start = ctx.currentTime + 0.02;
	for (const [offset, frequency] of [
		[0, 880],
		[0.45, 660]
	] as const) {
		const oscillator = ctx.createOscillator();
		const gain = ctx.createGain();
		oscillator.type = 'sine';
		oscillator.frequency.value = frequency;
		gain.gain.setValueAtTime(0.0001, start + offset);
		gain.gain.exponentialRampToValueAtTime(0.5, start + offset + 0.03);
		gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.8);
		oscillator.connect(gain).connect(ctx.destination);
		oscillator.start(start + offset);
		oscillator.stop(start + offset + 0.85);
		// Nodes are let go once played, so a day of calls does not pile them up.
		oscillator.onended = () => {
			oscillator.disconnect();
			gain.disconnect();
		};
	}
}
