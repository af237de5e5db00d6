/** Escapes text for HTML element content and attribute values. Shared by the build (hints in lab
 * pages) and the grader's class report, which both write HTML from learners' and authors' text. */
export function escapeHtml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}
