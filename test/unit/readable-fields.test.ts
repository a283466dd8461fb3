/**
 * What each role reads of a collection leaves out the relations into collections it does not
 * read (access/fields.ts readableFields, applied to every role in access/policies.ts).
 */
import { describe, expect, it } from 'vitest';
import { domainCollections, readableFields } from '../../extensions/sales-visits/src/access/fields.ts';
import { roleByKey } from '../../extensions/sales-visits/src/access/policies.ts';

const readOf = (role: string, collection: string) =>
	roleByKey(role as never).permissions.find((p) => p.action === 'read' && p.collection === collection)!.fields;

describe('the fields a role reads', () => {
	it('keeps every field where every related collection is readable', () => {
		expect(readableFields('customers', new Set(domainCollections))).toEqual(['*']);
		for (const collection of ['customers', 'visits', 'contracts', 'sales_orders'])
			expect(readOf('general_manager', collection)).toEqual(['*']);
	});

	it('leaves out a customer’s visits for customer service, and a contract’s customer and quote for Legal', () => {
		const service = readOf('customer_service', 'customers');
		expect(service).not.toContain('visits');
		expect(service).toContain('name');
		const legal = readOf('legal', 'contracts');
		expect(legal).not.toContain('customer');
		expect(legal).not.toContain('quote');
		expect(legal).toContain('contract_no');
	});
});
