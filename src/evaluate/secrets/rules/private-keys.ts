// Private key blocks: PEM (RFC 7468 labels: RSA/EC/DSA/PKCS#8/encrypted PKCS#8), OpenSSH's own format,
// OpenPGP armored secret keys (RFC 4880 §6.2), PuTTY .ppk and SSH2 (RFC 4716-style) keys. The body is
// the secret; the keyword is the BEGIN line, so the window reaches forward over the whole block. Bodies
// inside JSON strings (GCP key files) use literal "\n" escapes, hence the backslash in the body class.
import type { RuleFamily, SecretRule } from '../rule.js';

const BODY = '([A-Za-z0-9+/=\\s\\\\]{64,}?)';
const HEADERS = '(?:[A-Za-z-]+:[^\\n]*(?:\\r?\\n|\\\\n)\\s*)*';

function pem(id: string, label: string, title: string, severity: SecretRule['severity']): SecretRule {
  return {
    id,
    category: 'private-key',
    title,
    severity,
    keywords: [`-----BEGIN ${label}-----`],
    regex: `-----BEGIN ${label}-----(?:\\s|\\\\n)*${HEADERS}${BODY}-----END ${label}-----`,
    secretGroup: 1,
    anchored: true,
    window: { before: 0, after: 20000, multiline: true },
  };
}

export const privateKeyRules: RuleFamily = [
  pem('private-key-rsa', 'RSA PRIVATE KEY', 'RSA private key (PKCS#1)', 'critical'),
  pem('private-key-ec', 'EC PRIVATE KEY', 'EC private key (SEC 1)', 'critical'),
  pem('private-key-dsa', 'DSA PRIVATE KEY', 'DSA private key', 'critical'),
  pem('private-key-pkcs8', 'PRIVATE KEY', 'Private key (PKCS#8)', 'critical'),
  pem('private-key-pkcs8-encrypted', 'ENCRYPTED PRIVATE KEY', 'Encrypted private key (PKCS#8)', 'medium'),
  pem('private-key-openssh', 'OPENSSH PRIVATE KEY', 'OpenSSH private key', 'critical'),
  pem('private-key-pgp', 'PGP PRIVATE KEY BLOCK', 'OpenPGP secret key block', 'critical'),
  {
    id: 'private-key-putty',
    category: 'private-key',
    title: 'PuTTY private key (.ppk)',
    severity: 'critical',
    keywords: ['PuTTY-User-Key-File-'],
    regex:
      'PuTTY-User-Key-File-[23]: [a-z0-9-]+\\r?\\n[\\s\\S]{0,}?Private-Lines: [0-9]+\\r?\\n([A-Za-z0-9+/=\\r\\n]{64,})',
    secretGroup: 1,
    anchored: true,
    window: { before: 0, after: 16384, multiline: true },
  },
  {
    id: 'private-key-ssh2',
    category: 'private-key',
    title: 'SSH2 encrypted private key',
    severity: 'high',
    keywords: ['---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----'],
    regex:
      '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\\s*(?:[A-Za-z-]+: [^\\n]*\\n)*([A-Za-z0-9+/=\\s]{64,}?)---- END SSH2 ENCRYPTED PRIVATE KEY ----',
    secretGroup: 1,
    anchored: true,
    window: { before: 0, after: 20000, multiline: true },
  },
  {
    id: 'age-secret-key',
    category: 'private-key',
    title: 'age secret key',
    severity: 'critical',
    keywords: ['AGE-SECRET-KEY-1'],
    regex: '(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})',
    secretGroup: 1,
  },
  {
    id: 'wireguard-private-key',
    category: 'private-key',
    title: 'WireGuard private key',
    severity: 'critical',
    keywords: ['PrivateKey'],
    // a Curve25519 key: 32 bytes base64, whose last character is constrained by the clamped final byte
    regex: '(?m)^\\s*PrivateKey\\s*=\\s*([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)',
    secretGroup: 1,
  },
];
