// Stylesheets of the editor and the workspace, added to the page when their chunk runs (see
// src/lib/lab-bundle/vite-inline-css.ts for why they are not linked like other CSS).

/** Appends one stylesheet to the document head, in import order. */
export function addStyle(css: string): void {
	const style = document.createElement('style');
	style.dataset['labStyle'] = '';
	style.textContent = css;
	document.head.append(style);
}
