import type {
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

import { DEFAULT_MAX_PARALLEL_READS, ReadPacer } from './concurrency';
import type { TanmaEndpoint } from './protocol/endpoints';
import { httpStatusError, malformedResponseError, networkError, vendorError } from './errors';
import type { TanmaBody } from './protocol/json';
import { isPlainObject, parseJsonLossless, stringifyJson } from './protocol/json';
import type { CollectOptions } from './paging';
import { collectPages } from './paging';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, isThrottleMessage, isTransientFailure, retryDelayMs } from './retry';

export type TanmaFunctions =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const TANMA_CREDENTIAL = 'tanmaApi';

export type EndpointRef = Pick<TanmaEndpoint, 'path' | 'read'> &
	Partial<Pick<TanmaEndpoint, 'docPage' | 'editions'>>;

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
	/** The run's parallel-read bound: told about every sign of overload, so the run backs off to one at a time. */
	pacer?: ReadPacer;
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

/**
 * One signed call to a Tanma endpoint. Returns the envelope's `data`.
 * Vendor failures (HTTP 200 with code != 0), HTTP errors and network errors become NodeApiError.
 * Transient failures are retried with backoff, but only for reads.
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
	const retries = endpoint.read ? policy.retries : 0;
	const body = payload === undefined ? '' : stringifyJson(payload);

	for (let attempt = 0; ; attempt++) {
		if (options.pacer) options.pacer.sent++;
		const result = await sendOnce(
			this,
			endpoint.path,
			body,
			options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			options.credentials,
		);
		const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
		if (!ok && isTransientFailure(result)) {
			options.pacer?.noteOverload();
			if (attempt < retries) {
				await sleep(retryDelayMs(attempt, policy, result.retryAfter));
				continue;
			}
		}
		if (result.status === undefined) {
			throw networkError(
				node,
				result.networkCode,
				result.networkDetail ?? 'request failed',
				itemIndex,
			);
		}
		const text = result.bodyText ?? '';
		if (!ok) throw httpStatusError(node, result.status, text, itemIndex, endpoint);

		const envelope = parseJsonLossless(text);
		if (!isPlainObject(envelope) || envelope.code === undefined) {
			throw malformedResponseError(node, text, itemIndex);
		}
		if (String(envelope.code) !== '0') {
			if (isThrottleMessage(String(envelope.message ?? ''))) {
				options.pacer?.noteOverload();
				if (attempt < retries) {
					await sleep(retryDelayMs(attempt, policy));
					continue;
				}
			}
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
	const pacer = options.pacer ?? new ReadPacer(options.maxParallel ?? DEFAULT_MAX_PARALLEL_READS);
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
