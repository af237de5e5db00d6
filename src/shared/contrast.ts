// WCAG 2 contrast arithmetic for `#rrggbb` colours, used to keep highlighted code readable: by the
// build (the course's accent colours and the static code blocks) and by the lab editor's theme.

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb | undefined {
	const match = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/i.exec(hex);
	if (!match?.[1]) return undefined;
	const value = Number.parseInt(match[1], 16);
	return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: Rgb): string {
	return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(rgb: Rgb): number {
	const [r, g, b] = rgb.map((c) => {
		const s = c / 255;
		return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
	}) as Rgb;
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
	const ca = parseHex(a);
	const cb = parseHex(b);
	if (!ca || !cb) return 21;
	const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}

/** Moves `foreground` towards black or white, whichever is further from `background`, in small
 * steps until it reaches `minRatio`. Colours that already pass, or cannot be parsed, come back
 * unchanged, so a theme keeps its look wherever it was already readable. */
export function ensureContrast(foreground: string, background: string, minRatio: number): string {
	const fg = parseHex(foreground);
	const bg = parseHex(background);
	if (!fg || !bg || contrastRatio(foreground, background) >= minRatio) return foreground;
	const target: Rgb = luminance(bg) > 0.18 ? [0, 0, 0] : [255, 255, 255];
	// Twenty steps of 5% reach the target colour itself, which always has enough contrast.
	for (let step = 1; step <= 20; step++) {
		const t = step / 20;
		const mixed = toHex(fg.map((c, i) => c + (target[i]! - c) * t) as Rgb);
		if (contrastRatio(mixed, background) >= minRatio) return mixed;
	}
	return toHex(target);
}
