/**
 * What the Insights panels share in the Studio: the API, the language to speak, the company's
 * date (visit_settings.timezone decides "this month", not the browser), and a load that keeps
 * its state and error message.
 */
import { useApi, useStores } from '@directus/extensions-sdk';
import { computed, onMounted, ref, watch, type WatchSource } from 'vue';
import { zonedDate } from '../domain/zoned-time.ts';
import { errorMessage, toLang } from './insights.ts';
import './insights-panel.css';

let zone: Promise<string> | null = null;

export interface InsightsContext {
	api: ReturnType<typeof useApi>;
	/** The company's time zone (visit_settings.timezone). */
	timezone: () => Promise<string>;
	/** Today there, YYYY-MM-DD. */
	today: () => Promise<string>;
}

export function useInsights<T>(load: (ctx: InsightsContext) => Promise<T | string>, sources: WatchSource[]) {
	const api = useApi();
	const { useUserStore } = useStores();
	const userStore = useUserStore();
	// The Studio sets <html lang> to the active locale; the user's own setting wins.
	const lang = computed(() => toLang(userStore.currentUser?.language || document.documentElement.lang || navigator.language));

	/** The time zone is read once per page. */
	const timezone = () =>
		(zone ??= api
			.get('/items/visit_settings', { params: { fields: 'timezone' } })
			.then((r) => r.data.data?.timezone || 'Asia/Shanghai')
			.catch(() => {
				zone = null;
				return 'Asia/Shanghai';
			}));
	const today = async () => zonedDate(new Date(), await timezone());

	const data = ref<T | null>(null);
	const error = ref<string | null>(null);
	const loading = ref(false);

	async function reload() {
		error.value = null;
		loading.value = true;
		try {
			const result = await load({ api, timezone, today });
			// A string is a message for the admin (a bad option), not data.
			if (typeof result === 'string') {
				error.value = result;
				data.value = null;
			} else data.value = result as any;
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
