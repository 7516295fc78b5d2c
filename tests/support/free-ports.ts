import { createServer, type Server } from 'node:net';

/**
 * Ports nobody listens on right now, distinct, as the kernel hands them out: a random pick can
 * land on a port the kernel gave some outgoing connection (Linux's ephemeral range starts at
 * 32768), and then the process under test fails with EADDRINUSE.
 */
export async function freePorts(count: number): Promise<number[]> {
	const probes = await Promise.all(
		Array.from(
			{ length: count },
			() =>
				new Promise<Server>((resolve, reject) => {
					const probe = createServer();
					probe.once('error', reject);
					probe.listen(0, '127.0.0.1', () => resolve(probe));
				})
		)
	);
	const ports = probes.map((probe) => (probe.address() as { port: number }).port);
	await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
	return ports;
}
