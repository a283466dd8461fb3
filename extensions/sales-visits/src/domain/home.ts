/**
 * 首页 (the home of each role): one list of what waits on the person across every flow, the
 * oldest deadline first. The actions endpoint already says, per item, whom it waits on, in which
 * state machine and by when (actions.ts `waitIn`); the home only gathers and orders those answers.
 */
import type { ItemActions, WaitingOn } from './action-model.ts';
import type { Caller } from './approval.ts';

/** At most this many items are shown; the rest are counted. */
export const INBOX_MAX = 50;

/**
 * Standing work is not a to-do of its own: a scheduled visit is on the day's list (with its
 * check-in) and an open opportunity is in the pipeline. Their applications, reschedules and
 * reports do wait on someone, and those are in the list.
 */
const STANDING_FLOWS: ReadonlySet<string> = new Set(['visit', 'opportunity']);

/** Whether `waiting` names the caller: them by id, or the position they hold. */
export function waitsOn(waiting: WaitingOn, caller: Pick<Caller, 'id' | 'position'>): boolean {
	if (!waiting) return false;
	return waiting.kind === 'user' ? waiting.id === caller.id : waiting.position === caller.position;
}

/** An item is in the caller's list when it waits on them in a flow that is not standing work, and they may act on it. */
export const inInbox = (item: ItemActions, caller: Pick<Caller, 'id' | 'position'>): boolean =>
	item.actions.length > 0 &&
	waitsOn(item.waiting_on, caller) &&
	item.waiting_in !== null &&
	!STANDING_FLOWS.has(item.waiting_in);

/** Oldest deadline first; items without one after them, by collection and the longest waiting (lowest id) first. */
export function byDeadline(a: ItemActions, b: ItemActions): number {
	const da = a.due_at ? Date.parse(a.due_at) : Infinity;
	const db = b.due_at ? Date.parse(b.due_at) : Infinity;
	if (da !== db) return da < db ? -1 : 1;
	if (a.collection !== b.collection) return a.collection < b.collection ? -1 : 1;
	return a.id - b.id;
}

/** The caller's list: what waits on them, ordered, cut at `max`, with how many there are in all. */
export function inbox<T extends ItemActions>(
	items: readonly T[],
	caller: Pick<Caller, 'id' | 'position'>,
	max = INBOX_MAX,
): { items: T[]; total: number } {
	const mine = items.filter((i) => inInbox(i, caller)).sort(byDeadline);
	return { items: mine.slice(0, max), total: mine.length };
}
