// A small element builder for the workspace's panels: the workspace has no UI framework, and
// building nodes (never HTML strings) keeps learner output and server responses from becoming markup.

type Child = Node | string | false | null | undefined;
type Props = Record<string, string | number | boolean | EventListener | undefined>;

/** Creates an element with attributes, `on*` listeners and children. `false`, `null` and
 * `undefined` children and attributes are skipped, so conditional parts read naturally. */
export function h<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	props: Props = {},
	...children: Child[]
): HTMLElementTagNameMap[K] {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(props)) {
		if (value === undefined || value === false) continue;
		if (typeof value === 'function') element.addEventListener(name.slice(2), value);
		else element.setAttribute(name, value === true ? '' : String(value));
	}
	append(element, ...children);
	return element;
}

/** Appends children, turning strings into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
	for (const child of children) {
		if (child === false || child === null || child === undefined) continue;
		parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
	}
}

/** A per-workspace unique id for `aria-*` and `for` attributes. */
let counter = 0;
export function uid(prefix: string): string {
	counter += 1;
	return `${prefix}-${counter}`;
}
