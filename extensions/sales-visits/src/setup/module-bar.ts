/**
 * The Studio's module bar (directus_settings.module_bar): Directus shows a module of an extension
 * only when the bar lists it enabled. Setup adds ours once (the home first, the rest before Settings); an entry already
 * there (an Administrator may have turned it off, or moved it) is kept as it is, as are the rest.
 * Who sees a listed module is the module's own `preRegisterCheck` (the server's answer).
 */
import type { Knex } from 'knex';

export interface ModuleBarEntry {
	type: 'module' | 'link';
	id: string;
	enabled: boolean;
	[key: string]: unknown;
}

/** Directus 11's bar while `module_bar` is null (the app's default). */
export const DIRECTUS_MODULE_BAR: readonly ModuleBarEntry[] = [
	{ type: 'module', id: 'content', enabled: true },
	{ type: 'module', id: 'visual', enabled: false },
	{ type: 'module', id: 'users', enabled: true },
	{ type: 'module', id: 'files', enabled: true },
	{ type: 'module', id: 'insights', enabled: true },
	{ type: 'module', id: 'deployments', enabled: false },
	{ type: 'link', id: 'docs', enabled: true, name: '$t:documentation', icon: 'help', url: 'https://docs.directus.io' },
	{ type: 'module', id: 'settings', enabled: true, locked: true },
];

/** The home (首页): every role's first screen, first in the bar. */
export const HOME_MODULE = 'visit-home';
/** Where a sign-in lands (a Studio path, as `directus_users.last_page` holds it). */
export const HOME_PATH = `/${HOME_MODULE}`;

/** Our other modules, in the order they join the bar. */
export const OUR_MODULES = ['visit-targets-split', 'visit-front-desk'] as const;

const entry = (id: string): ModuleBarEntry => ({ type: 'module', id, enabled: true });
const listed = (bar: readonly ModuleBarEntry[], id: string) => bar.some((e) => e.type === 'module' && e.id === id);

/** The bar with our modules added where missing (the home first, the rest before Settings); null when nothing is missing. */
export function withOurModules(stored: readonly ModuleBarEntry[] | null): ModuleBarEntry[] | null {
	const bar = [...(stored ?? DIRECTUS_MODULE_BAR)];
	const missing = OUR_MODULES.filter((id) => !listed(bar, id));
	const home = !listed(bar, HOME_MODULE);
	if (!missing.length && !home) return null;
	const settings = bar.findIndex((e) => e.type === 'module' && e.id === 'settings');
	const at = settings >= 0 ? settings : bar.length;
	bar.splice(at, 0, ...missing.map(entry));
	if (home) bar.unshift(entry(HOME_MODULE));
	return bar;
}

/** The stored bar: null when unset, undefined when it is not a list (left alone). */
function parse(value: unknown): ModuleBarEntry[] | null | undefined {
	if (value === null || value === undefined) return null;
	try {
		const v = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
		return Array.isArray(v) ? (v as ModuleBarEntry[]) : undefined;
	} catch {
		return undefined;
	}
}

/** Converges the bar: adds our modules the bar does not list yet; true when it wrote. */
export async function applyModuleBar(knex: Knex): Promise<boolean> {
	const settings = await knex('directus_settings').first('id', 'module_bar');
	if (!settings) return false;
	const stored = parse(settings.module_bar);
	if (stored === undefined) return false;
	const bar = withOurModules(stored);
	if (!bar) return false;
	await knex('directus_settings')
		.where({ id: settings.id })
		.update({ module_bar: JSON.stringify(bar) });
	return true;
}
