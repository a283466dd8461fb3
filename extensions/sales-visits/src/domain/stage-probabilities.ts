/**
 * The win probability (0–100) an opportunity takes when it enters a stage
 * (visit_settings.stage_probabilities): the funnel's usual figures until an admin sets the
 * company's own. A stage the setting leaves out, or gives no percentage, keeps its default.
 */
export const DEFAULT_STAGE_PROBABILITIES = {
	lead: 10,
	qualified: 25,
	proposal: 50,
	negotiation: 75,
	won: 100,
	lost: 0,
} as const;

export type StageProbabilities = Record<keyof typeof DEFAULT_STAGE_PROBABILITIES, number>;

/** The setting as stored (JSON text or an object, by vendor), over the defaults. */
export function stageProbabilities(stored: unknown): StageProbabilities {
	let value = stored;
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			value = null;
		}
	}
	const given = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
	const result = { ...DEFAULT_STAGE_PROBABILITIES } as StageProbabilities;
	for (const stage of Object.keys(result) as (keyof StageProbabilities)[]) {
		const p = (given as Record<string, unknown>)[stage];
		if (typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 100) result[stage] = p;
	}
	return result;
}
