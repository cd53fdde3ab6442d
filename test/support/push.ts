/**
 * What the push-trigger test files share: one sandbox per file and Tanma Push Triggers hosted behind real
 * listeners (lab/core's webhook host), all closed after the file.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import type { WebhookHost } from '../../lab/core';
import { credentialsFor, startWebhookHost } from '../../lab/core';
import { TanmaPushTrigger } from '../../nodes/Tanma/TanmaPushTrigger.node';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';

export interface PushHostOptions {
	/** Merged over "all events, no registration, no options". */
	parameters?: INodeParameters;
	/** Default: the sandbox's credential. */
	credentials?: ICredentialDataDecryptedObject;
	/** A node type loaded afresh (a restart), else a new TanmaPushTrigger. */
	nodeType?: TanmaPushTrigger;
	/** Same id and static data as an earlier host = the same workflow after a restart. */
	workflowId?: string;
	staticData?: string;
	registerDelayMs?: number;
	failToStart?: () => boolean;
}

export function pushTriggersAgainstSandbox() {
	let sandbox: Sandbox | undefined;
	const hosts: WebhookHost[] = [];
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await Promise.all(hosts.map((h) => h.close()));
		await sandbox?.close();
	});
	const current = () => {
		if (!sandbox) throw new Error('the sandbox starts in beforeAll');
		return sandbox;
	};
	return {
		get sandbox() {
			return current();
		},
		async host(options: PushHostOptions = {}): Promise<WebhookHost> {
			const h = await startWebhookHost({
				nodeType: options.nodeType ?? new TanmaPushTrigger(),
				parameters: { events: ['*'], registerAddress: false, options: {}, ...options.parameters },
				credentials: options.credentials ?? credentialsFor(current()),
				workflowId: options.workflowId,
				staticData: options.staticData,
				registerDelayMs: options.registerDelayMs,
				failToStart: options.failToStart,
			});
			hosts.push(h);
			return h;
		},
	};
}
