// Renders every static host's configuration from src/lib/deploy-headers.ts and the base path of
// course.config.yaml. Pure functions, so the writer (scripts/write-host-configs.ts) and the drift
// test read exactly the same text; the nginx and Caddy smoke tests render them for other bases.
import { immutableCache, siteHeaders } from '../src/lib/deploy-headers.ts';
import { loadCourseConfig } from '../src/lib/course-config.ts';
import { caddyfile } from './host-configs/caddy.ts';
import { nginxConf } from './host-configs/nginx.ts';
import { assetPrefix, generated } from './host-configs/shared.ts';

export { caddyfile, nginxConf };

/** Netlify and Cloudflare Pages share the `_headers` format. Both send the headers of every rule
 * that matches and join a header two rules set, so no header appears in both rules; pages keep the
 * host's own revalidating cache policy. */
export function headersFile(host: string, base: string): string {
	const lines = [`# ${host}: ${generated}`, '/*'];
	for (const [name, value] of Object.entries(siteHeaders)) lines.push(`  ${name}: ${value}`);
	lines.push(`${assetPrefix(base)}*`, `  Cache-Control: ${immutableCache}`);
	return `${lines.join('\n')}\n`;
}

/** Vercel sends the headers of every matching rule; pages keep its revalidating default cache. */
export function vercelJson(base: string): string {
	const all = Object.entries(siteHeaders).map(([key, value]) => ({ key, value }));
	const config = {
		$schema: 'https://openapi.vercel.sh/vercel.json',
		buildCommand: 'npm run build',
		outputDirectory: 'dist',
		trailingSlash: true,
		headers: [
			{ source: '/(.*)', headers: all },
			{
				source: `${assetPrefix(base)}(.*)`,
				headers: [{ key: 'Cache-Control', value: immutableCache }],
			},
		],
	};
	return `${JSON.stringify(config, null, '\t')}\n`;
}

/** Every generated file, by its path from the project root, for the course's base path.
 * `public/_headers` is the copy the build ships in dist/ for Netlify and Cloudflare Pages; the root
 * vercel.json is the one Vercel reads from a connected repository. */
export function hostConfigs(base: string = loadCourseConfig().base): Map<string, string> {
	return new Map([
		['public/_headers', headersFile('Netlify and Cloudflare Pages', base)],
		['deploy/netlify/_headers', headersFile('Netlify', base)],
		['deploy/cloudflare-pages/_headers', headersFile('Cloudflare Pages', base)],
		['vercel.json', vercelJson(base)],
		['deploy/vercel.json', vercelJson(base)],
		['deploy/nginx/course.conf', nginxConf(base)],
		['deploy/caddy/Caddyfile', caddyfile(base)],
	]);
}
