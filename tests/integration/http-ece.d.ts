// The reference implementation of RFC 8188/8291 ships no types; only what the tests use.
declare module 'http_ece' {
	import type { ECDH } from 'node:crypto';
	interface DecryptParams {
		version: 'aes128gcm';
		privateKey: ECDH;
		authSecret: Buffer;
	}
	const ece: { decrypt(buffer: Buffer, params: DecryptParams): Buffer };
	export default ece;
}
