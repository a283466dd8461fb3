/**
 * Directus caches GET responses (CACHE_ENABLED) and clears that cache after each write through
 * ItemsService; a write made with SQL (a sweep, a hook's stamp, a flow's link) never tells it, so
 * `/items/visits/:id` would read `scheduled` for a visit the sweep marked `missed` until the cache
 * expired. Such a write clears it here, once, after its transaction has committed (cleared before
 * the commit, a read in between would cache the old rows again). Directus keys its data cache by
 * request, not by collection, so the whole data cache goes, as after any of its own writes; the
 * schema and permission caches stay.
 */
import type { Accountability } from '@directus/types';
import type { FlowContext } from './context.ts';

const SYSTEM: Accountability = { admin: true, app: false, role: null, roles: [], user: null, ip: null };

export async function clearDataCache(ctx: Pick<FlowContext, 'services' | 'getSchema'>): Promise<void> {
	// UtilsService.clearCache (POST /utils/cache/clear) is the extension API's way to it; it wants an Administrator.
	const utils = new ctx.services.UtilsService({ schema: await ctx.getSchema(), accountability: SYSTEM });
	await utils.clearCache({ system: false });
}
