/** One way to turn anything thrown into an n8n error (nodes/Tanma/transport/errors.ts). */
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError, vendorError } from '../../nodes/Tanma/transport/errors';

const node: INode = {
	id: 'n',
	name: 'Tanma',
	type: 'n8n-nodes-tanma.tanma',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

test('our errors pass through, given the item index when they have none', () => {
	const vendor = vendorError(node, 1002, 'sign error');
	expect(asNodeError(node, vendor, 3)).toBe(vendor);
	expect(vendor.context.itemIndex).toBe(3);
	const validation = new NodeOperationError(node, 'Customer WeCom ID is required', {
		itemIndex: 1,
	});
	expect(asNodeError(node, validation, 4).context.itemIndex).toBe(1);
});

test('anything else is wrapped as a NodeOperationError with its message', () => {
	const wrapped = asNodeError(node, new TypeError('boom'), 2);
	expect(wrapped).toBeInstanceOf(NodeOperationError);
	expect(wrapped).not.toBeInstanceOf(NodeApiError);
	expect(wrapped.message).toBe('boom');
	expect(wrapped.context.itemIndex).toBe(2);
	expect(asNodeError(node, new Error('poll failed')).context.itemIndex).toBeUndefined();
});
