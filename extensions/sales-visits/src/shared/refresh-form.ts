/**
 * After an action the item form around the panel should show the item's new values without a
 * page reload. Directus 11 gives interfaces no call for that (directus/directus#14630); the one
 * app-wide signal its item page listens to is the Pinia store `ai-tools-store`'s "items of
 * this collection changed" (sent after the AI assistant's own writes): on it the
 * page refetches the item and its revisions, and open layouts refetch their rows. We send
 * that; on an app without the store the panel alone updates. `pinia` is shared with the app.
 */
import { getActivePinia } from 'pinia';

interface AiToolsStore {
	triggerSystemToolResult?: (tool: string, result: { collection: string; action: string }) => void;
}

export function refreshForm(collection: string): boolean {
	// Pinia keeps its stores by id in `_s`; only the app defines this one, so it is looked up, not defined.
	const pinia = getActivePinia() as unknown as { _s?: Map<string, AiToolsStore> } | undefined;
	const store = pinia?._s?.get('ai-tools-store');
	if (typeof store?.triggerSystemToolResult !== 'function') return false;
	store.triggerSystemToolResult('items', { collection, action: 'update' });
	return true;
}

const CHANGED = 'sales-visits:item-changed';

/**
 * The item changed beside the form's panels (a plan filled from its coverage table): the form reads it
 * again, and the action panel, which follows only its own actions and saves, asks the server again.
 */
export function itemChanged(collection: string, id: string | number): void {
	refreshForm(collection);
	window.dispatchEvent(new CustomEvent(CHANGED, { detail: { collection, id: String(id) } }));
}

/** Calls `fn` on each itemChanged; returns the call that stops listening. */
export function onItemChanged(fn: (collection: string, id: string) => void): () => void {
	const listener = (event: Event) => {
		const { collection, id } = (event as CustomEvent<{ collection: string; id: string }>).detail;
		fn(collection, id);
	};
	window.addEventListener(CHANGED, listener);
	return () => window.removeEventListener(CHANGED, listener);
}
