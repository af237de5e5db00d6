// The Caddyfile. Caddy answers errors from a fresh route, so the headers are a snippet imported by
// both the site and its 404 handler. Under a sub-path, `handle_path` strips the base before the
// file server looks the path up, and the 404 page is looked up the same way.
import { immutableCache, pageCache, siteHeaders } from '../../src/lib/deploy-headers.ts';
import { assetPrefix, generated, quoted } from './shared.ts';

function snippet(): string[] {
	const lines = Object.entries(siteHeaders).map(([name, value]) => `\t\t${name} ${quoted(value)}`);
	return ['(course_headers) {', '\theader {', ...lines, '\t}', '}'];
}

/** The directives that serve the build; `indent` nests them in a `handle_path` under a base. */
function files(indent: string, assets: string): string[] {
	return [
		'\troot * /srv/course/dist',
		'\t# Caddy orders same-named directives by their matchers, so the two cache policies never meet.',
		`\t@pages not path ${assets}*`,
		`\theader @pages Cache-Control ${quoted(pageCache)}`,
		`\theader ${assets}* Cache-Control ${quoted(immutableCache)}`,
		'\ttry_files {path} {path}/ {path}.html',
		'\tfile_server',
	].map((line) => indent + line);
}

function errors(base: string): string[] {
	return [
		'\thandle_errors {',
		'\t\timport course_headers',
		'\t\t# An error must not keep the year-long cache of the asset it stands in for.',
		`\t\theader Cache-Control ${quoted(pageCache)}`,
		'\t\t@missing expression {err.status_code} == 404',
		'\t\thandle @missing {',
		// Under a base, the root was set inside `handle_path`, which error routes do not pass through.
		...(base === '/' ? [] : ['\t\t\troot * /srv/course/dist']),
		'\t\t\trewrite * /404.html',
		'\t\t\tfile_server',
		'\t\t}',
		'\t\trespond "{err.status_code} {err.status_text}"',
		'\t}',
	];
}

export function caddyfile(base: string): string {
	const site =
		base === '/'
			? [...files('', assetPrefix('/')).toSpliced(1, 0, '\timport course_headers')]
			: [
					'\timport course_headers',
					`\tredir ${base.slice(0, -1)} ${base}`,
					`\t# The course lives under ${base}; the rest of the site is yours.`,
					`\thandle_path ${base}* {`,
					// Inside handle_path the path no longer holds the base, so matchers use the root.
					...files('\t', assetPrefix('/')),
					'\t}',
				];
	return [
		`# ${generated}`,
		...snippet(),
		'',
		'# Replace the site address and the root with your own.',
		'course.example.org {',
		...site,
		...errors(base),
		'}',
		'',
	].join('\n');
}
