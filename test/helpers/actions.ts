/**
 * What the action-node test files share: one sandbox per file (reset before each test) and the Tanma node run
 * through n8n-core's WorkflowExecute against it (lab/core).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { credentialsFor, runNodeInWorkflow } from '../../lab/core';
import { Tanma } from '../../nodes/Tanma/Tanma.node';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

export function actionsAgainstSandbox() {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox?.close());
	beforeEach(() => sandbox?.reset());
	const current = () => {
		if (!sandbox) throw new Error('the sandbox starts in beforeAll');
		return sandbox;
	};
	const run = (parameters: INodeParameters, input?: IDataObject[], continueOnFail = false) =>
		runNodeInWorkflow({ nodeType: new Tanma(), parameters, credentials: credentialsFor(current()), input, continueOnFail });
	return {
		get sandbox() {
			return current();
		},
		run,
		/** The output items' JSON. */
		json: (r: Awaited<ReturnType<typeof run>>) => r.items.map((i) => i.json),
		/** The last request the sandbox received, parsed with ids exact, and as the bytes it was sent. */
		lastBody: () => current().requests[current().requests.length - 1].json,
		lastRaw: () => current().requests[current().requests.length - 1].rawBody,
	};
}

/** One text entry of the message-content builder (SOPs and mass-sends). */
export const textContent = (content: string) => ({ kind: 'text', content });
