/**
 * n8n's credential store, in memory: it hands out the given credential data (counting reads, as n8n reads its
 * database each time) and, like n8n's CredentialsHelper, calls the credential type's `authenticate` function.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestOptions,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { TanmaApi } from '../../credentials/TanmaApi.credentials';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = { tanmaApi: new TanmaApi() };

export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every request options object handed to `authenticate`, and what it returned. */
	readonly authenticated: Array<{ before: IHttpRequestOptions; after: IHttpRequestOptions }> = [];

	/** How often n8n asked for the decrypted credential (in n8n: a database read and a decryption). */
	decryptions = 0;

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		if (typeof type?.authenticate !== 'function') return requestOptions;
		const before = structuredClone(requestOptions);
		const after = await type.authenticate(credentials, requestOptions);
		this.authenticated.push({ before, after });
		return after;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.data[type];
		if (!found) throw new Error(`no test credentials of type ${type}`);
		this.decryptions++;
		return { ...found };
	}

	async updateCredentials(): Promise<void> {}

	/** What a user saving the credential in n8n's editor does. */
	replace(type: string, data: ICredentialDataDecryptedObject): void {
		this.data[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return CREDENTIAL_TYPES[type]?.properties ?? [];
	}
}

export function credentialsFor(
	sandbox: { baseUrl: string; appId: string; appKey: string },
	overrides: ICredentialDataDecryptedObject = {},
) {
	return {
		appId: sandbox.appId,
		appKey: sandbox.appKey,
		baseUrl: sandbox.baseUrl,
		sendAppKeyHeader: false,
		...overrides,
	};
}
