/** A throw-away certificate for serving the sandbox over HTTPS on this machine (made at run time, never stored in git). */
import { generate } from 'selfsigned';

export interface LocalCertificate {
	key: string;
	/** PEM; trust it with NODE_EXTRA_CA_CERTS (a file) or a client's `ca` option. */
	cert: string;
}

/** Valid for 127.0.0.1 and localhost, for two days. */
export async function makeLocalCertificate(): Promise<LocalCertificate> {
	const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
		notBeforeDate: new Date(Date.now() - 60 * 60 * 1000),
		notAfterDate: new Date(Date.now() + 2 * 24 * 60 * 60 * 1000),
		keySize: 2048,
		extensions: [
			{ name: 'basicConstraints', cA: true },
			{
				name: 'subjectAltName',
				altNames: [
					{ type: 7, ip: '127.0.0.1' },
					{ type: 2, value: 'localhost' },
				],
			},
		],
	});
	return { key: pems.private, cert: pems.cert };
}
