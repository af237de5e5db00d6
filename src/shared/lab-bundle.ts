// The shape of one lab as the lesson page ships it to the workspace: built from `labs/<id>/` at
// build time by `src/lib/lab-bundle/load-lab.ts`, embedded in the page as JSON, and read back by the
// browser code.

/** One file of the learner's folder. */
export interface LabFile {
	/** The path relative to the lab folder, with forward slashes (`server.js`, `lib/router.js`). */
	path: string;
	content: string;
	/** Files the grader supplies or that configure the run (`products.json`, `package.json`) are
	 * shown but locked: editing them would change nothing the checks see. */
	readOnly: boolean;
}

/** One progressive hint, revealed one at a time. */
export interface LabHint {
	title: string;
	/** The hint's body as HTML, already escaped and rendered at build time. */
	html: string;
}

export interface LabBundle {
	id: string;
	/** The README's first heading, or the id when the lab has no README yet. */
	title: string;
	/** The README's first paragraph as plain text. */
	summary: string;
	/** The starter files, editable ones first. */
	files: LabFile[];
	/** The reference solution by path; empty when the lab has none. */
	solution: Record<string, string>;
	hints: LabHint[];
	/** The names of the backends (or origin) the program gets when the learner presses Run; empty
	 * for labs without any, which then show no live view. */
	backends: string[];
	/** Request headers the request console starts with, such as the playground's bearer token. */
	requestHeaders: string;
}

/** Learners edit program code; data and configuration files (`products.json`, `package.json`) are
 * supplied by the lab and shown locked. Shared by the build and the workspace so both agree. */
export function isEditablePath(path: string): boolean {
	return /\.(m?js|cjs)$/.test(path);
}

/** The storage key under which a lab's passed state is kept; shared by the shell and workspace. */
export function passedKey(labId: string): string {
	return `lab:${labId}:passed`;
}

/** The storage key under which the learner's edits are kept. */
export function filesKey(labId: string): string {
	return `lab:${labId}:files`;
}
