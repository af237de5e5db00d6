import type { BackendState, RuntimeCommand } from '../../../shared/protocol.ts';
import { h } from '../dom.ts';

// For labs with backends: how many requests each backend has received (a bar each), each
// backend's state over the last half minute (a strip of samples), and buttons that stop, start or
// slow a backend while the learner's program runs. "Send traffic" keeps a steady trickle of
// requests going so the bars move without typing.

const samples = 120;
const trafficEveryMs = 250;

interface Row {
	element: HTMLElement;
	bar: HTMLElement;
	count: HTMLElement;
	state: HTMLElement;
	strip: HTMLElement;
	power: HTMLButtonElement;
	speed: HTMLButtonElement;
	current?: BackendState;
}

export interface LiveView {
	element: HTMLElement;
	start(backends: BackendState[]): void;
	update(backends: BackendState[]): void;
	stop(): void;
}

export function createLiveView(
	send: (command: RuntimeCommand) => Promise<unknown>,
	traffic: () => void,
): LiveView {
	const rows: Row[] = [];
	const list = h('ul', { class: 'lab-backends' });
	const empty = h('p', {}, 'Press Run: the backends your program forwards to appear here.');
	const trafficButton = h(
		'button',
		{ type: 'button', class: 'lab-button', 'aria-pressed': 'false' },
		'Send traffic',
	);
	let timer: ReturnType<typeof setInterval> | undefined;
	const setTraffic = (on: boolean) => {
		clearInterval(timer);
		timer = on ? setInterval(traffic, trafficEveryMs) : undefined;
		trafficButton.setAttribute('aria-pressed', String(on));
	};
	trafficButton.addEventListener('click', () => setTraffic(timer === undefined));

	const row = (backend: BackendState): Row => {
		const name = backend.name;
		const power = h('button', { type: 'button', class: 'lab-button is-small' }, `Stop ${name}`);
		const speed = h('button', { type: 'button', class: 'lab-button is-small' }, `Slow ${name}`);
		const made: Row = {
			bar: h('span', { class: 'lab-bar-fill' }),
			count: h('span', { class: 'lab-bar-count' }),
			state: h('span', { class: 'lab-backend-state' }),
			strip: h('span', {
				class: 'lab-strip',
				role: 'img',
				'aria-label': `${name} over the last 30 s`,
			}),
			power,
			speed,
			element: h('li'),
		};
		made.element.append(
			h('span', { class: 'lab-backend-name' }, name),
			made.state,
			h('span', { class: 'lab-bar' }, made.bar),
			made.count,
			made.strip,
			h('span', { class: 'lab-backend-actions' }, power, speed),
		);
		power.addEventListener('click', () => {
			const down = made.current?.state === 'down';
			void send({ type: 'backend', index: backend.index, action: down ? 'start' : 'stop' });
		});
		speed.addEventListener('click', () => {
			const slow = made.current?.state === 'slow';
			void send({ type: 'backend', index: backend.index, action: slow ? 'normal' : 'slow' });
		});
		return made;
	};

	const update = (backends: BackendState[]) => {
		const most = Math.max(1, ...backends.map((backend) => backend.requests));
		for (const backend of backends) {
			const target = rows[backend.index];
			if (!target) continue;
			target.current = backend;
			target.bar.style.inlineSize = `${(backend.requests / most) * 100}%`;
			const checks = backend.healthChecks > 0 ? `, ${backend.healthChecks} health checks` : '';
			target.count.textContent = `${backend.requests} requests${checks}`;
			target.state.textContent = backend.state;
			target.state.className = `lab-backend-state is-${backend.state}`;
			target.power.textContent = `${backend.state === 'down' ? 'Start' : 'Stop'} ${backend.name}`;
			target.speed.textContent = `${backend.state === 'slow' ? 'Normal speed for' : 'Slow'} ${backend.name}`;
			target.strip.append(h('span', { class: `is-${backend.state}` }));
			while (target.strip.childElementCount > samples) target.strip.firstElementChild?.remove();
		}
	};

	return {
		element: h(
			'div',
			{ class: 'lab-live' },
			empty,
			list,
			h('div', { class: 'lab-live-actions' }, trafficButton),
		),
		start(backends) {
			rows.length = 0;
			for (const backend of backends) rows[backend.index] = row(backend);
			list.replaceChildren(...rows.map((r) => r.element));
			empty.hidden = backends.length > 0;
			update(backends);
		},
		update,
		stop() {
			setTraffic(false);
		},
	};
}
