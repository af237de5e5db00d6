// Writes every static host's configuration (public/_headers, vercel.json and deploy/) from
// src/lib/deploy-headers.ts. `--check` writes nothing and exits 1 naming each file that differs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostConfigs } from './host-configs.ts';

function read(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
}

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [path, text] of hostConfigs()) {
	if (read(path) === text) continue;
	if (check) {
		stale.push(path);
		continue;
	}
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
	console.log(`wrote ${path}`);
}
if (stale.length > 0) {
	console.error(
		`scripts/write-host-configs.ts: ${stale.join(', ')} differ from src/lib/deploy-headers.ts. Run "node scripts/write-host-configs.ts" and commit the result.`,
	);
	process.exit(1);
}
