// The compile cache that the local runtime's sandboxed check runs load the harness from: filled by
// a warm-up that runs no learner program, bound read-only into every grading sandbox, and left
// as it was by a program that tries to change it. Real bubblewrap sandboxes, real Node.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { folderLabSource } from '../../src/labs/index.ts';
import { CompileCache } from '../../src/sandbox/compile-cache.ts';
import { sandboxSupport } from '../../src/sandbox/probe.ts';
import { runLabSandboxed } from '../../src/sandbox/run-lab.ts';
import { labsDir } from '../grader/helpers.ts';
import { program } from './helpers.ts';

const support = sandboxSupport();
if (!support.ok) throw new Error(`these tests need the sandbox: ${support.why}`);
const scratch = mkdtempSync(join(tmpdir(), 'compile-cache-test-'));
const cache = new CompileCache(support);
after(async () => {
	await cache.close();
	rmSync(scratch, { recursive: true, force: true });
});

/** Every file in the cache with its size and modification time, to compare before and after. */
function snapshot(dir: string): string[] {
	return (readdirSync(dir, { recursive: true }) as string[])
		.map((name) => {
			const stats = statSync(join(dir, name));
			return `${name} ${stats.size} ${stats.mtimeMs}`;
		})
		.sort();
}

describe('the compile cache of sandboxed check runs', () => {
	it('is empty and unused until a warm-up has filled it', async () => {
		const fresh = new CompileCache(support);
		try {
			assert.equal(fresh.dir, undefined);
			await fresh.warm('orders-api');
			assert.ok(fresh.dir, 'the warm-up did not fill the cache');
			assert.ok(readdirSync(fresh.dir, { recursive: true }).length > 10);
		} finally {
			await fresh.close();
		}
	});

	it('is bound read-only: a program that tries to change it fails, and the cache stays as it was', async () => {
		await cache.warm('orders-api');
		const dir = cache.dir;
		assert.ok(dir, 'the warm-up did not fill the cache');
		const before = snapshot(dir);
		const vandal = program(
			join(scratch, 'vandal'),
			"import { readdirSync, rmSync, writeFileSync } from 'node:fs';\n" +
				'const tried = [];\n' +
				"for (const path of ['/compile-cache', ...readdirSync('/compile-cache').map((n) => '/compile-cache/' + n)]) {\n" +
				"\ttry { writeFileSync(path + '/planted', 'x'); tried.push('wrote ' + path); } catch (error) { tried.push(error.code); }\n" +
				"\ttry { rmSync(path, { recursive: true }); tried.push('removed ' + path); } catch (error) { tried.push(error.code); }\n" +
				'}\n' +
				"console.log('TRIED ' + [...new Set(tried)].join(' '));\n" +
				'process.exit(1);\n',
		);
		const lab = await folderLabSource().load('orders-api');
		assert.ok(lab);
		const result = await runLabSandboxed(lab, {
			support,
			folder: vandal,
			seed: 11,
			only: ['lists-products'],
			deadlineMs: 60_000,
			compileCache: dir,
		});
		const message = result.checks.find((check) => check.id === 'lists-products')?.message ?? '';
		assert.match(message, /TRIED /, 'the program did not run');
		assert.doesNotMatch(message, /wrote |removed /);
		assert.match(message, /EROFS/);
		assert.deepEqual(snapshot(dir), before);
	});

	it('grades the solution as a run without it does', async () => {
		await cache.warm('orders-api');
		const lab = await folderLabSource().load('orders-api');
		assert.ok(lab && cache.dir);
		const folder = join(labsDir, 'orders-api', 'solution');
		const options = { support, folder, seed: 23, deadlineMs: 60_000 } as const;
		const [withCache, without] = await Promise.all([
			runLabSandboxed(lab, { ...options, compileCache: cache.dir }),
			runLabSandboxed(lab, options),
		]);
		assert.ok(
			withCache.passed,
			JSON.stringify(withCache.checks.filter((c) => c.status === 'fail')),
		);
		assert.ok(without.passed);
		assert.deepEqual(
			withCache.checks.map((check) => check.status),
			without.checks.map((check) => check.status),
		);
	});
});
