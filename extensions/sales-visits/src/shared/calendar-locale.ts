/**
 * The Studio's date picker (reka-ui's calendar) takes its weekday names and its first day of the
 * week from a reka-ui ConfigProvider, and Directus 11.17 mounts none: every user gets "Sun Mon …"
 * with weeks from Sunday. reka-ui looks the provider up with Vue's `inject` under a private symbol
 * described `ConfigProviderContext`. Answering that symbol below the app's root provides gives
 * every picker the user's language (Directus keeps it in `<html lang>`), so zh-CN reads 周一 … 周日
 * from Monday. The other fields are reka-ui's own defaults.
 */

const KEY = 'ConfigProviderContext';

const html = document.documentElement;
const context = {
	locale: {
		get value() {
			return html.lang || 'en-US';
		},
	},
	dir: {
		get value() {
			return html.dir === 'rtl' ? 'rtl' : 'ltr';
		},
	},
	scrollBody: { value: true },
	nonce: { value: undefined },
	useId: undefined,
};

const isKey = (key: PropertyKey) => typeof key === 'symbol' && key.description === KEY;

function answerBelow(provides: object): void {
	const below = Object.getPrototypeOf(provides) ?? Object.create(null);
	Object.setPrototypeOf(
		provides,
		new Proxy(below, {
			has: (target, key) => isKey(key) || Reflect.has(target, key),
			get: (target, key, receiver) => (isKey(key) ? context : Reflect.get(target, key, receiver)),
		}),
	);
}

type Mounted = Element & { __vue_app__?: { _context: { provides: object } } };

/** Directus mounts its app after the extensions load: wait for it (a few frames). */
export function calendarsInUserLanguage(tries = 600): void {
	const app = (document.querySelector('#app') as Mounted | null)?.__vue_app__;
	if (app) answerBelow(app._context.provides);
	else if (tries > 0) requestAnimationFrame(() => calendarsInUserLanguage(tries - 1));
}
