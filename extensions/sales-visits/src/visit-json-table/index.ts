/**
 * `visit-json-table`: a JSON field the server or an administrator keeps (commission tiers, a
 * statement's lines, appraisal levels, stage probabilities) shown as a table with headings in the
 * reader's language, never as JSON. Read-only for whoever may not change the field; an
 * Administrator who may gets the JSON editor under the table.
 */
import { defineInterface } from '@directus/extensions-sdk';
import { forReader } from '../shared/reader-language.ts';
import InterfaceComponent from './visit-json-table.vue';

export default forReader(
	defineInterface({
		id: 'visit-json-table',
		name: '表格 / Table',
		icon: 'table_rows',
		description: 'JSON 字段以表格显示 / A JSON field shown as a table',
		component: InterfaceComponent,
		types: ['json'],
		group: 'other',
		// Set by the schema (columns with their headings): not edited in the Studio.
		options: null,
	}),
);
