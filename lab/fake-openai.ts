/**
 * A stand-in for OpenAI's Chat Completions API (`POST <base>/chat/completions`), for running n8n's AI Agent
 * against our tools without a real model. It plays a script: the first request of a conversation is answered
 * with a call of the tool `pickTool` chooses, with the arguments `argumentsFor` gives; a request that carries the
 * tool's result is answered with `finalAnswer(result)`. Every request body is kept, so a test can read the tool
 * schema the model was given. Answers stream (server-sent events) when the request asks for it.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface ChatTool {
	type: 'function';
	function: {
		name: string;
		description?: string;
		parameters?: { properties?: Record<string, unknown>; required?: string[] };
	};
}

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

export interface ModelScript {
	pickTool: (tools: ChatTool[]) => ChatTool | undefined;
	argumentsFor: (tool: ChatTool) => Record<string, unknown>;
	finalAnswer: (toolResult: string) => string;
}

export interface FakeOpenAi {
	/** What to put in an OpenAI credential's Base URL. */
	baseUrl: string;
	requests: ChatRequest[];
	close(): Promise<void>;
}

type Choice = {
	content: string | null;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
};

function answerFor(request: ChatRequest, script: ModelScript): Choice {
	const toolResult = [...request.messages].reverse().find((m) => m.role === 'tool');
	if (toolResult)
		return {
			content: script.finalAnswer(
				typeof toolResult.content === 'string'
					? toolResult.content
					: JSON.stringify(toolResult.content),
			),
		};
	const tool = script.pickTool(request.tools ?? []);
	if (!tool) return { content: 'I have no tool to answer with.' };
	return {
		content: null,
		tool_calls: [
			{
				id: 'call_tanma_1',
				type: 'function',
				function: {
					name: tool.function.name,
					arguments: JSON.stringify(script.argumentsFor(tool)),
				},
			},
		],
	};
}

function send(res: http.ServerResponse, request: ChatRequest, choice: Choice): void {
	const base = {
		id: 'chatcmpl-fake',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
	};
	const finish = choice.tool_calls ? 'tool_calls' : 'stop';
	if (!request.stream) {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(
			JSON.stringify({
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message: { role: 'assistant', ...choice }, finish_reason: finish }],
				usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
			}),
		);
		return;
	}
	res.writeHead(200, { 'Content-Type': 'text/event-stream' });
	const chunk = (delta: object, finishReason: string | null) =>
		res.write(
			`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
		);
	const toolCalls = choice.tool_calls?.map((call, index) => ({ index, ...call }));
	chunk(
		{
			role: 'assistant',
			content: choice.content ?? '',
			...(toolCalls ? { tool_calls: toolCalls } : {}),
		},
		null,
	);
	chunk({}, finish);
	res.end('data: [DONE]\n\n');
}

export async function startFakeOpenAi(script: ModelScript): Promise<FakeOpenAi> {
	const requests: ChatRequest[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			if (req.method === 'GET' && req.url?.endsWith('/models')) {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(
					JSON.stringify({
						object: 'list',
						data: [{ id: 'fake-model', object: 'model', owned_by: 'tanma-tests' }],
					}),
				);
				return;
			}
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(
					JSON.stringify({
						error: { message: `the fake OpenAI server has no ${req.method} ${req.url}` },
					}),
				);
				return;
			}
			const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
			requests.push(request);
			send(res, request, answerFor(request, script));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
