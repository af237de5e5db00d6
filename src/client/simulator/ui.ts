import {
	algorithms,
	createBalancer,
	healthyAfter,
	runHealthChecks,
	send,
	setUp,
	type Algorithm,
	type Balancer,
	type RequestEvent,
} from './balancer.ts';

// Wires each <BalancerSimulator> to its balancer: the buttons change the state, the server cards
// show it, and the log (an ARIA log, so screen readers hear new lines) says what happened and why.

const logLimit = 30;

function mount(root: HTMLElement): void {
	const names = (root.dataset['servers'] ?? 'A B C').split(' ');
	let balancer: Balancer = createBalancer(names);
	let last: string | undefined;
	const log = root.querySelector<HTMLOListElement>('[data-sim-log]');
	const client = root.querySelector<HTMLSelectElement>('[data-sim-client]');

	const write = (text: string) => {
		if (!log) return;
		const item = document.createElement('li');
		item.textContent = text;
		log.append(item);
		while (log.children.length > logLimit) log.firstElementChild?.remove();
		const box = log.parentElement;
		if (box) box.scrollTop = box.scrollHeight;
	};

	const render = () => {
		for (const server of balancer.servers) {
			const card = root.querySelector<HTMLElement>(`[data-sim-server="${server.name}"]`);
			if (!card) continue;
			const rotation = server.healthy ? 'in rotation' : 'out of rotation';
			const plural = server.failures === 1 ? '' : 's';
			let failures = server.failures > 0 ? `, ${server.failures} failed check${plural}` : '';
			// A server on its way back shows how many of the passes it needs it has so far.
			if (!server.healthy && server.passes > 0)
				failures = `, ${server.passes} of ${healthyAfter} passed checks`;
			const state = card.querySelector('[data-sim-state]');
			if (state) state.textContent = `${server.up ? 'Up' : 'Down'}, ${rotation}${failures}`;
			const load = card.querySelector('[data-sim-load]');
			if (load) load.textContent = `${server.open.length} open, ${server.served} served`;
			const toggle = card.querySelector('[data-sim-toggle]');
			if (toggle) toggle.textContent = `${server.up ? 'Stop' : 'Start'} server ${server.name}`;
			card.toggleAttribute('data-down', !server.up);
			card.toggleAttribute('data-last', server.name === last);
		}
	};

	const describe = (event: RequestEvent) => {
		const where = event.server ? ` went to server ${event.server}` : ' reached no server';
		return `Request ${event.number} from ${event.ip}${where}: ${event.status} (${event.why}).`;
	};

	root.addEventListener('change', (event) => {
		const input = event.target as HTMLInputElement;
		if (input.type !== 'radio') return;
		balancer.algorithm = input.value as Algorithm;
		write(`Algorithm is now ${algorithms[balancer.algorithm].toLowerCase()}.`);
	});

	root.addEventListener('click', (event) => {
		const button = (event.target as HTMLElement).closest('button');
		if (!button) return;
		if (button.dataset['simSend']) {
			const request = send(
				balancer,
				client?.value ?? '203.0.113.5',
				Number(button.dataset['simSend']),
			);
			last = request.server;
			write(describe(request));
		} else if (button.dataset['simToggle']) {
			const server = balancer.servers.find((s) => s.name === button.dataset['simToggle']);
			if (!server) return;
			setUp(balancer, server.name, !server.up);
			write(
				`Server ${server.name} ${server.up ? 'started' : 'stopped'}. The balancer does not know yet.`,
			);
		} else if (button.hasAttribute('data-sim-checks')) {
			const results = runHealthChecks(balancer).map((check) => {
				const verdict = check.passed ? 'passed' : 'failed';
				const change = check.changed
					? check.healthy
						? ', back in rotation'
						: ', taken out of rotation'
					: '';
				return `${check.server} ${verdict}${change}`;
			});
			write(`Health checks: ${results.join('; ')}.`);
		} else if (button.hasAttribute('data-sim-reset')) {
			balancer = createBalancer(names, balancer.algorithm);
			last = undefined;
			log?.replaceChildren();
			write('Started over: every server is up and in rotation.');
		}
		render();
	});
	render();
}

for (const root of document.querySelectorAll<HTMLElement>('[data-balancer-simulator]')) mount(root);
