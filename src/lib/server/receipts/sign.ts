import { SignJWT } from 'jose';
import { RECEIPT_ALGORITHM, type ReceiptClaims } from '../../receipts/claims';

/** Signs receipt claims as a compact JWS (ES256) whose header names the key. */
export function signReceipt(
	claims: ReceiptClaims,
	key: { kid: string; privateKey: CryptoKey }
): Promise<string> {
	const { iat, exp, ...rest } = claims;
	return new SignJWT(rest)
		.setProtectedHeader({ alg: RECEIPT_ALGORITHM, kid: key.kid })
		.setIssuedAt(iat)
		.setExpirationTime(exp)
		.sign(key.privateKey);
}
