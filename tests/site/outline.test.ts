// The outline is what every page's navigation is built from; these tests pin its order, its
// cross-module neighbours, and the errors that stop a build with a wrong course.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOutline, lessonSlug, neighbours, type LessonSource } from '../../src/lib/outline.ts';
import type { CourseModule } from '../../src/schemas/module.ts';

const modules: CourseModule[] = [
	{ id: 'second', title: 'Second', order: 2, description: 'Listed first on purpose.' },
	{ id: 'first', title: 'First', order: 1, description: 'Comes first by order.' },
];

function lesson(module: string, file: string, order: number, minutes = 10): LessonSource {
	const filePath = `content/lessons/${module}/${file}.mdx`;
	return {
		id: `${module}/${file}`,
		filePath,
		data: { title: file, description: 'd', module, order, objectives: ['o'], minutes, labs: [] },
	};
}

const sources = [
	lesson('second', '01-c', 1, 30),
	lesson('first', '02-b', 2),
	lesson('first', '01-a', 1, 5),
];

describe('buildOutline', () => {
	test('orders modules and lessons by their order fields, not by file order', () => {
		const outline = buildOutline(modules, sources, 'content/modules.yaml');
		assert.deepEqual(
			outline.modules.map((m) => m.id),
			['first', 'second'],
		);
		assert.deepEqual(
			outline.lessons.map((l) => l.url),
			['/lessons/first/a/', '/lessons/first/b/', '/lessons/second/c/'],
		);
		assert.deepEqual(
			outline.modules.map((m) => m.minutes),
			[15, 30],
		);
		assert.equal(outline.minutes, 45);
	});

	test('links neighbours across module boundaries', () => {
		const outline = buildOutline(modules, sources, 'content/modules.yaml');
		const middle = neighbours(outline, '/lessons/first/b/');
		assert.equal(middle.previous?.url, '/lessons/first/a/');
		assert.equal(middle.next?.url, '/lessons/second/c/');
		assert.equal(neighbours(outline, '/lessons/first/a/').previous, undefined);
		assert.equal(neighbours(outline, '/lessons/second/c/').next, undefined);
	});

	test('rejects a lesson whose module is not listed, naming the file and the known modules', () => {
		assert.throws(
			() => buildOutline(modules, [lesson('third', '01-x', 1)], 'content/modules.yaml'),
			{
				message: /content\/lessons\/third\/01-x\.mdx: field "module" names "third"/,
				hint: /Use one of: first, second/,
			},
		);
	});

	test('rejects two lessons with the same order in a module, naming both files', () => {
		const clash = [lesson('first', '01-a', 1), lesson('first', '02-b', 1)];
		assert.throws(() => buildOutline(modules, clash, 'content/modules.yaml'), {
			message: /01-a\.mdx and .*02-b\.mdx both have order 1 in module "first"/,
		});
	});

	test('rejects two files that would be published at the same URL', () => {
		const clash = [lesson('first', '01-intro', 1), lesson('first', '02-intro', 2)];
		assert.throws(() => buildOutline(modules, clash, 'content/modules.yaml'), {
			message: /would both be published at \/lessons\/first\/intro\//,
		});
	});

	test('rejects an empty module list, naming modules.yaml', () => {
		assert.throws(() => buildOutline([], sources, 'content/modules.yaml'), {
			message: /No modules found in content\/modules\.yaml/,
		});
	});
});

test('lessonSlug drops the number prefix and the extension', () => {
	assert.equal(
		lessonSlug('content/lessons/01-foundations/02-client-server-model.mdx'),
		'client-server-model',
	);
	assert.equal(lessonSlug('content/lessons/x/no-prefix.mdx'), 'no-prefix');
});
