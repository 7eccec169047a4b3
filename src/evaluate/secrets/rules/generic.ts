// Secrets without a provider prefix: JWTs (RFC 7519 compact form), credentials inside connection URLs
// (RFC 3986 userinfo), HTTP Authorization headers, .netrc/.pgpass, and configuration keys named like
// secrets whose values look random. These rely on entropy and placeholder allowlists; `generic` rules
// yield to a specific rule matching the same bytes.
import type { RuleFamily } from '../rule.js';
import { B } from './helpers.js';

/** passwords in docs and sample configs that are not secrets */
const PLACEHOLDER_PASSWORDS =
  '(?i)^(?:pass(?:word)?|passwd|secret|changeme|change_me|example|test|testing|dummy|sample|admin|root|guest|user(?:name)?|null|none|nil|undefined|true|false|redacted|hidden|your[_-]?password|mypassword|p[@a]ssw0rd|12345678?|\\*+|x+|<[^>]*>?)$';

/** key names that mean "this value is a credential", for config files */
const SECRET_NAMES =
  '[A-Za-z0-9_.-]{0,40}(?i:password|passwd|passphrase|secret|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?token|access[_.-]?token|private[_.-]?key|client[_.-]?secret|credentials?)[A-Za-z0-9_.-]{0,20}';

export const genericRules: RuleFamily = [
  {
    id: 'jwt',
    category: 'jwt',
    title: 'JSON Web Token',
    severity: 'medium',
    keywords: ['eyJ'],
    // header and payload are base64url JSON objects, so both begin with eyJ ({")
    regex: `${B}(eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,})(?:[^A-Za-z0-9_.-]|$)`,
    secretGroup: 1,
    anchored: true,
    window: { before: 1, after: 12000 },
    // the token on jwt.io and in countless tutorials
    examples: [
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ],
  },
  {
    id: 'database-url-password',
    category: 'database',
    title: 'Password in a database connection URL',
    severity: 'high',
    // scheme names without "://": postgresql+psycopg2:// and the like start the same way
    keywords: [
      'postgres',
      'mysql',
      'mariadb',
      'mongodb',
      'redis',
      'amqp',
      'mssql',
      'sqlserver',
      'clickhouse',
      'cockroachdb',
      'couchdb',
      'neo4j',
    ],
    anchored: true,
    regex:
      '(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|couchdb|neo4j)(?:\\+[a-z0-9]+)?://[^:/\\s@"\'`]{0,64}:([^@/\\s"\'`]{3,128})@[A-Za-z0-9._-]',
    secretGroup: 1,
    window: { after: 400 },
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
  },
  {
    id: 'jdbc-url-password',
    category: 'database',
    title: 'Password in a JDBC URL',
    severity: 'high',
    keywords: ['jdbc:'],
    anchored: true,
    regex: '(?i:jdbc):[a-z0-9]+:[^\\s"\'`]{0,}?[?;&](?i:password)=([^\\s"\'`&;]{3,128})',
    secretGroup: 1,
    window: { before: 1, after: 512 },
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
  },
  {
    id: 'url-credentials',
    category: 'generic',
    title: 'Password in a URL',
    severity: 'medium',
    keywords: [
      'http://',
      'https://',
      'ftp://',
      'ftps://',
      'ldap://',
      'ldaps://',
      'smtp://',
      'smtps://',
      'ssh://',
      'git://',
    ],
    regex:
      "(?i:https?|ftps?|ldaps?|smtps?|ssh|git)://[A-Za-z0-9._~%!$&'()*+,;=-]{1,64}:([A-Za-z0-9._~%!$&'()*+,;=-]{6,128})@[A-Za-z0-9.-]+",
    secretGroup: 1,
    window: { after: 300 },
    entropy: 2.5,
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
  },
  {
    id: 'http-basic-auth',
    category: 'generic',
    title: 'HTTP Basic credentials in an Authorization header',
    severity: 'medium',
    keywords: ['basic '],
    regex:
      '(?i:authorization)["\']?\\s*[:=]\\s*["\']?(?i:basic)\\s+([A-Za-z0-9+/]{12,}={0,2})(?:[^A-Za-z0-9+/=]|$)',
    secretGroup: 1,
    window: { before: 48, after: 300 },
    entropy: 3,
  },
  {
    id: 'http-bearer-token',
    category: 'generic',
    title: 'Bearer token in an Authorization header',
    severity: 'medium',
    keywords: ['bearer '],
    regex: '(?i:authorization)["\']?\\s*[:=]\\s*["\']?(?i:bearer)\\s+([A-Za-z0-9._~+/-]{20,}=*)',
    secretGroup: 1,
    window: { before: 48, after: 2100 },
    entropy: 3.5,
  },
  {
    id: 'netrc-password',
    category: 'generic',
    title: 'Password in a .netrc file',
    severity: 'high',
    keywords: ['password'],
    regex: '(?:^|\\s)machine\\s+\\S+\\s+login\\s+\\S+\\s+password\\s+(\\S{4,})',
    secretGroup: 1,
    window: { before: 300, after: 200, multiline: true },
    paths: ['(?:^|/)[._]netrc$'],
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
  },
  {
    id: 'pgpass-password',
    category: 'database',
    title: 'Password in a PostgreSQL .pgpass file',
    severity: 'high',
    keywords: [':'],
    regex: '(?m)^[^:#\\s]+:(?:[0-9]+|\\*):[^:\\s]+:[^:\\s]+:(\\S{4,})$',
    secretGroup: 1,
    window: { before: 300, after: 300 },
    paths: ['(?:^|/)\\.pgpass$'],
    allowlist: { regexes: [PLACEHOLDER_PASSWORDS] },
  },
  {
    id: 'generic-secret-assignment',
    category: 'generic',
    title: 'High-entropy value of a secret-named configuration key',
    severity: 'medium',
    keywords: [
      'password',
      'passwd',
      'passphrase',
      'secret',
      'api_key',
      'api-key',
      'apikey',
      'access_key',
      'access-key',
      'accesskey',
      'auth_token',
      'access_token',
      'private_key',
      'credential',
    ],
    // KEY=value (.env, shell, properties), key: value (YAML), "key": "value" (JSON), key = "value" (TOML/INI)
    regex: `(?:^|[\\s"'{,;(])(?:export\\s+)?${SECRET_NAMES}["']?\\s*(?:=|:)\\s*["']?([^\\s"'\`;,{}()<>\\[\\]]{8,})`,
    secretGroup: 1,
    window: { before: 64, after: 300 },
    entropy: 3.5,
    paths: [
      '(?:^|/)\\.env(?:\\.[A-Za-z0-9_.-]+)?$',
      '\\.env$',
      '\\.(?:ya?ml|json|toml|ini|cfg|conf|properties|tfvars|envrc)$',
      '(?:^|/)(?:credentials|secrets?)(?:\\.[a-z]+)?$',
    ],
    allowlist: {
      regexes: [
        PLACEHOLDER_PASSWORDS,
        // references to a value held elsewhere
        '(?i)^(?:env|vault|secret|ssm|arn|file|ref|op)[:(]',
        '^(?:process\\.env|os\\.environ|System\\.getenv|ENV\\[)',
        // paths and hashes of a password (not the password)
        '^/[A-Za-z0-9_./-]+$',
        '^\\$(?:2[aby]|1|5|6|argon2(?:id|i|d))\\$',
      ],
      stopwords: ['example', 'placeholder', 'changeme', 'your_', 'your-', 'xxxxx'],
    },
  },
];
