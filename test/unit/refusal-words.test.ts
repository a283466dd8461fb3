/**
 * What a person meets in the Studio's forms and action panels reads as Chinese in zh-CN: no field
 * key, no English word. (Refusals of malformed API bodies and query strings may name their
 * parameters: only integrators meet those.)
 */
import { describe, expect, it } from 'vitest';
import { explain, refusal, type RefusalCode } from '../../extensions/sales-visits/src/domain/refusals.ts';

/** The refusals an action's form or a form's field can lead to. */
const STUDIO_FACING: RefusalCode[] = [
	'bad_request',
	'outside_geofence_reason',
	'reschedule_reason',
	'reschedule_start',
	'revisit_escalate_start',
	'no_approver',
	'satisfaction_required',
	'complaint_cause_required',
	'complaint_corrective_required',
	'resolution_required',
	'lost_reason_required',
	'lost_analysis_required',
	'reception_report_text',
	'reception_promise_text',
	'periodic_report_summary',
	'periodic_report_market_analysis',
	'product_price_missing',
	'payment_received_at',
	'appraisal_item',
];

describe('refusals in zh-CN', () => {
	it.each(STUDIO_FACING)('%s names no field and has no English word', (code) => {
		const text = explain(refusal(400, code), 'zh-CN');
		// Placeholders are filled with the person's own data; dates show their format (YYYY-MM-DD).
		const words = text.replace(/\{\w+\}|YYYY-MM-DD/g, '').match(/[A-Za-z_]{2,}/g);
		expect(words, text).toBeNull();
	});
});
