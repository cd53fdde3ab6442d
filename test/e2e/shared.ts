/**
 * The one real n8n the groups of test/e2e.test.ts share: the demo instance (lab/demo-instance.ts: the package packed
 * once and installed as a community package, the sandbox and its credential, every example, the owner), started in
 * zh-CN for the editor's checks. Groups add their workflows and credentials through n8n's REST API and run or publish
 * them on the running n8n: no CLI boot per workflow. Waits are on n8n's executions, never a fixed sleep.
 */
import type { Demo } from '../../lab/demo-instance';
import { waitFor } from '../../lab/n8n-instance';
import { sunk } from '../support/e2e';

export interface SharedN8n {
	demo: Demo;
	/** The owner's session (lab/demo-instance.ts DEMO_LOGIN). */
	cookie: string;
	log(message: string): void;
}

/** Each group gets the shared n8n through this, once the suite's beforeAll has started it. */
export type Shared = () => SharedN8n;

export const sinkUrl = (s: SharedN8n) => `${s.demo.sandbox.baseUrl}/__sandbox/sink`;

/** Creates a workflow on the running n8n and publishes it. */
export async function publish(s: SharedN8n, workflow: { id: string; name: string }): Promise<void> {
	await s.demo.n8n.createWorkflow(s.cookie, workflow);
	await s.demo.n8n.activateWorkflow(s.cookie, workflow.id);
}

/** Until the workflow has no execution n8n has not finished. */
export async function executionsSettled(
	s: SharedN8n,
	workflowId: string,
	timeoutMs = 120_000,
): Promise<void> {
	await waitFor(
		async () => (await s.demo.n8n.unfinishedExecutions(s.cookie, workflowId)) === 0,
		timeoutMs,
		() => `the executions of ${workflowId} to finish; n8n log:\n${s.demo.n8n.log.slice(-2000)}`,
	);
}

/**
 * Waits until the sink holds `count` distinct ids in [from, to) and `workflowId` has no unfinished execution (so a
 * second execution of any message would already have reached the sink); returns the ids, with repeats, sorted.
 */
export async function settle(
	s: SharedN8n,
	workflowId: string,
	from: number,
	to: number,
	count: number,
): Promise<number[]> {
	await waitFor(
		() => new Set(sunk(s.demo.sandbox, from, to)).size >= count,
		120_000,
		() => `${count} distinct ids in [${from}, ${to}); n8n log:\n${s.demo.n8n.log.slice(-2000)}`,
	);
	await executionsSettled(s, workflowId);
	return sunk(s.demo.sandbox, from, to);
}

/** A node's output items' JSON from a run of N8nInstance.runWorkflow (its first run, first output). */
export function itemsOf(
	nodes: Record<string, unknown[]>,
	node: string,
): Array<Record<string, unknown>> {
	const run = nodes[node]?.[0] as
		| { main?: Array<Array<{ json: Record<string, unknown> }>> }
		| undefined;
	return (run?.main?.[0] ?? []).map((item) => item.json);
}
