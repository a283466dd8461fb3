/**
 * On a narrow screen the Studio draws its navigation and its sidebar as drawers over the page, and
 * opens both until the person closes them; it keeps that choice in localStorage. A first visit on
 * such a screen starts with them closed, so a rep's phone shows the page (the home, a visit's
 * check-in) rather than two menus. A choice the person has made is kept.
 */

// The widths under which each is a drawer over the page (the app's `lg` and `xl` breakpoints).
const DRAWERS = [
	{ key: 'nav-bar-collapsed', below: '57.625rem' },
	{ key: 'sidebar-collapsed', below: '72rem' },
];

export function closeDrawersOnNarrowScreens(): void {
	for (const { key, below } of DRAWERS) {
		if (localStorage.getItem(key) === null && !matchMedia(`(min-width: ${below})`).matches) {
			localStorage.setItem(key, 'true');
		}
	}
}
