// Progress while a batch runs: a bar redrawn in place on a terminal, one plain line per finished
// submission elsewhere (a CI log or a file), where redrawing would only add noise.
import type { PairResult } from './result.ts';
import { checksPassed } from './result.ts';

const BAR_WIDTH = 24;

export interface Progress {
	finished(result: PairResult): void;
	/** Clears the bar so the summary starts on a clean line. */
	done(): void;
}

export function batchProgress(
	total: number,
	write: (text: string) => void,
	tty: boolean,
): Progress {
	let count = 0;
	let failed = 0;
	const bar = () => {
		const filled = total === 0 ? BAR_WIDTH : Math.round((count / total) * BAR_WIDTH);
		const note = failed > 0 ? `, ${failed} failed` : '';
		write(
			`\r\x1b[2K[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${count}/${total}${note}`,
		);
	};
	if (tty) bar();
	return {
		finished(result) {
			count++;
			if (!result.passed) failed++;
			if (tty) return bar();
			const mark = result.passed ? '✓' : '✗';
			const seconds = (result.durationMs / 1000).toFixed(1);
			write(
				`[${count}/${total}] ${mark} ${result.learner}/${result.lab}: ` +
					`${checksPassed(result)}/${result.checks.length} checks (${seconds} s)\n`,
			);
		},
		done() {
			if (tty) write('\r\x1b[2K');
		},
	};
}
