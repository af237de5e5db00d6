// A check's failure message with what differs from run to run masked, so a fixture's message can be
// recorded once and compared on every test run (as CodeCrafters' testers keep their expected
// output). A fixed seed already makes the checks' random data the same every run; what is left to
// mask is what the seed does not decide: ports the OS hands out, temporary folders, values the
// learner's program draws itself, and every figure that depends on how fast the machine is.
import { tmpdir } from 'node:os';

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A slash, written plainly or percent-encoded, as a check may send it in a path to test decoding. */
const SLASH = '(?:/|%2[Ff])';

const temporaryRoots = [...new Set([tmpdir(), '/tmp'])]
	.map((root) => escape(root).replaceAll('/', SLASH))
	.join('|');

/** The rules, in the order they apply: what to find and what to put in its place. Each keeps the
 * words around what it masks, so a message still says what went wrong, only not with which port or
 * after how many milliseconds. */
export const NORMALISE_RULES: readonly (readonly [RegExp, string])[] = [
	// A failure decided by a clock is confirmed by a second run only on some machines (a wait that
	// ran out runs again only when the machine turned slower), and the suffix names the scale.
	[/\s*\(confirmed: the check failed again when run a second time[^)]*\)/g, ''],
	// Working copies and the folders checks write are made with mkdtemp, under a random name; the
	// rest of the path is seeded and stays.
	[new RegExp(`(?:${temporaryRoots})${SLASH}[^/%\\s"',;)]+`, 'g'), '<tmp>'],
	// Ports are whatever the OS hands out, also where a check sent an address percent-encoded.
	// (Not \b before the address: in "%2F127.0.0.1" it follows a letter.)
	[/(?<![\d.])(127\.0\.0\.1|localhost|\[::1\])(:|%3[Aa])\d+/g, '$1$2<port>'],
	[/\bport \d+/g, 'port <port>'],
	// Time limits are stretched by the machine's measured scale, and measured times vary; a range
	// such as "17–123 ms" is one figure.
	[/\b(?:\d+(?:\.\d+)?–)?\d+(?:\.\d+)? ?ms\b/g, '<n> ms'],
	// Options such as {"timeoutMs":918} given to a program carry stretched limits too.
	[/("\w*Ms"):\s?\d+(?:\.\d+)?/g, '$1:<n>'],
	// Programs name orders and keys with crypto.randomUUID(), which no seed reaches.
	[/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
	// Programs draw cookie values and tokens with crypto.randomBytes(), printed as hex.
	[/\b[0-9a-f]{16,}\b/g, '<hex>'],
];

/** The message with every varying part masked by its rule. */
export function normaliseMessage(message: string): string {
	let text = message;
	for (const [pattern, replacement] of NORMALISE_RULES) text = text.replace(pattern, replacement);
	return text.trim();
}
