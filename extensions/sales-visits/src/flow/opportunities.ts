/**
 * A new opportunity starts as a lead (the column's default) with the lead's win probability
 * from the settings when the rep gives none; each stage change resets it (domain/sales-flows.ts).
 */
import type { Item } from '@directus/types';
import { defaultProbability } from '../domain/opportunities.ts';
import type { GuardContext } from './guard.ts';
import { loadSettings } from './settings.ts';

export async function deriveOpportunityCreate(ctx: GuardContext, payload: Item): Promise<Item> {
	if (payload.probability !== undefined && payload.probability !== null) return payload;
	const { stage_probabilities } = await loadSettings(ctx.database);
	return { ...payload, probability: defaultProbability('lead', stage_probabilities) };
}
