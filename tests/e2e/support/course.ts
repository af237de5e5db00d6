// Reads the course straight from the content files, independently of the site's own code, so the
// browser tests compare the pages with what the authors wrote rather than with the site's opinion.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';

export const contentDir = process.env['COURSE_CONTENT_DIR'] ?? 'content';

export interface ExpectedLesson {
	title: string;
	module: string;
	order: number;
	minutes: number;
	/** The learning objectives, as the front matter lists them. */
	objectives: string[];
	/** The URL the course promises: `/lessons/<module-id>/<file name without NN- and .mdx>/`. */
	url: string;
	/** The lesson body after the front matter. */
	body: string;
}

export interface ExpectedModule {
	id: string;
	title: string;
	order: number;
	lessons: ExpectedLesson[];
}

function readLesson(file: string): ExpectedLesson {
	const text = readFileSync(file, 'utf8');
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
	if (!match?.[1]) throw new Error(`${file}: no front matter found between --- lines.`);
	const data = parse(match[1]) as Omit<ExpectedLesson, 'url' | 'body'>;
	const slug = basename(file, '.mdx').replace(/^\d+-/, '');
	return { ...data, url: `/lessons/${data.module}/${slug}/`, body: match[2] ?? '' };
}

function lessonFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.mdx') && !entry.name.startsWith('_'))
		.map((entry) => join(entry.parentPath, entry.name));
}

/** The modules in course order, each with its lessons in order. */
export function expectedCourse(): ExpectedModule[] {
	const modules = parse(readFileSync(join(contentDir, 'modules.yaml'), 'utf8')) as ExpectedModule[];
	const lessons = lessonFiles(join(contentDir, 'lessons')).map(readLesson);
	return modules
		.map((module) => ({
			...module,
			lessons: lessons.filter((l) => l.module === module.id).sort((a, b) => a.order - b.order),
		}))
		.sort((a, b) => a.order - b.order);
}

/** Every lesson in reading order. */
export function expectedLessons(): ExpectedLesson[] {
	return expectedCourse().flatMap((module) => module.lessons);
}

/** The first fenced code block of the course, with the lesson it is in. */
export function firstCodeBlock(): { lesson: ExpectedLesson; code: string } {
	for (const lesson of expectedLessons()) {
		const fence = /^(```+|~~~+)[^\n]*\n([\s\S]*?)\n\1\s*$/m.exec(lesson.body);
		if (fence?.[2] !== undefined) return { lesson, code: fence[2] };
	}
	throw new Error(`No lesson under ${contentDir}/lessons has a fenced code block to test.`);
}

/** How the site writes a duration: `45 min`, `1 h`, `1 h 30 min`. */
export function minutesText(minutes: number): string {
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours === 0) return `${rest} min`;
	return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
