/**
 * What the Insights panels share in the Studio: the API, the language to speak, the company's
 * date (visit_settings.timezone decides "this month", not the browser), and a load that keeps
 * its state and error message.
 */
import { useApi } from '@directus/extensions-sdk';
import { onMounted, ref, shallowRef, watch, type WatchSource } from 'vue';
import { zonedDate } from '../domain/zoned-time.ts';
import { companyZone } from './company-zone.ts';
import { errorMessage } from './errors.ts';
import type { Lang } from './texts.ts';
import { useLanguage } from './use-language.ts';
import './insights-panel.css';

export interface InsightsContext {
	api: ReturnType<typeof useApi>;
	/** The language to word a bad option in. */
	lang: Lang;
	/** The company's time zone (visit_settings.timezone). */
	timezone: () => Promise<string>;
	/** Today there, YYYY-MM-DD. */
	today: () => Promise<string>;
}

export function useInsights<T>(load: (ctx: InsightsContext) => Promise<T | string>, sources: WatchSource[]) {
	const api = useApi();
	const lang = useLanguage();
	const timezone = () => companyZone(api);
	const today = async () => zonedDate(new Date(), await timezone());

	// shallowRef keeps T as it is (ref would unwrap nested refs in its type).
	const data = shallowRef<T | null>(null);
	const error = ref<string | null>(null);
	const loading = ref(false);

	async function reload() {
		error.value = null;
		loading.value = true;
		try {
			const result = await load({ api, lang: lang.value, timezone, today });
			// A string is a message about a bad panel option, not data.
			if (typeof result === 'string') {
				error.value = result;
				data.value = null;
			} else data.value = result;
		} catch (e) {
			error.value = errorMessage(e, lang.value);
		} finally {
			loading.value = false;
		}
	}

	onMounted(reload);
	watch(sources, reload, { deep: true });
	return { api, lang, data, error, loading, reload, timezone };
}
