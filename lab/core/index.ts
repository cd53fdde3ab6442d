/**
 * Our code inside n8n-core's real execution machinery: a real Workflow, real execution contexts, n8n's real
 * HTTP stack (httpRequestWithAuthentication → OutboundHttp → axios) against the sandbox. Only the credential
 * store is ours. Used by the tests and by the bench.
 */
export * from './credentials';
export * from './workflow';
export * from './probe';
export * from './node-runner';
export * from './poll';
export * from './webhook-host';
