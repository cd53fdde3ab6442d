/**
 * The bad-input matrix over the Tanma Push Trigger's fields (Events, Register Address on Activation,
 * Acknowledgement Format, Emit Register Message, Replay Window), generated like the action node's
 * (test/support/badInput.ts): each bad value makes activation fail with the field's name before the address is
 * registered with Tanma, and a push that reaches the node anyway is not acknowledged (so Tanma delivers it again
 * once the setting is fixed) and starts nothing.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { TanmaPushTrigger } from '../nodes/Tanma/TanmaPushTrigger.node';
import { ENDPOINTS } from '../nodes/Tanma/transport/protocol/endpoints';
import { badValuesFor, leavesOf, withValueAt } from './support/badInput';
import { pushTriggersAgainstSandbox } from './support/push';

const t = pushTriggersAgainstSandbox();
beforeEach(() => t.sandbox.reset());

const properties = new TanmaPushTrigger().description.properties as INodeProperties[];
const validParameters: INodeParameters = {
	events: ['*'],
	registerAddress: true,
	options: { ackFormat: 'text', emitRegister: false, replayWindowSeconds: 300 },
};
const cases = leavesOf(properties).flatMap((leaf) =>
	badValuesFor(leaf.property).map((bad) => ({
		leaf,
		bad,
		title: `${leaf.path.join('.')} = ${bad.name}`,
	})),
);

test('every field of the push trigger is in the matrix', () => {
	expect(new Set(cases.map((c) => c.leaf.path.join('.')))).toEqual(
		new Set([
			'events',
			'registerAddress',
			'options.ackFormat',
			'options.emitRegister',
			'options.replayWindowSeconds',
		]),
	);
});

test('the valid parameters activate (registering the address) and accept a push', async () => {
	const h = await t.host({ parameters: validParameters });
	expect(await h.activate()).toEqual({ created: true });
	expect(t.sandbox.requests.map((r) => r.path)).toEqual([ENDPOINTS.pushRegister.path]);
	expect(await t.sandbox.push(h.webhookUrl, { type: 'tag_info' })).toMatchObject({
		status: 200,
		acknowledged: true,
	});
	expect(h.executions).toHaveLength(1);
});

test.each(cases.map((c) => [c.title, c] as const))(
	'%s: activation refused by name, nothing sent; a push is not acknowledged',
	async (_title, { leaf, bad }) => {
		let parameters = validParameters;
		for (const [name, value] of Object.entries(leaf.shownWhen))
			parameters = withValueAt(parameters, [name], value);
		const h = await t.host({ parameters: withValueAt(parameters, leaf.path, bad.value) });
		await expect(h.activate()).rejects.toThrow(leaf.property.displayName);
		expect(t.sandbox.requests).toHaveLength(0);
		const delivery = await t.sandbox.push(h.webhookUrl, { type: 'tag_info' });
		expect(delivery.acknowledged).toBe(false);
		expect(h.executions).toHaveLength(0);
	},
);
