// A certificate authority of the tests' own and a server certificate for 127.0.0.1 signed by it,
// made fresh per run (selfsigned): what a company CA and its TLS-inspecting gateway look like.
import { generate } from 'selfsigned';

export interface TestCertificates {
  /** The CA certificate (PEM): what NODE_EXTRA_CA_CERTS or the extra-CA setting would hold. */
  ca: string;
  /** The server's key and certificate for 127.0.0.1 and localhost. */
  key: string;
  cert: string;
}

export async function makeTestCertificates(): Promise<TestCertificates> {
  const ca = await generate([{ name: 'commonName', value: 'GeekAI Image Studio Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { ca: ca.cert, key: server.private, cert: server.cert };
}
