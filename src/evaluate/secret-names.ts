// Environment variable names that usually carry credentials, and values that are obviously not
// secrets (references, placeholders). Shared by the image, Dockerfile, Kubernetes and Compose packs.
// When the secret engine lands it will scan values by content; this is the name-based half.

const SECRET_NAME =
  /(^|_|-)(PASS(WORD|WD)?|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH|CLIENT_SECRET|SECRET_KEY|DSN|CONN(ECTION)?_STRING)($|_|-)/i;
const NOT_SECRET_NAME =
  /(_FILE|_PATH|_DIR|_URL_FILE|_LENGTH|_TTL|_EXPIRY|_EXPIRES|_TIMEOUT|_HEADER|_TYPE|_ENABLED|_POLICY|_ENDPOINT)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/** true for values that are not literal secrets: empty, variable references, obvious placeholders */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(:?[-?+][^}]*)?\}?$/.test(v)) return true; // $VAR, ${VAR:-x}
  if (/^(\*+|<[^>]+>|\{\{.*\}\}|none|null|false|true|yes|no|[01])$/i.test(v)) return true;
  return false;
}
