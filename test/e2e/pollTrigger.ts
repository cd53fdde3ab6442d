/**
 * The Tanma Trigger in the shared real n8n (./shared.ts), published on the running n8n: follow-ups written after
 * activation reach the workflow once each, and the next poll adds nothing. Then a large tenant's story against a Tanma
 * sandbox of its own, published here and checked at the end of the suite (describeLargeTenantOutcome) while the other
 * groups run: a customer is read when its follow-up shows up and once more when its late-arrival window closes, and a
 * customer Tanma says does not exist, or whose reads fail for a while, holds back no one, in both watches. (Each n8n poll scheduler, with a
 * restart, is test/e2e-schedulers.test.ts; queue mode test/e2e-queue.test.ts.)
 */
import { waitFor } from '../../lab/n8n-instance';
import { sandboxCredential, triggerWorkflow } from '../../lab/workflows';
import { ENDPOINTS } from '../../nodes/Tanma/transport/protocol/endpoints';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import type { Shared } from './shared';
import { executionsSettled, publish, sinkUrl } from './shared';

type Sunk = { event?: string; id?: number; workflow?: string };

/** Follow-ups in the sink, of one workflow when given. */
const followUpsIn = (sink: unknown[], workflow?: string) =>
	(sink as Sunk[]).filter(
		(x) => x.event === 'followUp' && (workflow === undefined || x.workflow === workflow),
	);

export function describePollTrigger(shared: Shared): void {
	test('the polling trigger delivers follow-ups written after activation, each exactly once; one more poll adds nothing', async () => {
		const s = shared();
		const { sandbox } = s.demo;
		// Start From an instant before publishing, so the records written after it count however late the first poll runs.
		const workflow = triggerWorkflow(sinkUrl(s), new Date().toISOString());
		await publish(s, workflow);
		try {
			const written = sandbox.tenant.customers
				.slice(0, 3)
				.flatMap((c) => sandbox.addFollowUps(c.externalUserId, [`e2e ${c.externalUserId}`]));
			const followUps = () => followUpsIn(sandbox.sink);
			const searches = () =>
				sandbox.requests.filter((r) => r.path === '/api/v3/customer/search').length;
			await waitFor(
				() => followUps().length >= written.length,
				150_000,
				() => `the follow-ups to arrive; n8n log:\n${s.demo.n8n.log.slice(-2000)}`,
			);
			// One more poll (a new search at the sandbox) and its executions, if any, must not repeat anything.
			const polled = searches();
			await waitFor(
				() => searches() > polled,
				90_000,
				() => 'one more poll',
			);
			await executionsSettled(s, workflow.id);
			expect(
				followUps()
					.map((x) => x.id)
					.sort(),
			).toEqual(written.map((f) => f.id).sort());
		} finally {
			await s.demo.n8n.deactivateWorkflow(s.cookie, workflow.id);
		}
	});

	test('a large tenant: two triggers published (Recently Active and Specific Customers), each with a customer Tanma says does not exist and one whose reads fail twice', async () => {
		const s = shared();
		// A Tanma of its own, so the other groups' requests, faults and resets never mix with this story's.
		const sandbox = await startSandbox();
		story.sandbox = sandbox;
		const [{ name, type, data }] = sandboxCredential(sandbox);
		const credential = {
			id: await s.demo.n8n.createCredential(s.cookie, {
				name: `${name} (large tenant)`,
				type,
				data,
			}),
			name: `${name} (large tenant)`,
		};
		const recent = sandbox.tenant.customers.slice(60, 64).map((c) => c.externalUserId);
		const specific = sandbox.tenant.customers.slice(70, 73).map((c) => c.externalUserId);
		const read = ENDPOINTS.customerFollowUps.path;
		const failing = (externalUserId: string, message: string, times: number) =>
			sandbox.addFault({
				kind: 'vendor',
				code: -1,
				message,
				path: read,
				match: { externalUserId },
				times,
			});
		// Recently Active: the second customer's list is refused for good, the fourth's twice.
		failing(recent[1], '客户不存在', 0);
		failing(recent[3], '操作失败', 2);
		// Specific Customers: a WeCom id Tanma does not have (mistyped, or deleted), and the third customer failing twice.
		const missing = 'wmNoSuchCustomer0000000000000000';
		failing(specific[2], '操作失败', 2);
		const startFrom = new Date().toISOString();
		const sink = `${sandbox.baseUrl}/__sandbox/sink`;
		for (const workflow of [
			triggerWorkflow(sink, startFrom, { id: RECENT_ID, credential }),
			triggerWorkflow(sink, startFrom, {
				id: SPECIFIC_ID,
				credential,
				externalUserIds: [specific[0], missing, specific[1], specific[2]],
			}),
		])
			await publish(s, workflow);
		const written = [...recent, ...specific].map((id) => sandbox.addFollowUps(id, ['大客户'])[0]);
		Object.assign(story, { recent, specific, missing, written });
	});
}

const RECENT_ID = 'tanmaE2eTrigger2';
const SPECIFIC_ID = 'tanmaE2eTrigger3';

/** What the large tenant's story started with, for the check at the end of the suite. */
const story = {
	recent: [] as string[],
	specific: [] as string[],
	missing: '',
	written: [] as Array<{ id: number; externalUserId: string; createTimeMs: number }>,
	/** The story's own Tanma. */
	sandbox: undefined as Sandbox | undefined,
};

export function describeLargeTenantOutcome(shared: Shared): void {
	test('the large tenant: every other follow-up came once, the failing one after it recovered; a customer read once more when its window closed, one that does not exist not read again; both in n8n’s log', async () => {
		const s = shared();
		const { recent, specific, missing, written } = story;
		const sandbox = story.sandbox!;
		expect(written).toHaveLength(7);
		// Recently Active sees every customer's follow-up; Specific Customers its own three.
		const expected = {
			[RECENT_ID]: written.filter((f) => f.externalUserId !== recent[1]).map((f) => f.id),
			[SPECIFIC_ID]: written.filter((f) => specific.includes(f.externalUserId)).map((f) => f.id),
		};
		const delivered = (workflow: string) =>
			followUpsIn(sandbox.sink, workflow)
				.map((x) => Number(x.id))
				.filter((id) => written.some((f) => f.id === id))
				.sort((a, b) => a - b);
		/** When each customer's follow-up list was read. */
		const reads = (id: string) =>
			sandbox
				.requestsTo(ENDPOINTS.customerFollowUps.path)
				.filter((r) => r.json?.externalUserId === id)
				.map((r) => r.receivedAt);
		try {
			await waitFor(
				() =>
					Object.entries(expected).every(([workflow, ids]) =>
						ids.every((id) => delivered(workflow).includes(id)),
					),
				300_000,
				() =>
					`the follow-ups of the large tenant's story; n8n log:\n${s.demo.n8n.log.slice(-3000)}`,
			);
			// Recently Active: a customer is read when its follow-up shows up, and once more when its window (2 minutes)
			// has closed; then a poll later still twice.
			const windowClosed = written[0].createTimeMs + 2 * 60_000;
			await waitFor(
				() => reads(recent[0]).some((t) => t >= windowClosed) && Date.now() > windowClosed + 75_000,
				300_000,
				() =>
					`the read when the window closed, and one more poll; reads: ${JSON.stringify(reads(recent[0]))}`,
			);
			await executionsSettled(s, RECENT_ID);
			await executionsSettled(s, SPECIFIC_ID);
		} finally {
			for (const id of [RECENT_ID, SPECIFIC_ID]) await s.demo.n8n.deactivateWorkflow(s.cookie, id);
			await sandbox.close();
		}
		for (const [workflow, ids] of Object.entries(expected))
			expect({ workflow, delivered: delivered(workflow) }).toEqual({
				workflow,
				delivered: [...ids].sort((a, b) => a - b),
			});
		expect(reads(recent[0])).toHaveLength(2);
		expect(reads(recent[2])).toHaveLength(2);
		// Tanma said it does not exist: read once, then only hourly (the story lasts minutes).
		expect(reads(recent[1])).toHaveLength(1);
		expect(reads(missing)).toHaveLength(1);
		// Specific Customers has no listing to tell what moved: its customers are read on every poll.
		expect(reads(specific[0]).length).toBeGreaterThanOrEqual(4);
		const log = s.demo.n8n.log;
		for (const id of [recent[1], missing])
			expect(log).toContain(`could not read customer ${id} (Tanma error -1: 客户不存在)`);
		for (const id of [recent[3], specific[2]])
			expect(log.split(`could not read customer ${id} (Tanma error -1: 操作失败)`)).toHaveLength(3);
	});
}
