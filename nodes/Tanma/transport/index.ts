import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { Backoff, DEFAULT_MAX_PARALLEL_READS, ReadPacer } from './concurrency';
import type { TanmaEndpoint } from './protocol/endpoints';
import {
	httpStatusError,
	malformedResponseError,
	mayHaveBeenSent,
	networkError,
	vendorError,
} from './errors';
import type { TanmaBody } from './protocol/json';
import { isPlainObject, parseJsonLossless, stringifyJson } from './protocol/json';
import type { CollectOptions } from './paging';
import { collectPages } from './paging';
import type { RetryPolicy } from './retry';
import { reserveStart } from './rateLimit';
import {
	DEFAULT_RETRY_POLICY,
	isThrottleMessage,
	MAX_RETRY_AFTER_MS,
	isTransientFailure,
	retryAfterMs,
	retryDelayMs,
} from './retry';

export type TanmaFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const TANMA_CREDENTIAL = 'tanmaApi';

export type EndpointRef = Pick<TanmaEndpoint, 'path' | 'read'> &
	Partial<Pick<TanmaEndpoint, 'docPage' | 'editions' | 'repeat'>>;

export interface TanmaRequestOptions {
	itemIndex?: number;
	retry?: RetryPolicy;
	timeoutMs?: number;
	/**
	 * The credential, decrypted once by a caller that sends many requests in a row (paging, trigger scans).
	 * Every request is still signed by the credential's `authenticate`; n8n would otherwise load and
	 * decrypt the credential again for each request.
	 */
	credentials?: ICredentialsDecrypted;
	/** The run's parallel-read bound and back-off (by default the execution's: executionBackoff). */
	pacer?: ReadPacer;
	/** No retry waits past this (epoch ms): a poll ends within n8n's poll budget. */
	deadline?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

interface Attempt {
	status?: number;
	bodyText?: string;
	retryAfter?: string | string[];
	networkCode?: string;
	networkDetail?: string;
}

function networkFacts(error: unknown): Attempt {
	const err = error as {
		code?: unknown;
		message?: unknown;
		cause?: { code?: unknown; message?: unknown };
	};
	const code = err?.cause?.code ?? err?.code;
	const detail = err?.cause?.message ?? err?.message;
	return {
		networkCode: typeof code === 'string' ? code : undefined,
		networkDetail: typeof detail === 'string' ? detail : 'request failed',
	};
}

async function sendOnce(
	ctx: TanmaFunctions,
	path: string,
	body: string,
	timeoutMs: number,
	credentials?: ICredentialsDecrypted,
): Promise<Attempt> {
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: path,
		// Serialized once here; the credential signs this exact string and it is sent as is.
		body,
		headers: { 'Content-Type': 'application/json' },
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			TANMA_CREDENTIAL,
			request,
			credentials ? { credentialsDecrypted: credentials } : undefined,
		)) as IN8nHttpFullResponse;
		const raw = response.body as unknown;
		return {
			status: response.statusCode,
			bodyText:
				typeof raw === 'string'
					? raw
					: Buffer.isBuffer(raw)
						? raw.toString('utf8')
						: JSON.stringify(raw),
			retryAfter: response.headers?.['retry-after'] as string | string[] | undefined,
		};
	} catch (error) {
		return networkFacts(error);
	}
}

/** What one execution's requests share (its context object is the key): the back-off and the credential's rate. */
interface ExecutionPace {
	backoff: Backoff;
	rate?: Promise<{ app: string; perSecond: number }>;
}
const paces = new WeakMap<object, ExecutionPace>();

function paceOf(ctx: TanmaFunctions): ExecutionPace {
	let pace = paces.get(ctx);
	if (!pace) {
		pace = { backoff: new Backoff() };
		paces.set(ctx, pace);
	}
	return pace;
}

/** The back-off every request of this execution shares (a node's run over all its items, a poll). */
export function executionBackoff(ctx: TanmaFunctions): Backoff {
	return paceOf(ctx).backoff;
}

/** The credential's app and Max Requests per Second (0: none), read once per execution. */
async function rateOf(
	ctx: TanmaFunctions,
	credentials?: ICredentialsDecrypted,
): Promise<{ app: string; perSecond: number }> {
	const read = (data: ICredentialDataDecryptedObject) => ({
		app: `${String(data.baseUrl ?? '')}|${String(data.appId ?? '')}`,
		perSecond: Number(data.maxRequestsPerSecond) || 0,
	});
	if (credentials?.data) return read(credentials.data);
	const pace = paceOf(ctx);
	pace.rate ??= ctx.getCredentials(TANMA_CREDENTIAL).then(read);
	return await pace.rate;
}

/** Waits for this request's turn: the execution's back-off, then the credential's rate (./rateLimit.ts). */
async function takeTurn(
	ctx: TanmaFunctions,
	backoff: Backoff,
	credentials?: ICredentialsDecrypted,
): Promise<void> {
	await backoff.turn();
	const { app, perSecond } = await rateOf(ctx, credentials);
	const spacing = reserveStart(app, perSecond);
	if (spacing > 0) await sleep(spacing);
}

/**
 * Whether a failed attempt may be sent again, and as what: `busy` (Tanma or a gateway asked to slow down: HTTP 429
 * or a "too frequent" answer; it refused, so even a write is safe to send again), `transient` (5xx, a timeout, a
 * dropped connection: a read is sent again, a write only when it cannot have reached Tanma), or not at all.
 */
function failureKind(
	result: Attempt,
	vendorMessage: string | undefined,
): 'busy' | 'transient' | undefined {
	if (result.status === 429 || (vendorMessage !== undefined && isThrottleMessage(vendorMessage)))
		return 'busy';
	return isTransientFailure(result) ? 'transient' : undefined;
}

/**
 * One signed call to a Tanma endpoint. Returns the envelope's `data`.
 * Vendor failures (HTTP 200 with code != 0), HTTP errors and network errors become NodeApiError.
 * Failures worth repeating (failureKind) are sent again after a jittered back-off that every request of the
 * execution waits out; a write never when Tanma may have carried it out.
 */
export async function tanmaApiRequest(
	this: TanmaFunctions,
	endpoint: EndpointRef,
	payload?: TanmaBody,
	options: TanmaRequestOptions = {},
): Promise<unknown> {
	const node = this.getNode();
	const { itemIndex } = options;
	const policy = options.retry ?? DEFAULT_RETRY_POLICY;
	const body = payload === undefined ? '' : stringifyJson(payload);
	const backoff = options.pacer?.backoff ?? executionBackoff(this);

	for (let attempt = 0; ; attempt++) {
		await takeTurn(this, backoff, options.credentials);
		if (options.pacer) options.pacer.sent++;
		const result = await sendOnce(
			this,
			endpoint.path,
			body,
			options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			options.credentials,
		);
		const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
		const envelope = ok ? parseJsonLossless(result.bodyText ?? '') : undefined;
		const refused =
			isPlainObject(envelope) && envelope.code !== undefined && String(envelope.code) !== '0';
		const kind = ok
			? refused
				? failureKind(result, String(envelope.message ?? ''))
				: undefined
			: failureKind(result, undefined);
		let askedMs: number | undefined;
		if (kind) {
			const now = Date.now();
			askedMs = retryAfterMs(result.retryAfter, now);
			const waitMs = retryDelayMs(attempt, policy, askedMs);
			const longest = Math.min(
				policy.maxRetryAfterMs ?? MAX_RETRY_AFTER_MS,
				options.deadline === undefined ? Infinity : Math.max(0, options.deadline - now),
			);
			// Every request of this execution waits too (no longer than a run waits), one at a time from now on.
			backoff.note(Math.min(waitMs, longest));
			const resendable =
				endpoint.read ||
				kind === 'busy' ||
				(result.status === undefined && !mayHaveBeenSent(result.networkCode));
			if (resendable && waitMs <= longest && attempt < policy.retries) continue;
		}
		if (result.status === undefined) {
			throw networkError(
				node,
				result.networkCode,
				result.networkDetail ?? 'request failed',
				itemIndex,
				endpoint,
			);
		}
		const text = result.bodyText ?? '';
		if (!ok) throw httpStatusError(node, result.status, text, itemIndex, endpoint, askedMs);
		if (!isPlainObject(envelope) || envelope.code === undefined) {
			throw malformedResponseError(node, text, itemIndex);
		}
		if (refused) {
			throw vendorError(
				node,
				envelope.code as number,
				String(envelope.message ?? ''),
				itemIndex,
				endpoint,
			);
		}
		return envelope.data;
	}
}

/** Decrypts the node's Tanma credential once, for a run of requests (see TanmaRequestOptions.credentials). */
export async function loadTanmaCredentials(this: TanmaFunctions): Promise<ICredentialsDecrypted> {
	const data = await this.getCredentials(TANMA_CREDENTIAL);
	const ref = this.getNode().credentials?.[TANMA_CREDENTIAL];
	return { id: ref?.id ?? '', name: ref?.name ?? '', type: TANMA_CREDENTIAL, data };
}

export interface TanmaListOptions
	extends TanmaRequestOptions,
		Omit<CollectOptions, 'style' | 'pacer'> {
	/** Pages read at once when no pacer is given (Max Parallel Requests); default DEFAULT_MAX_PARALLEL_READS. */
	maxParallel?: number;
}

/**
 * Reads a listing endpoint page by page (Return All or up to a limit), numbered pages several at a time
 * (see collectPages); the records come out in page order.
 */
export async function tanmaApiRequestAll(
	this: TanmaFunctions,
	endpoint: EndpointRef & Pick<TanmaEndpoint, 'paging'>,
	payload: TanmaBody = {},
	options: TanmaListOptions = {},
): Promise<IDataObject[]> {
	const credentials = options.credentials ?? (await loadTanmaCredentials.call(this));
	const pacer =
		options.pacer ??
		new ReadPacer(options.maxParallel ?? DEFAULT_MAX_PARALLEL_READS, executionBackoff(this));
	return await collectPages(
		async (pagingFields) =>
			await tanmaApiRequest.call(
				this,
				endpoint,
				{ ...payload, ...pagingFields },
				{ ...options, credentials, pacer },
			),
		{ ...options, style: endpoint.paging, pacer },
	);
}
