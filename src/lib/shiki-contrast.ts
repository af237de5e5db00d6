import type { ShikiTransformer } from 'shiki';
import { ensureContrast } from '../shared/contrast.ts';

// Shiki keeps only the foreground of a theme's token colours, but a few GitHub theme rules (untracked
// markup, carriage returns) pair a pale foreground with a background that Shiki drops, and comments
// sit at 4.55:1, right at the 4.5:1 WCAG AA limit. This transformer nudges any colour below the limit
// towards black or white, per theme, so every lesson's code stays readable whatever it contains.

interface Node {
	type: string;
	properties?: Record<string, unknown>;
	children?: Node[];
}

const varPattern = /--shiki-(light|dark)(-bg)?:\s*(#[0-9a-fA-F]{6,8})/g;

function readVars(style: string): Map<string, string> {
	const vars = new Map<string, string>();
	for (const [, theme, bg, colour] of style.matchAll(varPattern)) {
		if (theme && colour) vars.set(`${theme}${bg ?? ''}`, colour);
	}
	return vars;
}

function fixStyle(style: string, backgrounds: Map<string, string>, minRatio: number): string {
	return style.replace(
		varPattern,
		(whole, theme: string, bg: string | undefined, colour: string) => {
			const background = backgrounds.get(`${theme}-bg`);
			if (bg || !background) return whole;
			return `--shiki-${theme}:${ensureContrast(colour, background, minRatio)}`;
		},
	);
}

function walk(node: Node, visit: (node: Node) => void): void {
	visit(node);
	for (const child of node.children ?? []) walk(child, visit);
}

/** A Shiki transformer for dual themes (`defaultColor: false`) that raises low-contrast tokens. */
export function contrastTransformer(minRatio = 4.6): ShikiTransformer {
	return {
		name: 'course:contrast',
		pre(pre) {
			const node = pre as Node;
			const preStyle = node.properties?.['style'];
			const backgrounds = readVars(typeof preStyle === 'string' ? preStyle : '');
			walk(node, (child) => {
				const style = child.properties?.['style'];
				if (child !== node && typeof style === 'string') {
					child.properties!['style'] = fixStyle(style, backgrounds, minRatio);
				}
			});
		},
	};
}
