/**
 * Opportunities (商机): stages move forward only, skipping allowed; `lost` from any open stage
 * with a reason and an analysis (战败分析); `won` only when a contract is signed; a closed
 * opportunity never reopens. Probabilities default per stage from the settings.
 */
import { lostReasons, opportunityStages, values, type Label } from './choices.ts';
import { refusal, type FlowRefusal } from './refusals.ts';
import { DEFAULT_STAGE_PROBABILITIES } from './stage-probabilities.ts';

export type Stage = keyof typeof opportunityStages;

/** The open stages, in order. */
export const OPEN_STAGES: readonly Stage[] = ['lead', 'qualified', 'proposal', 'negotiation'];

export const isOpenStage = (stage: string): boolean => (OPEN_STAGES as readonly string[]).includes(stage);

/** The probability a stage starts with: the settings' value when it is a number from 0 to 100, else the default. */
export function defaultProbability(stage: Stage, settings: Record<string, unknown> | null | undefined): number {
	const value = settings?.[stage];
	return typeof value === 'number' && value >= 0 && value <= 100 ? value : DEFAULT_STAGE_PROBABILITIES[stage];
}

const stageLabel = (stage: string): Label => opportunityStages[stage as Stage] ?? { 'zh-CN': stage, 'en-US': stage };
const listOf = (labels: Label[]): Label => ({
	'zh-CN': labels.map((l) => l['zh-CN']).join('、'),
	'en-US': labels.map((l) => l['en-US']).join(', '),
});

/** Why an opportunity in `from` may not be advanced to `to` (`POST …/advance { stage }`). */
export function advanceProblem(from: string, to: unknown): FlowRefusal | null {
	if (!isOpenStage(from)) return refusal(409, 'opportunity_closed', { status: stageLabel(from) });
	if (to === 'won') return refusal(409, 'won_by_contract');
	if (typeof to !== 'string' || !isOpenStage(to))
		return refusal(422, 'stage_invalid', { stages: listOf(OPEN_STAGES.map(stageLabel)) });
	return OPEN_STAGES.indexOf(to as Stage) > OPEN_STAGES.indexOf(from as Stage)
		? null
		: refusal(409, 'stage_backward', { from: stageLabel(from), to: stageLabel(to) });
}

/** A loss analysis shorter than this says nothing. */
export const LOST_ANALYSIS_MIN = 10;

/** 输单: a reason from the list and an analysis (战败分析) of at least LOST_ANALYSIS_MIN characters. */
export function loseProblem(lostReason: unknown, lostAnalysis: unknown): FlowRefusal | null {
	if (typeof lostReason !== 'string' || !(lostReason in lostReasons))
		return refusal(422, 'lost_reason_required', {
			reasons: listOf(values(lostReasons).map((r) => lostReasons[r])),
		});
	const analysis = typeof lostAnalysis === 'string' ? lostAnalysis.trim() : '';
	return [...analysis].length >= LOST_ANALYSIS_MIN
		? null
		: refusal(422, 'lost_analysis_required', { min: String(LOST_ANALYSIS_MIN) });
}
