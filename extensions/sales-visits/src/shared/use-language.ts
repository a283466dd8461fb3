/**
 * The language a panel speaks, by the same rule as the server (domain/language.ts): the user's
 * profile, then the browser's languages, then the project's default.
 */
import { useStores } from '@directus/extensions-sdk';
import { computed } from 'vue';
import { pickLanguage } from '../domain/language.ts';

export function useLanguage() {
	const { useUserStore, useServerStore } = useStores();
	const userStore = useUserStore();
	const serverStore = useServerStore();
	return computed(() =>
		pickLanguage({
			profile: userStore.currentUser?.language,
			accept: typeof navigator === 'undefined' ? null : navigator.languages,
			project: serverStore.info?.project?.default_language,
		}),
	);
}
