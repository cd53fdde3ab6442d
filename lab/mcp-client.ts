/**
 * An MCP client (the official SDK, streamable HTTP) on a published MCP Server Trigger. n8n activates published
 * workflows after its API is up, and until the MCP route exists it answers the path with a 404 or, while it is
 * still starting, a 200 text/html page (seen: the SDK's "Unexpected content type: text/html"). So connect, and
 * retry until the route answers as MCP.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { waitFor } from './n8n-instance';

export async function connectMcpClient(
	url: URL,
	name: string,
	context: () => string,
	timeoutMs = 60_000,
): Promise<{ client: Client; attempts: number; lastError: string }> {
	let client: Client | undefined;
	let attempts = 0;
	let lastError = '';
	await waitFor(
		async () => {
			attempts += 1;
			const candidate = new Client({ name, version: '1.0.0' });
			try {
				await candidate.connect(new StreamableHTTPClientTransport(url));
				client = candidate;
				return true;
			} catch (error) {
				lastError = String(error);
				await candidate.close().catch(() => undefined);
				return false;
			}
		},
		timeoutMs,
		() => `the MCP route never answered as MCP (last error: ${lastError}); ${context()}`,
	);
	return { client: client!, attempts, lastError };
}
