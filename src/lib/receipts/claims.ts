import { z } from 'zod';

/**
 * What a receipt QR ("Bukti Pembayaran") says, in short claim names so the signed token fits a
 * QR code at error correction M comfortably (about 450 characters, QR version 13–15):
 * - `app` application number, `nm` applicant name, `of` office code;
 * - `dt` appointment date and `sl` slot ("HH:MM-HH:MM"), both in the office's own zone;
 * - `jti` the receipt's id (the server revokes it when a reschedule replaces it);
 * - `iat`/`exp` as in JWT: `exp` is the end of the appointment day in the office's zone.
 */
export const receiptClaimsSchema = z.object({
	v: z.literal(1),
	jti: z.string().min(8).max(40),
	app: z.string().min(1).max(40),
	nm: z.string().min(1).max(120),
	of: z.string().min(1).max(20),
	dt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
	sl: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/),
	iat: z.number().int(),
	exp: z.number().int()
});

export type ReceiptClaims = z.infer<typeof receiptClaimsSchema>;

/** The algorithm every receipt key uses (ECDSA P-256 with SHA-256). */
export const RECEIPT_ALGORITHM = 'ES256';
