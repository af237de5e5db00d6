import type { APIRoute } from 'astro';
import { getEntry, render } from 'astro:content';
import { getOutline } from '../lib/course.ts';
import { lessonDocument, type SearchIndex } from '../lib/search/lesson-document.ts';

// The search index, written once at build time: every lesson's title, objectives, headings and
// text. Only the search page downloads it, so lesson pages carry none of its weight.

export const GET: APIRoute = async () => {
	const outline = await getOutline();
	const index: SearchIndex = { version: 1, lessons: [] };
	for (const module of outline.modules) {
		for (const lesson of module.lessons) {
			const entry = await getEntry('lessons', lesson.id);
			if (!entry) continue;
			const { headings } = await render(entry);
			index.lessons.push(
				lessonDocument({
					url: lesson.url,
					title: lesson.title,
					module: module.title,
					description: lesson.description,
					objectives: lesson.objectives,
					body: entry.body ?? '',
					headings,
				}),
			);
		}
	}
	return new Response(JSON.stringify(index), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
