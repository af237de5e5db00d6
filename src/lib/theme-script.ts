// The one inline script of the site, kept here as text so that the page and the Content Security
// Policy read the same bytes: src/lib/deploy-headers.ts allows it by the hash of this exact string.
// It runs in <head> before the first paint, so a learner who picked a theme never sees the other
// one flash. Without a stored choice the page keeps `color-scheme: light dark` and follows the
// system. `data-js` tells the CSS that scripts run, so the phone outline may start collapsed.

export const themeScript = `(() => {
	const root = document.documentElement;
	root.dataset.js = '';
	let theme = null;
	try {
		theme = localStorage.getItem('theme');
	} catch {}
	if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
})();`;
