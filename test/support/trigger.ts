/** What the Tanma Trigger test files share: a trigger whose static data survives between polls only as JSON. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { PollRun } from '../../lab/core';
import { credentialsFor, runPoll } from '../../lab/core';
import { TanmaTrigger } from '../../nodes/Tanma/TanmaTrigger.node';
import type { Sandbox } from '../../sandbox/server';

/** Each poll uses a new node instance (a restart, or another process in queue mode, must not matter). */
export function triggerUnderTest(sandbox: () => Sandbox, parameters: INodeParameters, budgetMs?: number) {
	let staticData: IDataObject = {};
	return {
		async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollRun> {
			const run = await runPoll({ nodeType: new TanmaTrigger(), parameters, credentials: credentialsFor(sandbox()), staticData, mode, budgetMs });
			if (mode === 'trigger') staticData = run.staticData;
			return run;
		},
		get state() {
			return staticData.state as { since: string; seen: Record<string, number>; scan?: unknown };
		},
	};
}
