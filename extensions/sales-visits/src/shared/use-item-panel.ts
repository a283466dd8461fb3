/**
 * What the bundle's form panels share: the API, the item's key (the form's values give it on
 * pages that do not pass it) and the language to speak.
 */
import { useApi } from '@directus/extensions-sdk';
import { computed, inject, type Ref } from 'vue';
import { useLanguage } from './use-language.ts';

export function useItemPanel(props: { primaryKey?: string | number | null }) {
	const api = useApi();
	const values = inject<Ref<Record<string, unknown>> | null>('values', null);

	const id = computed(() => props.primaryKey ?? (values?.value?.id as string | number | undefined) ?? null);
	// Until the form has loaded its values there is no id yet: only the `+` route is a new item.
	const isNew = computed(() => id.value === '+' || (id.value === null && window.location.pathname.endsWith('/+')));
	// Changes when the form has saved the item and read it back.
	const savedAt = computed(() => values?.value?.date_updated as string | null | undefined);
	return { api, id, isNew, lang: useLanguage(), savedAt };
}
