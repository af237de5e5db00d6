// Ids for elements that components repeat on a page (a diagram's title, its arrowhead marker).
// One counter for the whole build is enough: ids only need to differ within a page, and counting
// keeps builds reproducible where random ids would not.

let counter = 0;

export function nextId(prefix: string): string {
	counter += 1;
	return `${prefix}-${counter}`;
}
