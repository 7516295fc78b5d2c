import type { ReceiptVerdict } from './verify';

type FailedVerdict = Extract<ReceiptVerdict, { valid: false }>;

/**
 * The message key (`err_<key>`) for a receipt whose signature check failed. The office device
 * and the server both refuse with these, so an offline refusal reads the same as the server's.
 */
export const RECEIPT_SIGNATURE_REFUSALS: Record<FailedVerdict['reason'], string> = {
	malformed: 'checkin_receipt_malformed',
	bad_signature: 'checkin_receipt_forged',
	unknown_key: 'checkin_receipt_unknown_key',
	expired: 'checkin_receipt_expired'
};

/** A genuine receipt the server no longer honours: a reschedule replaced it with a new one. */
export const RECEIPT_SUPERSEDED = 'checkin_receipt_superseded';
/** Signed by our key yet never stored: treated as forged, but named apart for the log. */
export const RECEIPT_UNKNOWN = 'checkin_receipt_unknown';
