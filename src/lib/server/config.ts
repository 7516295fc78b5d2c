import { z } from 'zod';

const booleanFromEnv = z
	.enum(['true', 'false', '1', '0', 'yes', 'no'])
	.transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	ORIGIN: z.url().optional(),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
		.optional(),
	PGLITE_DIR: z.string().min(1).default('./data/pglite'),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
		.default('redis://127.0.0.1:6379'),
	REDIS_PREFIX: z
		.string()
		.regex(/^[a-zA-Z0-9:_{}-]+$/, 'only letters, digits and : _ - { }')
		.default('lancar'),
	REDIS_AUTOSTART: booleanFromEnv.default(true),
	RUN_WORKERS: booleanFromEnv.optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
		.optional(),
	MAIL_FROM: z.string().min(3).default('Lancar <no-reply@lancar.local>'),
	DEV_MAILBOX: booleanFromEnv.optional(),
	MAX_APPLICANTS_PER_ACCOUNT: z.coerce.number().int().min(1).max(20).default(5),
	SESSION_IDLE_DAYS: z.coerce.number().positive().default(7),
	SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().default(30),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	UPLOAD_DIR: z.string().min(1).default('./data/uploads'),
	MAX_UPLOAD_BYTES: z.coerce
		.number()
		.int()
		.min(1024)
		.max(1024 * 1024 * 1024)
		.default(10 * 1024 * 1024),
	MAX_UPLOAD_PIXELS: z.coerce.number().int().min(10_000).default(40_000_000),
	UPLOAD_EXPIRY_DAYS: z.coerce.number().positive().default(7),
	DOCUMENT_STORAGE: z.enum(['local', 's3']).default('local'),
	S3_ENDPOINT: z.url().optional(),
	S3_REGION: z.string().min(1).default('us-east-1'),
	S3_BUCKET: z.string().min(3).optional(),
	S3_ACCESS_KEY_ID: z.string().min(1).optional(),
	S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
	S3_FORCE_PATH_STYLE: booleanFromEnv.default(true),
	/** Minutes a booking is held for payment before it expires and the slot returns. */
	HOLD_MINUTES: z.coerce
		.number()
		.positive()
		.max(24 * 60)
		.default(120),
	/** Seconds between sweeps that release expired holds whose delayed job went missing. */
	HOLD_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
	/** How long before a quota release opens its subscribers get the "opening soon" notice. */
	NOTIFY_OPENING_LEAD_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
	/** Minutes a place in a waiting room is kept for someone who stopped checking in. */
	WAITING_ROOM_GRACE_MINUTES: z.coerce
		.number()
		.positive()
		.max(24 * 60)
		.default(15),
	/** Admissions per second of a room until an admin sets its own rate. */
	ADMISSION_RATE_PER_SEC: z.coerce.number().positive().max(10_000).default(20),
	/** HMAC key for admission tokens; shared by every web process. Required in production. */
	ADMISSION_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
	/** How long an admitted person has to make a booking attempt with their token. */
	ADMISSION_TOKEN_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
	/** Seconds an admission holds its seats until the person's browser has seen it. */
	ADMISSION_PICKUP_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
	/** Milliseconds between admission ticks of every open room. */
	WAITING_ROOM_TICK_MS: z.coerce.number().int().min(20).max(5_000).default(200),
	/** Status answers per second one room may draw from polling browsers (sets poll intervals). */
	WAITING_ROOM_STATUS_BUDGET: z.coerce.number().positive().default(400),
	/** Joins per minute from one IP address (phones share carrier NAT addresses, so generous). */
	WAITING_ROOM_JOINS_PER_IP_MINUTE: z.coerce.number().int().positive().default(600),
	/** Joins per minute from one account. */
	WAITING_ROOM_JOINS_PER_ACCOUNT_MINUTE: z.coerce.number().int().positive().default(30),
	/**
	 * Booking attempts one worker process takes from an office queue at once; those waiting
	 * while a batch is decided are decided together in the next (one transaction).
	 */
	BOOKING_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(2_000).default(512),
	/** Batches of one office queue a worker process decides at once (each its own transaction). */
	BOOKING_BATCHES_IN_FLIGHT: z.coerce.number().int().min(1).max(8).default(2),
	/** Milliseconds before BullMQ hands the job of a vanished worker to another one. */
	BOOKING_STALLED_MS: z.coerce.number().int().min(1_000).default(30_000),
	/** HMAC key the payment provider signs webhooks with. Required in production. */
	PAYMENT_WEBHOOK_SECRET: z.string().min(32, 'at least 32 characters').optional(),
	/** Seconds a signed webhook timestamp may differ from our clock (replay window). */
	PAYMENT_WEBHOOK_WINDOW_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
	/** The sandbox bank page and its bill lookup; on outside production unless set. */
	SANDBOX_BANK: booleanFromEnv.optional(),
	/** Where `npm run sandbox:pay` sends its webhook; defaults to ORIGIN, else localhost:PORT. */
	SANDBOX_BANK_BASE_URL: z.url().optional(),
	/** Port of the standalone worker's /healthz, /readyz and /metrics listener; off when unset. */
	WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
	/** Web Push (VAPID) key pair, base64url as `npm run vapid-keys` prints. Required in production. */
	VAPID_PUBLIC_KEY: z
		.string()
		.regex(/^[A-Za-z0-9_-]{87}$/, 'a base64url P-256 public key (87 characters)')
		.optional(),
	VAPID_PRIVATE_KEY: z
		.string()
		.regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url P-256 private key (43 characters)')
		.optional(),
	/** Who runs this sender, for push services to contact: a mailto: or https: URL. */
	VAPID_SUBJECT: z
		.string()
		.regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'a mailto: or https: URL')
		.default('mailto:admin@lancar.local'),
	/** Bearer token that unlocks /metrics; without it /metrics answers 404. */
	METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
	/** Seals the receipt signing keys stored in PostgreSQL. Required in production. */
	RECEIPT_KEY_SECRET: z.string().min(32, 'at least 32 characters').optional()
});

/** Used outside production only, so a fresh checkout can pay in the sandbox bank at once. */
export const DEV_PAYMENT_WEBHOOK_SECRET = 'lancar-dev-payment-webhook-secret-not-for-production';
export const DEV_RECEIPT_KEY_SECRET = 'lancar-dev-receipt-key-secret-not-for-production';

export type Config = z.infer<typeof configSchema> & {
	devMailbox: boolean;
	paymentWebhookSecret: string;
	receiptKeySecret: string;
	sandboxBank: boolean;
	runWorkers: boolean;
	usesEmbeddedDatabase: boolean;
};

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

/** Parses environment variables; throws a ConfigError that names every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const result = configSchema.safeParse(cleaned);
	if (!result.success) {
		throw new ConfigError(
			result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
		);
	}
	const parsed = result.data;
	const production = parsed.NODE_ENV === 'production';
	if (production && parsed.DEV_MAILBOX === true) {
		throw new ConfigError(['DEV_MAILBOX: the dev mailbox cannot be enabled in production']);
	}
	if (production && !parsed.ADMISSION_TOKEN_SECRET) {
		throw new ConfigError([
			'ADMISSION_TOKEN_SECRET: required in production (a random string of 32+ characters)'
		]);
	}
	if (production && !parsed.PAYMENT_WEBHOOK_SECRET) {
		throw new ConfigError([
			'PAYMENT_WEBHOOK_SECRET: required in production (the key agreed with the payment provider)'
		]);
	}
	if (production && !parsed.RECEIPT_KEY_SECRET) {
		throw new ConfigError([
			'RECEIPT_KEY_SECRET: required in production (a random string of 32+ characters; keep it with the database backups, but not in them)'
		]);
	}
	if (production && (!parsed.VAPID_PUBLIC_KEY || !parsed.VAPID_PRIVATE_KEY)) {
		throw new ConfigError([
			'VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: required in production (`npm run vapid-keys` prints a pair)'
		]);
	}
	if (!parsed.VAPID_PUBLIC_KEY !== !parsed.VAPID_PRIVATE_KEY) {
		throw new ConfigError(['VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both or neither']);
	}
	if (parsed.SESSION_ABSOLUTE_DAYS < parsed.SESSION_IDLE_DAYS) {
		throw new ConfigError(['SESSION_ABSOLUTE_DAYS: must not be shorter than SESSION_IDLE_DAYS']);
	}
	if (parsed.DOCUMENT_STORAGE === 's3') {
		const missing = (
			['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
		).filter((name) => !parsed[name]);
		if (missing.length) {
			throw new ConfigError(missing.map((name) => `${name}: required when DOCUMENT_STORAGE=s3`));
		}
	}
	const usesEmbeddedDatabase = !parsed.DATABASE_URL;
	return {
		...parsed,
		devMailbox: parsed.DEV_MAILBOX ?? (!production && !parsed.SMTP_URL),
		paymentWebhookSecret: parsed.PAYMENT_WEBHOOK_SECRET ?? DEV_PAYMENT_WEBHOOK_SECRET,
		receiptKeySecret: parsed.RECEIPT_KEY_SECRET ?? DEV_RECEIPT_KEY_SECRET,
		sandboxBank: parsed.SANDBOX_BANK ?? !production,
		// PGlite lives inside one process, so with it the workers must share the web process.
		runWorkers: usesEmbeddedDatabase ? true : (parsed.RUN_WORKERS ?? true),
		usesEmbeddedDatabase
	};
}

let cached: Config | undefined;

export function config(): Config {
	cached ??= parseConfig(process.env);
	return cached;
}

/** For tests that start the app with a different environment in one process. */
export function resetConfigForTests(): void {
	cached = undefined;
}
