/**
 * The bad-input matrix over the Tanma Trigger's fields (Event, Watch, Customer WeCom IDs, Late Arrival Window,
 * Start From), generated like the action node's (test/support/badInput.ts): each bad value is refused by name,
 * on activation and on a manual run, with nothing sent and the trigger's saved state left as it was.
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { credentialsFor, runPoll } from '../lab/core';
import { TanmaTrigger } from '../nodes/Tanma/TanmaTrigger.node';
import type { Sandbox } from '../sandbox/server';
import { startSandbox } from '../sandbox/server';
import { badValuesFor, leavesOf, withValueAt } from './support/badInput';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => sandbox.close());
beforeEach(() => sandbox.reset());

const properties = new TanmaTrigger().description.properties as INodeProperties[];
const validParameters = (): INodeParameters => ({
	event: 'newFollowUp',
	scope: 'specificCustomers',
	externalUserIds: sandbox.tenant.customers[0].externalUserId,
	options: { lateArrivalMinutes: 10, startFrom: '2026-11-01 00:00:00' },
});
const cases = leavesOf(properties).flatMap((leaf) =>
	badValuesFor(leaf.property).map((bad) => ({
		leaf,
		bad,
		title: `${leaf.path.join('.')} = ${bad.name}`,
	})),
);

test('every field of the trigger is in the matrix', () => {
	expect(new Set(cases.map((c) => c.leaf.path.join('.')))).toEqual(
		new Set([
			'event',
			'scope',
			'externalUserIds',
			'options.filterCheckMinutes',
			'options.lateArrivalMinutes',
			'options.maxParallelRequests',
			'options.startFrom',
		]),
	);
});

test.each(['trigger', 'manual'] as const)(
	'the valid parameters poll (%s), so the matrix starts from a working trigger',
	async (mode) => {
		const run = await runPoll({
			nodeType: new TanmaTrigger(),
			parameters: validParameters(),
			credentials: credentialsFor(sandbox),
			mode,
		});
		expect(run.error).toBeUndefined();
		expect(sandbox.requests.length).toBeGreaterThan(0);
	},
);

test.each(cases.map((c) => [c.title, c] as const))(
	'%s: refused by name on activation and on a manual run, nothing sent',
	async (_title, { leaf, bad }) => {
		let parameters = validParameters();
		for (const [name, value] of Object.entries(leaf.shownWhen))
			parameters = withValueAt(parameters, [name], value);
		parameters = withValueAt(parameters, leaf.path, bad.value);
		const staticData = { state: { kept: true } };
		for (const mode of ['trigger', 'manual'] as const) {
			const run = await runPoll({
				nodeType: new TanmaTrigger(),
				parameters,
				credentials: credentialsFor(sandbox),
				mode,
				staticData,
			});
			expect(run.error?.message).toContain(leaf.property.displayName);
			expect(run.staticData).toEqual(staticData);
		}
		expect(sandbox.requests).toHaveLength(0);
	},
);

test('a Tanma-format Start From is read as China Standard Time', async () => {
	const parameters = withValueAt(
		validParameters(),
		['options', 'startFrom'],
		'2026-11-01 08:00:00',
	);
	const run = await runPoll({
		nodeType: new TanmaTrigger(),
		parameters,
		credentials: credentialsFor(sandbox),
	});
	expect(run.error).toBeUndefined();
	// The trigger keys its state to the start it was given, in epoch milliseconds: 08:00 CST is 00:00 UTC.
	expect((run.staticData.state as { config: string }).config).toBe(
		`newFollowUp|specificCustomers|${Date.UTC(2026, 10, 1, 0, 0, 0)}`,
	);
});
