import pino from 'pino';
import { config } from './config';

let instance: pino.Logger | undefined;

export function logger(): pino.Logger {
	if (!instance) {
		const { NODE_ENV, LOG_LEVEL } = config();
		const pretty = NODE_ENV === 'development' && process.stdout.isTTY;
		instance = pino({
			level: LOG_LEVEL,
			redact: ['password', '*.password', 'code', '*.code', 'token', '*.token'],
			...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true } } } : {})
		});
	}
	return instance;
}
