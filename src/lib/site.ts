import { loadCourseConfig } from './course-config.ts';

/** Site-wide names, kept in one place so pages, titles and tests agree. The title is the course's
 * own, from course.config.yaml. */
export const site = {
	title: loadCourseConfig().title,
	description:
		'A hands-on course on how clients and servers talk: HTTP, APIs, proxies and load balancers, with labs checked by real requests.',
	lang: 'en',
} as const;

/** Formats a duration for the outline: `45 min`, or `1 h 30 min` past an hour. */
export function formatMinutes(minutes: number): string {
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
