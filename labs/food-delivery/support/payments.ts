// The grader's payment service. It dedupes charges by Idempotency-Key, as real providers do, and
// it can fail an attempt before charging (a status or a reset) or after charging (the answer is
// lost on a reset), so the grader can judge "charged exactly once" from its own record.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What one attempt gets: a charge, a failure before charging, or a charge whose answer is lost. */
export type PaymentStep =
	'charge' | 'reset-before' | 'reset-after' | { status: number } | { delayMs: number };

export interface Attempt {
	key: string | undefined;
	amountCents: unknown;
	at: number;
}

export interface Payments {
	url: string;
	/** Every POST /charges received, oldest first. */
	attempts: Attempt[];
	/** Charges made, by the key they were made under (`(none)` for attempts without one). */
	charges: Map<string, { chargeId: string; amountCents: number }[]>;
	/** How attempt k (0-based) for a key is treated; the default charges at once. */
	plan: (key: string, attempt: number) => PaymentStep;
	close(): Promise<void>;
}

export async function startPayments(): Promise<Payments> {
	const sockets = new Set<Socket>();
	const timers = new Set<ReturnType<typeof setTimeout>>();
	let made = 0;
	const payments: Payments = {
		url: '',
		attempts: [],
		charges: new Map(),
		plan: () => 'charge',
		close: async () => {},
	};

	const charge = (key: string | undefined, amountCents: number) => {
		const list = payments.charges.get(key ?? '(none)') ?? [];
		// A known key gets its first charge back: that is what makes a retry safe.
		if (key !== undefined && list[0]) return list[0];
		made++;
		const charged = {
			chargeId: `ch_${made}${Math.random().toString(36).slice(2, 8)}`,
			amountCents,
		};
		payments.charges.set(key ?? '(none)', [...list, charged]);
		return charged;
	};

	const answer = (req: IncomingMessage, res: ServerResponse, text: string) => {
		const raw = req.headers['idempotency-key'];
		const key = Array.isArray(raw) ? raw[0] : raw;
		let body: { amountCents?: unknown } = {};
		try {
			body = JSON.parse(text) as { amountCents?: unknown };
		} catch {
			// Recorded as it came; the check says what was wrong with it.
		}
		if (req.method !== 'POST' || req.url !== '/charges') {
			res.writeHead(404, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: 'Only POST /charges exists here' }));
			return;
		}
		const amountCents = body?.amountCents;
		const index = payments.attempts.filter((attempt) => attempt.key === key).length;
		payments.attempts.push({ key, amountCents, at: Date.now() });
		if (!Number.isInteger(amountCents) || (amountCents as number) < 1) {
			res.writeHead(400, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: 'amountCents must be a whole number of cents, at least 1' }));
			return;
		}
		const step = payments.plan(key ?? '', index);
		const reset = () => {
			if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
			else req.socket.destroy();
		};
		if (step === 'reset-before') return reset();
		if (typeof step === 'object' && 'status' in step) {
			res.writeHead(step.status, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: `payments failed on purpose (${step.status})` }));
			return;
		}
		const charged = charge(key, amountCents as number);
		if (step === 'reset-after') return reset();
		const send = () => {
			if (res.destroyed) return;
			res.writeHead(201, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(charged));
		};
		if (typeof step === 'object') {
			const timer = setTimeout(() => {
				timers.delete(timer);
				send();
			}, step.delayMs);
			timers.add(timer);
		} else send();
	};

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	payments.url = `http://127.0.0.1:${port}`;
	payments.close = () =>
		new Promise<void>((resolve) => {
			for (const timer of timers) clearTimeout(timer);
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		});
	return payments;
}

/** All charges made, under any key. */
export function allCharges(payments: Payments): number {
	let total = 0;
	for (const list of payments.charges.values()) total += list.length;
	return total;
}
