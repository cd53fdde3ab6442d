/**
 * n8n's REST API as its editor uses it (log in, save and run a workflow, publish it, create and test a
 * credential, list executions): what the real-n8n suites do on a started n8n instead of a CLI boot each.
 * lab/n8n-instance.ts starts the process; this holds the calls.
 */
import { parse } from 'flatted';

export abstract class N8nRestApi {
	abstract get baseUrl(): string;
	/** The process's output so far, quoted when a call fails. */
	abstract log: string;

	/** Sets up the owner of a new user folder (a reused one answers 400) and logs in: the session cookie. */
	async ownerCookie(
		login = {
			email: 'owner@example.com',
			firstName: 'Tanma',
			lastName: 'Tester',
			password: 'Tanma-e2e-2026',
		},
	): Promise<string> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(login),
			});
			const res = await fetch(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: login.email, password: login.password }),
			});
			if (res.ok) return (res.headers.get('set-cookie') ?? '').split(';')[0];
			if (Date.now() > deadline)
				throw new Error(`owner login failed (${res.status}):\n${this.log.slice(-2000)}`);
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** Creates a workflow through the REST API (as the editor saves one), keeping its id; no CLI boot. */
	async createWorkflow(
		cookie: string,
		workflow: { id: string; name: string } & Record<string, unknown>,
	): Promise<void> {
		const answer = await fetch(`${this.baseUrl}/rest/workflows`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify(workflow),
		});
		if (!answer.ok)
			throw new Error(
				`creating workflow ${workflow.id} failed: ${answer.status} ${await answer.text()}`,
			);
	}

	/** Creates a credential through the REST API; n8n gives it an id, which is returned. */
	async createCredential(
		cookie: string,
		credential: { name: string; type: string; data: object },
	): Promise<string> {
		const answer = await fetch(`${this.baseUrl}/rest/credentials`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify(credential),
		});
		if (!answer.ok)
			throw new Error(
				`creating credential ${credential.name} failed: ${answer.status} ${await answer.text()}`,
			);
		return ((await answer.json()) as { data: { id: string } }).data.id;
	}

	/** Unpublishes (deactivates) a workflow while n8n runs. */
	async deactivateWorkflow(cookie: string, workflowId: string): Promise<void> {
		const answer = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}/deactivate`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: '{}',
		});
		if (!answer.ok)
			throw new Error(
				`deactivating workflow ${workflowId} failed: ${answer.status} ${await answer.text()}`,
			);
	}

	/** Executions of a workflow n8n has not finished (new, running or waiting). */
	async unfinishedExecutions(cookie: string, workflowId: string): Promise<number> {
		return (await this.executionsIn(cookie, workflowId, ['new', 'running', 'waiting'])).length;
	}

	/** The newest 100 executions of a workflow in the given statuses, with their status. */
	async executionsIn(
		cookie: string,
		workflowId: string,
		status: string[],
	): Promise<Array<{ id: string; status: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
		const answer = await fetch(`${this.baseUrl}/rest/executions?filter=${filter}&limit=100`, {
			headers: { cookie },
		});
		type Page = { data: { results: Array<{ id: string; status: string }> } };
		return ((await answer.json()) as Page).data.results;
	}

	/**
	 * Publishes (activates) a workflow while n8n runs, as the editor's Publish button does: its current version,
	 * through POST /rest/workflows/:id/activate. Returns when n8n has activated it.
	 */
	async activateWorkflow(cookie: string, workflowId: string): Promise<void> {
		const headers = { 'Content-Type': 'application/json', cookie };
		const current = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}`, { headers });
		if (!current.ok)
			throw new Error(
				`reading workflow ${workflowId} failed: ${current.status} ${await current.text()}`,
			);
		const { versionId } = ((await current.json()) as { data: { versionId: string } }).data;
		const answer = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}/activate`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ versionId }),
		});
		if (!answer.ok)
			throw new Error(
				`activating workflow ${workflowId} failed: ${answer.status} ${await answer.text()}`,
			);
	}

	/**
	 * Runs a workflow on the started n8n as the editor's *Execute workflow* does (POST /rest/workflows/:id/run from its
	 * trigger `startNode`), and waits for the execution n8n stores: its status, and each node's items or error as n8n
	 * reports them. No CLI boot: the run takes what the workflow takes.
	 */
	async runWorkflow(
		cookie: string,
		workflowId: string,
		startNode: string,
		timeoutMs = 120_000,
	): Promise<{ executionId: string; status: string; nodes: Record<string, unknown[]> }> {
		const headers = { 'Content-Type': 'application/json', cookie };
		const started = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ triggerToStartFrom: { name: startNode } }),
		});
		if (!started.ok)
			throw new Error(
				`running workflow ${workflowId} failed: ${started.status} ${await started.text()}`,
			);
		const { executionId } = ((await started.json()) as { data: { executionId: string } }).data;
		let execution: { status: string; data: string } | undefined;
		await waitFor(
			async () => {
				const answer = await fetch(`${this.baseUrl}/rest/executions/${executionId}`, { headers });
				const found = ((await answer.json()) as { data?: { status: string; data: string } }).data;
				if (found && !['new', 'running', 'waiting'].includes(found.status)) execution = found;
				return execution !== undefined;
			},
			timeoutMs,
			() =>
				`execution ${executionId} of ${workflowId} to finish; n8n log:\n${this.log.slice(-2000)}`,
		);
		const run = parse(execution!.data) as {
			resultData: {
				runData: Record<
					string,
					Array<{ data?: unknown; error?: { message?: string; description?: string } }>
				>;
			};
		};
		const nodes = Object.fromEntries(
			Object.entries(run.resultData.runData).map(([name, runs]) => [
				name,
				runs.map((r) => r.data ?? { error: r.error?.message, description: r.error?.description }),
			]),
		);
		return { executionId, status: execution!.status, nodes };
	}

	/** A workflow's static data as n8n saved it (its nodes' keys, `node:<name>`, and `global`). */
	async workflowStaticData(cookie: string, workflowId: string): Promise<Record<string, unknown>> {
		const answer = await fetch(`${this.baseUrl}/rest/workflows/${workflowId}`, {
			headers: { cookie },
		});
		if (!answer.ok)
			throw new Error(
				`reading workflow ${workflowId} failed: ${answer.status} ${await answer.text()}`,
			);
		return (
			((await answer.json()) as { data: { staticData?: Record<string, unknown> } }).data
				.staticData ?? {}
		);
	}

	/** n8n's own credential test (POST /rest/credentials/test) on `credential`, as the editor's Test button runs it. */
	async testCredential(
		cookie: string,
		credential: object,
	): Promise<{ status: string; message: string }> {
		const answer = await fetch(`${this.baseUrl}/rest/credentials/test`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', cookie },
			body: JSON.stringify({ credentials: credential }),
		});
		return ((await answer.json()) as { data: { status: string; message: string } }).data;
	}
}

/** Polls `condition` every 500 ms; on timeout throws with `context()` (say, the n8n log tail). */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	timeoutMs: number,
	context: () => string,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; ${context()}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}
