import type { Page } from '@playwright/test';

/** The colour situations a page's text is in, one string each: what axe's colour rules weigh for
 * a piece of text (its colour, the background layers behind it down to the first opaque one, its
 * size and weight, and for a link the colour of the text around it). Two pages with the same set get the same verdict from
 * those rules, so a sweep can audit each situation once instead of every page again. `skip` names
 * the elements the audit itself leaves out. */
export function colourPairs(page: Page, skip: string): Promise<string[]> {
	return page.evaluate((skipped) => {
		// The layers behind a piece of text, down to the first opaque one: axe blends half-transparent
		// backgrounds and faded ancestors into the colour it compares, so each of them counts.
		const layersBehind = (start: Element | null): string => {
			const layers: string[] = [];
			for (let node = start; node; node = node.parentElement) {
				const style = getComputedStyle(node);
				if (style.opacity !== '1') layers.push(`opacity ${style.opacity}`);
				if (style.backgroundImage !== 'none')
					return [...layers, style.backgroundImage].join(' over ');
				const colour = style.backgroundColor;
				if (colour === 'rgba(0, 0, 0, 0)') continue;
				layers.push(colour);
				if (!colour.startsWith('rgba')) return layers.join(' over ');
			}
			return [...layers, 'canvas'].join(' over ');
		};
		const pairs = new Set<string>();
		for (const element of document.body.querySelectorAll('*')) {
			if (element.closest(skipped) || element.closest('svg')) continue;
			const hasText = [...element.childNodes].some(
				(child) => child.nodeType === Node.TEXT_NODE && child.textContent?.trim(),
			);
			if (!hasText) continue;
			const style = getComputedStyle(element);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			const link = element.closest('a');
			const around = link?.parentElement ? getComputedStyle(link.parentElement).color : '';
			pairs.add(
				[
					style.color,
					layersBehind(element),
					style.fontSize,
					style.fontWeight,
					link ? `link in ${around} ${style.textDecorationLine}` : '',
				].join(' | '),
			);
		}
		return [...pairs];
	}, skip);
}
