import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabDefinition } from '../../src/harness/types.ts';
import { listLabs } from '../../src/labs/index.ts';
import { definitionTitle, labTitle } from '../../src/lib/lab-bundle/lab-title.ts';

// The build reads each lab's title from the text of its checks.ts; this holds it to the title the
// definition really exports, for every lab in the course.
const labs = listLabs();

test('every lab heading shows the title its definition exports, not its id', async () => {
	assert.ok(labs.length >= 10);
	for (const id of labs) {
		const { default: lab } = (await import(`../../labs/${id}/checks.ts`)) as {
			default: LabDefinition;
		};
		assert.equal(definitionTitle(id), lab.title, id);
		assert.equal(labTitle(id, `Lab: ${id}`), lab.title, id);
		assert.notEqual(lab.title, id);
	}
});

test('a lab without a definition title falls back to a README heading that says more than the id', () => {
	assert.equal(labTitle('no-such-lab', 'Lab: no-such-lab'), 'no-such-lab');
	assert.equal(labTitle('no-such-lab', 'A lab still being written'), 'A lab still being written');
	assert.equal(labTitle('no-such-lab', undefined), 'no-such-lab');
});
