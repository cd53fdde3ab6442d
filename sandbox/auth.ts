/** The sandbox's signature check, as Tanma documents it: 1002 for a bad signature, 1003 for clock skew. */
import { computeRequestSign } from '../nodes/Tanma/transport/protocol/signature';
import { VendorFailure } from './handlers';

/** Tanma's tolerance for clock skew is not published; the sandbox uses five minutes. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export function verifySignature(
	headers: Record<string, string>,
	rawBody: string,
	app: { appId: string; appKey: string; now: number },
): VendorFailure | undefined {
	const sign = headers.sign ?? '';
	const timestamp = headers.timestamp ?? '';
	if (
		headers.appid !== app.appId ||
		sign !== computeRequestSign(app.appId, timestamp, rawBody, app.appKey)
	) {
		return new VendorFailure(1002, '签名校验未通过');
	}
	if (!/^\d{13}$/.test(timestamp) || Math.abs(app.now - Number(timestamp)) > MAX_CLOCK_SKEW_MS) {
		return new VendorFailure(1003, '请求时间与服务器时间相差过大,请校对时间后重新请求');
	}
	return undefined;
}
