import type { FileReader } from 'tus-js-client';

/**
 * tus-js-client's Node build reads Buffers and streams, not Blobs; browsers read Blobs natively.
 * This reader lets the browser code upload its stored Blobs from Node in tests.
 */
export const blobFileReader: FileReader = {
	async openFile(input: Blob) {
		return {
			size: input.size,
			async slice(start: number, end: number) {
				const bytes = Buffer.from(await input.slice(start, end).arrayBuffer());
				// tus-js-client measures a chunk by its `size`, as its own Buffer source does.
				const value = Object.assign(bytes, { size: bytes.length });
				return { value, done: end >= input.size };
			},
			close() {}
		};
	}
};
