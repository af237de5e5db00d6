// The progress file is the only way a learner moves progress between browsers, and an import must
// never damage what is stored; these tests feed it the files a learner might pick by mistake.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	createExport,
	mergeLabs,
	mergeProgress,
	parseExport,
} from '../../src/client/progress/transfer.ts';
import { lessonStatus, statusText } from '../../src/client/progress/status.ts';
import type { Progress } from '../../src/client/progress/types.ts';

const lesson = '/lessons/foundations/introduction/';
const progress: Progress = {
	version: 1,
	lessons: {
		[lesson]: {
			read: '2026-01-02T10:00:00.000Z',
			quizzes: { introduction: { best: 2, total: 3 } },
			reflections: { 'offline-apps': 'Mail still opens, from a copy on the phone.' },
		},
	},
};
const exported = JSON.stringify(
	createExport(progress, { 'round-robin': '2026-01-03T00:00:00.000Z' }),
);

function refusal(text: string): string {
	const result = parseExport(text);
	assert.equal(result.ok, false, `expected ${text.slice(0, 60)} to be refused`);
	return result.ok ? '' : result.error;
}

describe('importing a progress file', () => {
	test('reads back exactly what was exported', () => {
		const result = parseExport(exported);
		assert.ok(result.ok);
		assert.deepEqual(result.progress, progress);
		assert.deepEqual(result.labsPassed, { 'round-robin': '2026-01-03T00:00:00.000Z' });
	});

	test('refuses damaged and foreign files, saying the progress is unchanged', () => {
		assert.match(refusal(exported.slice(0, 80)), /damaged or not a JSON file.*unchanged/);
		assert.match(
			refusal('{"name":"my-app","version":"1.0.0"}'),
			/not a progress file exported from this course/,
		);
		assert.match(refusal('[1, 2, 3]'), /not a progress file/);
		assert.match(refusal('null'), /not a progress file/);
		assert.match(
			refusal(exported.replace('"version":1,"exportedAt"', '"version":2,"exportedAt"')),
			/newer version/,
		);
	});

	test('refuses a file whose entries are wrong even though it is well-formed JSON', () => {
		const swap = (from: string, to: string) => {
			assert.ok(exported.includes(from), from);
			return refusal(exported.replace(from, to));
		};
		assert.match(
			swap('"2026-01-02T10:00:00.000Z"', '"last Tuesday"'),
			/"read" date that is not a date/,
		);
		assert.match(swap('"best":2', '"best":5'), /impossible score/);
		assert.match(swap('"best":2', '"best":-1'), /impossible score/);
		assert.match(swap('"total":3', '"total":0'), /impossible score/);
		assert.match(swap('"Mail still', '42, "x": "Mail still'), /reflection that is not text/);
		assert.match(swap(`"${lesson}"`, '"lessons/no-slash/"'), /not a lesson address/);
		assert.match(swap('"round-robin"', '"Round Robin"'), /lab "Round Robin" is damaged/);
		assert.match(refusal('x'.repeat(2_000_001)), /far too big/);
	});

	test('adds imported progress without losing any: read stays read, better scores win', () => {
		const mine: Progress = {
			version: 1,
			lessons: {
				[lesson]: { quizzes: { introduction: { best: 3, total: 3 } } },
				'/lessons/other/': { read: '2026-02-01T00:00:00.000Z' },
			},
		};
		const merged = mergeProgress(mine, progress);
		assert.deepEqual(merged.lessons[lesson], {
			read: '2026-01-02T10:00:00.000Z',
			quizzes: { introduction: { best: 3, total: 3 } },
			reflections: { 'offline-apps': 'Mail still opens, from a copy on the phone.' },
		});
		assert.equal(merged.lessons['/lessons/other/']?.read, '2026-02-01T00:00:00.000Z');
		assert.deepEqual(
			mergeLabs(
				{ caching: '2026-01-01T00:00:00.000Z' },
				{ caching: '2025-12-01T00:00:00.000Z', 'round-robin': '2026-01-05T00:00:00.000Z' },
			),
			{
				caching: '2025-12-01T00:00:00.000Z',
				'round-robin': '2026-01-05T00:00:00.000Z',
			},
		);
	});
});

describe('what the outline says about a lesson', () => {
	test('names what was done, and nothing for an untouched lesson', () => {
		assert.equal(statusText(lessonStatus({}, [], {})), '');
		assert.equal(statusText(lessonStatus({}, ['caching'], {})), '');
		const done = progress.lessons[lesson]!;
		assert.equal(statusText(lessonStatus(done, [], {})), 'Read, quiz 2 of 3');
		const passed = { caching: '2026-01-01T00:00:00.000Z' };
		assert.equal(statusText(lessonStatus({}, ['caching'], passed)), 'Lab passed');
		assert.equal(
			statusText(lessonStatus(done, ['caching', 'round-robin'], passed)),
			'Read, quiz 2 of 3, labs 1 of 2',
		);
	});
});
