import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/lib/server/config';

function problemsOf(env: Record<string, string>): string[] {
	try {
		parseConfig(env);
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	throw new Error('expected a ConfigError');
}

// A real pair's shape: base64url P-256 keys (uncompressed public point, 32-byte private).
const VAPID = { VAPID_PUBLIC_KEY: 'B'.repeat(87), VAPID_PRIVATE_KEY: 'k'.repeat(43) };

describe('parseConfig', () => {
	it('runs with nothing set: embedded database, local Redis, dev mailbox, workers in-process', () => {
		const config = parseConfig({});
		expect(config).toMatchObject({
			PORT: 3000,
			REDIS_URL: 'redis://127.0.0.1:6379',
			usesEmbeddedDatabase: true,
			runWorkers: true,
			devMailbox: true,
			MAX_APPLICANTS_PER_ACCOUNT: 5
		});
	});

	it('names every wrong variable', () => {
		const problems = problemsOf({
			PORT: 'eighty',
			DATABASE_URL: 'mysql://db/lancar',
			REDIS_URL: 'localhost:6379',
			MAX_APPLICANTS_PER_ACCOUNT: '0'
		});
		expect(problems.map((problem) => problem.split(':')[0])).toEqual([
			'PORT',
			'DATABASE_URL',
			'REDIS_URL',
			'MAX_APPLICANTS_PER_ACCOUNT'
		]);
	});

	it('refuses the dev mailbox in production and turns it off there by default', () => {
		expect(problemsOf({ NODE_ENV: 'production', DEV_MAILBOX: 'true' })[0]).toMatch(/^DEV_MAILBOX/);
		expect(
			parseConfig({
				NODE_ENV: 'production',
				SMTP_URL: 'smtp://mail:25',
				ADMISSION_TOKEN_SECRET: 'x'.repeat(32),
				PAYMENT_WEBHOOK_SECRET: 'y'.repeat(32),
				RECEIPT_KEY_SECRET: 'z'.repeat(32),
				...VAPID
			}).devMailbox
		).toBe(false);
	});

	it('lets PostgreSQL deployments run workers apart, but never the embedded database', () => {
		expect(
			parseConfig({ DATABASE_URL: 'postgres://db/lancar', RUN_WORKERS: 'false' }).runWorkers
		).toBe(false);
		expect(parseConfig({ RUN_WORKERS: 'false' }).runWorkers).toBe(true);
	});

	it('has booking and waiting-room defaults, and needs an admission secret in production', () => {
		expect(parseConfig({})).toMatchObject({
			HOLD_MINUTES: 120,
			WAITING_ROOM_GRACE_MINUTES: 15,
			ADMISSION_TOKEN_SECONDS: 600
		});
		expect(problemsOf({ NODE_ENV: 'production' })[0]).toMatch(/^ADMISSION_TOKEN_SECRET/);
		expect(problemsOf({ ADMISSION_TOKEN_SECRET: 'short' })[0]).toMatch(/^ADMISSION_TOKEN_SECRET/);
		expect(problemsOf({ HOLD_MINUTES: '0' })[0]).toMatch(/^HOLD_MINUTES/);
	});

	it('pays in the sandbox bank with a dev webhook secret only outside production', () => {
		const development = parseConfig({});
		expect(development.sandboxBank).toBe(true);
		expect(development.paymentWebhookSecret.length).toBeGreaterThanOrEqual(32);
		expect(development.PAYMENT_WEBHOOK_WINDOW_SECONDS).toBe(300);
		const production = {
			NODE_ENV: 'production',
			ADMISSION_TOKEN_SECRET: 'x'.repeat(32),
			RECEIPT_KEY_SECRET: 'z'.repeat(32),
			...VAPID
		};
		expect(problemsOf(production)[0]).toMatch(/^PAYMENT_WEBHOOK_SECRET/);
		const secured = parseConfig({ ...production, PAYMENT_WEBHOOK_SECRET: 'y'.repeat(32) });
		expect(secured.sandboxBank).toBe(false);
		expect(secured.paymentWebhookSecret).toBe('y'.repeat(32));
		expect(
			parseConfig({ ...production, PAYMENT_WEBHOOK_SECRET: 'y'.repeat(32), SANDBOX_BANK: 'true' })
				.sandboxBank
		).toBe(true);
		expect(problemsOf({ PAYMENT_WEBHOOK_SECRET: 'short' })[0]).toMatch(/^PAYMENT_WEBHOOK_SECRET/);
	});

	it('seals receipt keys with a dev secret only outside production', () => {
		expect(parseConfig({}).receiptKeySecret.length).toBeGreaterThanOrEqual(32);
		const production = {
			NODE_ENV: 'production',
			ADMISSION_TOKEN_SECRET: 'x'.repeat(32),
			PAYMENT_WEBHOOK_SECRET: 'y'.repeat(32),
			...VAPID
		};
		expect(problemsOf(production)[0]).toMatch(/^RECEIPT_KEY_SECRET/);
		expect(
			parseConfig({ ...production, RECEIPT_KEY_SECRET: 'z'.repeat(32) }).receiptKeySecret
		).toBe('z'.repeat(32));
		expect(problemsOf({ RECEIPT_KEY_SECRET: 'short' })[0]).toMatch(/^RECEIPT_KEY_SECRET/);
	});

	it('treats empty variables as unset', () => {
		expect(parseConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({
			usesEmbeddedDatabase: true,
			PORT: 3000
		});
	});

	it('has upload limits and local document storage by default', () => {
		expect(parseConfig({})).toMatchObject({
			UPLOAD_DIR: './data/uploads',
			MAX_UPLOAD_BYTES: 10 * 1024 * 1024,
			MAX_UPLOAD_PIXELS: 40_000_000,
			DOCUMENT_STORAGE: 'local'
		});
		expect(problemsOf({ MAX_UPLOAD_BYTES: 'ten' })[0]).toMatch(/^MAX_UPLOAD_BYTES/);
		expect(problemsOf({ DOCUMENT_STORAGE: 'ftp' })[0]).toMatch(/^DOCUMENT_STORAGE/);
	});

	it('needs the bucket and its keys for S3 document storage', () => {
		expect(problemsOf({ DOCUMENT_STORAGE: 's3', S3_BUCKET: 'lancar' })).toEqual([
			'S3_ENDPOINT: required when DOCUMENT_STORAGE=s3',
			'S3_ACCESS_KEY_ID: required when DOCUMENT_STORAGE=s3',
			'S3_SECRET_ACCESS_KEY: required when DOCUMENT_STORAGE=s3'
		]);
		expect(
			parseConfig({
				DOCUMENT_STORAGE: 's3',
				S3_ENDPOINT: 'https://s3.example.id',
				S3_BUCKET: 'lancar',
				S3_ACCESS_KEY_ID: 'id',
				S3_SECRET_ACCESS_KEY: 'secret'
			}).S3_FORCE_PATH_STYLE
		).toBe(true);
	});

	it('needs a VAPID pair in production, both halves or neither, and a mailto: or https: subject', () => {
		const production = {
			NODE_ENV: 'production',
			ADMISSION_TOKEN_SECRET: 'x'.repeat(32),
			PAYMENT_WEBHOOK_SECRET: 'y'.repeat(32),
			RECEIPT_KEY_SECRET: 'z'.repeat(32)
		};
		expect(problemsOf(production)[0]).toMatch(/^VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: required/);
		expect(parseConfig({ ...production, ...VAPID }).VAPID_SUBJECT).toMatch(/^mailto:/);
		expect(problemsOf({ VAPID_PUBLIC_KEY: VAPID.VAPID_PUBLIC_KEY })[0]).toMatch(/set both/);
		expect(problemsOf({ ...VAPID, VAPID_PRIVATE_KEY: 'short' })[0]).toMatch(/^VAPID_PRIVATE_KEY/);
		expect(problemsOf({ VAPID_SUBJECT: 'http://lancar.example' })[0]).toMatch(/^VAPID_SUBJECT/);
		expect(parseConfig({ VAPID_SUBJECT: 'https://lancar.example/kontak' }).VAPID_SUBJECT).toBe(
			'https://lancar.example/kontak'
		);
	});
});
