import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';

export interface Started {
	name: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

/** Starts a process and resolves when `ready` says so; its stderr goes to ours. */
export async function startProcess(
	name: string,
	args: string[],
	env: Record<string, string>,
	ready: () => Promise<boolean>,
	timeoutMs = 60_000
): Promise<Started> {
	// BENCH_LOG_DIR keeps each process's log (for a closer look at a slow run).
	const logDir = process.env.BENCH_LOG_DIR;
	const output = logDir ? openSync(`${logDir}/${name}.log`, 'w') : 'ignore';
	const child = spawn(process.execPath, args, {
		env: { ...process.env, ...env },
		stdio: ['ignore', output, 'inherit']
	});
	let exited = false;
	child.once('exit', () => (exited = true));
	const deadline = Date.now() + timeoutMs;
	while (!(await ready().catch(() => false))) {
		if (exited) throw new Error(`${name} exited during start`);
		if (Date.now() > deadline) throw new Error(`${name} did not become ready`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		name,
		child,
		async stop() {
			if (exited) return;
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await new Promise((resolve) => child.once('exit', resolve));
			clearTimeout(killer);
		}
	};
}

export async function answers(url: string): Promise<boolean> {
	try {
		const response = await fetch(url);
		return response.status < 500;
	} catch {
		return false;
	}
}
