import type { RuntimeCommand, RuntimeEvent } from '../../../shared/protocol.ts';
import type { CurlRequest } from '../curl-parse.ts';
import { h, uid } from '../dom.ts';

// A small network panel: compose one request, send it to the running program through the runtime,
// and read the answer as it came back (status, headers, body, time). Newest exchanges come first.

type Response = Extract<RuntimeEvent, { type: 'response' }>;
type Failure = Extract<RuntimeEvent, { type: 'request-error' }>;

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export interface RequestConsole {
	element: HTMLElement;
	/** Handles a response or failure if it answers one of this console's requests. */
	handle(event: Response | Failure): boolean;
	/** Puts a request in the form (a failed check's, from "Try this request") and focuses Send. */
	fill(request: CurlRequest): void;
	/** Says what the requests go to (a replayed check and its backends); undefined clears it. */
	note(text: string | undefined): void;
}

/** Reads `Name: value` lines into headers; blank and malformed lines are skipped. */
export function parseHeaders(text: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function prettyBody(body: string, contentType: string | undefined): string {
	if (!contentType?.includes('json')) return body;
	try {
		return JSON.stringify(JSON.parse(body), null, 2);
	} catch {
		return body;
	}
}

export function createRequestConsole(
	/** Sends through the page's runtime; false when there is none to send it to. */
	send: (command: Extract<RuntimeCommand, { type: 'request' }>) => Promise<boolean>,
	defaults: { path: string; headers: string },
): RequestConsole {
	const field = (label: string, control: HTMLElement) => {
		control.id = uid('lab-req');
		return h('div', { class: 'lab-field' }, h('label', { for: control.id }, label), control);
	};
	const method = h('select', {}, ...methods.map((name) => h('option', { value: name }, name)));
	const path = h('input', {
		type: 'text',
		value: defaults.path,
		spellcheck: 'false',
		autocomplete: 'off',
	});
	const headers = h('textarea', {
		rows: 2,
		spellcheck: 'false',
		placeholder: 'Content-Type: application/json',
	});
	headers.value = defaults.headers;
	const body = h('textarea', { rows: 3, spellcheck: 'false' });
	const history = h('div', { class: 'lab-exchanges', 'aria-live': 'polite' });
	const target = h('p', { class: 'lab-request-target', role: 'status', hidden: true });
	const pending = new Map<string, HTMLDetailsElement>();

	const form = h(
		'form',
		{ class: 'lab-request-form' },
		h('div', { class: 'lab-request-line' }, field('Method', method), field('Path', path)),
		field('Headers (one "Name: value" per line)', headers),
		field('Body', body),
		h('button', { type: 'submit', class: 'lab-button' }, 'Send request'),
	);
	const sendButton = form.querySelector('button');
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const id = uid('req');
		const summary = h('summary', {}, `${method.value} ${path.value} … waiting`);
		const exchange = h('details', { class: 'lab-exchange', open: true }, summary);
		for (const old of history.querySelectorAll('details[open]')) old.removeAttribute('open');
		history.prepend(exchange);
		pending.set(id, exchange);
		const command = {
			type: 'request' as const,
			id,
			method: method.value,
			path: path.value || '/',
			headers: parseHeaders(headers.value),
			...(body.value && method.value !== 'GET' && method.value !== 'HEAD'
				? { body: body.value }
				: {}),
		};
		const fail = (why: string) => {
			summary.textContent = `${command.method} ${command.path}: ${why}`;
			pending.delete(id);
		};
		send(command).then(
			(sent) => sent || fail('not sent, no runtime runs this lab'),
			(error: unknown) => fail(`not sent (${String(error)})`),
		);
	});

	return {
		element: h('div', { class: 'lab-request' }, target, form, history),
		note(text) {
			target.textContent = text ?? '';
			target.hidden = text === undefined;
		},
		fill(request) {
			if (!methods.includes(request.method))
				method.append(h('option', { value: request.method }, request.method));
			method.value = request.method;
			path.value = request.path;
			headers.value = Object.entries(request.headers)
				.map(([name, value]) => `${name}: ${value}`)
				.join('\n');
			body.value = request.body ?? '';
			sendButton?.focus();
		},
		handle(event) {
			const exchange = pending.get(event.id);
			if (!exchange) return false;
			pending.delete(event.id);
			const summary = exchange.querySelector('summary');
			const line = summary?.textContent?.replace(/ … waiting$/, '') ?? '';
			if (event.type === 'request-error') {
				if (summary) summary.textContent = `${line}: no response`;
				exchange.append(h('p', { class: 'lab-exchange-error' }, event.message));
				return true;
			}
			if (summary)
				summary.textContent = `${line} → ${event.status} · ${Math.round(event.durationMs)} ms`;
			const rows = Object.entries(event.headers).map(([name, value]) =>
				h('div', {}, h('dt', {}, name), h('dd', {}, value)),
			);
			const type = event.headers['content-type'];
			exchange.append(
				h(
					'p',
					{ class: 'lab-exchange-status' },
					`Status ${event.status}, ${Math.round(event.durationMs)} ms`,
				),
				h(
					'div',
					{ role: 'group', 'aria-label': 'Response headers' },
					h('dl', { class: 'lab-exchange-headers' }, ...rows),
				),
				h(
					'div',
					{ role: 'group', 'aria-label': 'Response body' },
					h('pre', { class: 'lab-exchange-body', tabindex: 0 }, prettyBody(event.body, type)),
				),
			);
			return true;
		},
	};
}
