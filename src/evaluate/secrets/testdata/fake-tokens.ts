// Fake tokens for tests, generated from each rule's documented format. Never real keys: every random
// character comes from a seeded PRNG. Template: literal text, {CLASS:N} for N random characters of
// CLASS (ranges like A-Za-z0-9, a trailing - is literal), «…» around the part that is the secret.

export interface FakeSample {
  /** file path the sample is scanned under (rules limited to some files need it) */
  path?: string;
  text: string;
}

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expandClass(cls: string): string {
  let out = '';
  for (let i = 0; i < cls.length; i++) {
    const c = cls[i]!;
    if (cls[i + 1] === '-' && i + 2 < cls.length) {
      const end = cls[i + 2]!;
      for (let x = c.charCodeAt(0); x <= end.charCodeAt(0); x++) out += String.fromCharCode(x);
      i += 2;
    } else out += c;
  }
  return out;
}

/** Expands a template: the full text, and the secret (the «…» part, or the whole text). */
export function generate(template: string, rand: () => number): { text: string; secret: string } {
  const text = template.replace(/\{([^{}]+):(\d+)\}/g, (_m, cls: string, n: string) => {
    const chars = expandClass(cls);
    let s = '';
    for (let i = 0; i < Number(n); i++) s += chars[Math.floor(rand() * chars.length)];
    return s;
  });
  const a = text.indexOf('«');
  const b = text.indexOf('»');
  const secret = a >= 0 && b > a ? text.slice(a + 1, b) : text;
  return { text: text.replace('«', '').replace('»', ''), secret };
}

const UUID = '{0-9a-f:8}-{0-9a-f:4}-{0-9a-f:4}-{0-9a-f:4}-{0-9a-f:12}';
const PEM_BODY = '«{A-Za-z0-9+/:64}\n{A-Za-z0-9+/:64}\n{A-Za-z0-9+/:40}=\n»';

/** One template per built-in rule id. The test fails when a rule has none. */
export const FAKE_TOKENS: Record<string, FakeSample> = {
  // cloud
  'aws-access-key-id': { text: 'key = «AKIA{A-Z2-7:16}»' },
  'aws-secret-access-key': { text: 'aws_secret_access_key = «{A-Za-z0-9/+:40}»' },
  'aws-session-token': { text: 'AWS_SESSION_TOKEN="«{A-Za-z0-9/+:300}»"' },
  'aws-mws-auth-token': { text: `«amzn.mws.${UUID}»` },
  'gcp-service-account-key': { text: '{"type": "service_account", "private_key_id": "«{a-f0-9:40}»"}' },
  'gcp-api-key': { text: 'key: «AIza{0-9A-Za-z_-:35}»' },
  'gcp-oauth-client-secret': { text: '"client_secret":"«GOCSPX-{A-Za-z0-9_-:28}»"' },
  'gcp-oauth-access-token': { text: 'token «ya29.{0-9A-Za-z_-:120}»' },
  'azure-storage-connection-string': {
    text: 'DefaultEndpointsProtocol=https;AccountName=acme{a-z0-9:6};AccountKey=«{A-Za-z0-9+/:86}==»;EndpointSuffix=core.windows.net',
  },
  'azure-cosmosdb-connection-string': {
    text: 'AccountEndpoint=https://acme.documents.azure.com:443/;AccountKey=«{A-Za-z0-9+/:86}==»;',
  },
  'azure-shared-access-key': {
    text: 'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=«{A-Za-z0-9+/:43}=»',
  },
  'azure-sas-token': {
    text: 'https://acme.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&sig=«{A-Za-z0-9:44}%3D»',
  },
  'azure-ad-client-secret': { text: 'secret «{A-Za-z0-9:3}8Q~{A-Za-z0-9_~.-:34}»' },
  'alibaba-access-key-id': { text: '«LTAI{A-Za-z0-9:20}»' },
  'digitalocean-pat': { text: '«dop_v1_{a-f0-9:64}»' },
  'digitalocean-oauth-token': { text: '«doo_v1_{a-f0-9:64}»' },
  'digitalocean-refresh-token': { text: '«dor_v1_{a-f0-9:64}»' },
  'heroku-api-key-v2': { text: '«HRKU-AA{0-9A-Za-z_-:58}»' },
  'heroku-api-key': { text: `HEROKU_API_KEY=«${UUID}»` },
  'hashicorp-vault-service-token': { text: 'VAULT_TOKEN=«hvs.{A-Za-z0-9_-:100}»' },
  'hashicorp-vault-batch-token': { text: '«hvb.{A-Za-z0-9_-:150}»' },
  'terraform-cloud-api-token': { text: 'token = "«{A-Za-z0-9:14}.atlasv1.{A-Za-z0-9_=-:67}»"' },
  'doppler-service-token': { text: '«dp.st.prd.{A-Za-z0-9:43}»' },
  'pulumi-access-token': { text: '«pul-{a-f0-9:40}»' },
  'flyio-token': { text: '«fo1_{A-Za-z0-9_-:43}»' },
  'planetscale-token': { text: '«pscale_tkn_{A-Za-z0-9_.=-:43}»' },
  'databricks-api-token': { text: '«dapi{a-f0-9:32}»' },
  'supabase-access-token': { text: '«sbp_{a-f0-9:40}»' },
  'cloudflare-origin-ca-key': { text: '«v1.0-{a-f0-9:24}-{a-f0-9:146}»' },
  'cloudflare-api-key': { text: 'CLOUDFLARE_API_KEY=«{a-f0-9:37}»' },
  'scalingo-api-token': { text: '«tk-us-{A-Za-z0-9_-:48}»' },
  'kubeconfig-client-key': { text: '  user:\n    client-key-data: «{A-Za-z0-9+/:1600}==»' },
  // vcs
  'github-pat': { text: 'GITHUB_TOKEN=«ghp_{A-Za-z0-9:36}»' },
  'github-fine-grained-pat': { text: '«github_pat_{A-Za-z0-9:22}_{A-Za-z0-9:59}»' },
  'github-oauth-token': { text: '«gho_{A-Za-z0-9:36}»' },
  'github-app-user-token': { text: '«ghu_{A-Za-z0-9:36}»' },
  'github-app-installation-token': { text: '«ghs_{A-Za-z0-9:36}»' },
  'github-refresh-token': { text: '«ghr_{A-Za-z0-9:76}»' },
  'gitlab-pat': { text: '«glpat-{A-Za-z0-9_-:20}»' },
  'gitlab-pipeline-trigger-token': { text: '«glptt-{a-f0-9:40}»' },
  'gitlab-runner-registration-token': { text: '«GR1348941{A-Za-z0-9_-:20}»' },
  'gitlab-runner-auth-token': { text: '«glrt-{A-Za-z0-9_-:29}»' },
  'gitlab-deploy-token': { text: '«gldt-{A-Za-z0-9_-:20}»' },
  'gitlab-feed-token': { text: '«glft-{A-Za-z0-9_-:20}»' },
  'gitlab-oauth-app-secret': { text: '«gloas-{A-Za-z0-9_-:64}»' },
  'gitlab-agent-token': { text: '«glagent-{A-Za-z0-9_-:50}»' },
  'gitlab-ci-job-token': { text: '«glcbt-64_{A-Za-z0-9_-:20}»' },
  'gitlab-incoming-mail-token': { text: '«glimt-{A-Za-z0-9_-:25}»' },
  'bitbucket-app-password': { text: '«ATBB{A-Za-z0-9_=.-:32}»' },
  'atlassian-api-token': { text: '«ATATT3{A-Za-z0-9_=-:186}»' },
  // chat
  'slack-bot-token': { text: '«xoxb-{0-9:12}-{0-9:13}-{A-Za-z0-9:24}»' },
  'slack-user-token': { text: '«xoxp-{0-9:12}-{0-9:12}-{0-9:13}-{a-f0-9:32}»' },
  'slack-app-token': { text: '«xapp-1-A{A-Z0-9:10}-{0-9:13}-{a-f0-9:64}»' },
  'slack-config-token': { text: '«xoxe.xoxp-1-{A-Z0-9:164}»' },
  'slack-legacy-token': { text: '«xoxs-{0-9:10}-{0-9:12}-{0-9:12}-{a-f0-9:64}»' },
  'slack-webhook-url': { text: 'https://hooks.slack.com/services/«T{A-Z0-9:10}/B{A-Z0-9:10}/{A-Za-z0-9:24}»' },
  'discord-bot-token': { text: 'DISCORD_TOKEN=«M{A-Za-z0-9:25}.{A-Za-z0-9_-:6}.{A-Za-z0-9_-:38}»' },
  'discord-webhook-url': { text: 'https://discord.com/api/webhooks/{0-9:18}/«{A-Za-z0-9_-:68}»' },
  'telegram-bot-token': { text: 'bot «{0-9:10}:AA{A-Za-z0-9_-:33}»' },
  'teams-webhook-url': {
    text: `https://acme.webhook.office.com/webhookb2/${UUID}@${UUID}/IncomingWebhook/«{a-f0-9:32}»/${UUID}`,
  },
  'twilio-api-key': { text: 'TWILIO_API_KEY=«SK{0-9a-f:32}»' },
  'sendgrid-api-key': { text: '«SG.{A-Za-z0-9_-:22}.{A-Za-z0-9_-:43}»' },
  'mailgun-api-key': { text: '«key-{a-f0-9:32}»' },
  'mailchimp-api-key': { text: '«{a-f0-9:32}-us14»' },
  // payment
  'stripe-secret-key': { text: '«sk_live_{A-Za-z0-9:99}»' },
  'stripe-restricted-key': { text: '«rk_live_{A-Za-z0-9:99}»' },
  'stripe-test-secret-key': { text: '«sk_test_{A-Za-z0-9:24}»' },
  'stripe-webhook-secret': { text: '«whsec_{A-Za-z0-9:32}»' },
  'square-access-token': { text: '«EAAA{A-Za-z0-9_-:60}»' },
  'square-oauth-secret': { text: '«sq0csp-{A-Za-z0-9_-:43}»' },
  'braintree-access-token': { text: '«access_token$production${a-z0-9:16}${a-f0-9:32}»' },
  'shopify-access-token': { text: '«shpat_{a-f0-9:32}»' },
  'shopify-shared-secret': { text: '«shpss_{a-f0-9:32}»' },
  'flutterwave-secret-key': { text: '«FLWSECK-{a-f0-9:32}-X»' },
  'razorpay-live-key': { text: '«rzp_live_{A-Za-z0-9:14}»' },
  'shippo-api-token': { text: '«shippo_live_{a-f0-9:40}»' },
  'duffel-api-token': { text: '«duffel_live_{A-Za-z0-9_=-:43}»' },
  'easypost-api-key': { text: '«EZAK{A-Za-z0-9:54}»' },
  // registries
  'npm-access-token': { text: '//registry.npmjs.org/:_authToken=«npm_{A-Za-z0-9:36}»' },
  'npmrc-auth-token': { path: 'root/.npmrc', text: '//npm.acme.io/:_authToken=«{A-Za-z0-9:40}»' },
  'pypi-upload-token': { text: 'password = «pypi-AgEIcHlwaS5vcmc{A-Za-z0-9_-:150}»' },
  'pypi-test-upload-token': { text: '«pypi-AgENdGVzdC5weXBpLm9yZw{A-Za-z0-9_-:150}»' },
  'rubygems-api-key': { text: ':rubygems_api_key: «rubygems_{a-f0-9:48}»' },
  'nuget-api-key': { text: '«oy2{a-z0-9:43}»' },
  'dockerhub-pat': { text: '«dckr_pat_{A-Za-z0-9_-:27}»' },
  'docker-config-auth': { path: 'root/.docker/config.json', text: '{"auths":{"r.acme.io":{"auth":"«{A-Za-z0-9+/:40}»"}}}' },
  'artifactory-api-key': { text: '«AKCp{A-Za-z0-9:69}»' },
  'artifactory-reference-token': { text: '«cmVmdGtu{A-Za-z0-9:56}»' },
  'clojars-api-token': { text: '«CLOJARS_{a-z0-9:60}»' },
  'huggingface-token': { text: '«hf_{A-Za-z:34}»' },
  'huggingface-org-token': { text: '«api_org_{A-Za-z:34}»' },
  // private keys
  'private-key-rsa': { text: `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}-----END RSA PRIVATE KEY-----` },
  'private-key-ec': { text: `-----BEGIN EC PRIVATE KEY-----\n${PEM_BODY}-----END EC PRIVATE KEY-----` },
  'private-key-dsa': { text: `-----BEGIN DSA PRIVATE KEY-----\n${PEM_BODY}-----END DSA PRIVATE KEY-----` },
  'private-key-pkcs8': { text: `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}-----END PRIVATE KEY-----` },
  'private-key-pkcs8-encrypted': {
    text: `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${PEM_BODY}-----END ENCRYPTED PRIVATE KEY-----`,
  },
  'private-key-openssh': { text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${PEM_BODY}-----END OPENSSH PRIVATE KEY-----` },
  'private-key-pgp': {
    text: `-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: fake\n\n${PEM_BODY}-----END PGP PRIVATE KEY BLOCK-----`,
  },
  'private-key-putty': {
    text: 'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: k\nPublic-Lines: 1\n{A-Za-z0-9+/:64}\nPrivate-Lines: 2\n«{A-Za-z0-9+/:64}\n{A-Za-z0-9+/:64}»\nPrivate-MAC: {a-f0-9:40}',
  },
  'private-key-ssh2': {
    text: '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "k"\n«{A-Za-z0-9+/:64}\n{A-Za-z0-9+/:64}\n»---- END SSH2 ENCRYPTED PRIVATE KEY ----',
  },
  'age-secret-key': { text: '# created: 2024\n«AGE-SECRET-KEY-1{QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L:58}»' },
  'wireguard-private-key': { text: '[Interface]\nPrivateKey = «{A-Za-z0-9+/:42}8=»' },
  // saas
  'grafana-cloud-api-token': { text: '«glc_{A-Za-z0-9+/:80}==»' },
  'grafana-service-account-token': { text: '«glsa_{A-Za-z0-9:32}_{a-f0-9:8}»' },
  'newrelic-user-api-key': { text: '«NRAK-{A-Z0-9:27}»' },
  'newrelic-insert-key': { text: '«NRII-{A-Za-z0-9_-:32}»' },
  'datadog-api-key': { text: 'DD_API_KEY=«{a-f0-9:32}»' },
  'sentry-org-token': { text: '«sntrys_eyJ{A-Za-z0-9+/=_:120}»' },
  'sentry-user-token': { text: '«sntryu_{a-f0-9:64}»' },
  'dynatrace-api-token': { text: '«dt0c01.{A-Z0-9:24}.{A-Z0-9:64}»' },
  'openai-api-key': { text: 'OPENAI_API_KEY=«sk-proj-{A-Za-z0-9_-:74}T3BlbkFJ{A-Za-z0-9_-:74}»' },
  'anthropic-api-key': { text: '«sk-ant-api03-{A-Za-z0-9_-:93}AA»' },
  'groq-api-key': { text: '«gsk_{A-Za-z0-9:52}»' },
  'replicate-api-token': { text: '«r8_{A-Za-z0-9:37}»' },
  'perplexity-api-key': { text: '«pplx-{A-Za-z0-9:48}»' },
  'postman-api-key': { text: '«PMAK-{a-f0-9:24}-{a-f0-9:34}»' },
  'linear-api-key': { text: '«lin_api_{A-Za-z0-9:40}»' },
  'notion-integration-token': { text: '«ntn_{0-9:11}{A-Za-z0-9:35}»' },
  'figma-pat': { text: '«figd_{A-Za-z0-9_-:40}»' },
  'mapbox-secret-token': { text: '«sk.eyJ{A-Za-z0-9_-:80}.{A-Za-z0-9_-:22}»' },
  'onepassword-service-account-token': { text: '«ops_eyJ{A-Za-z0-9+/:400}»' },
  'infracost-api-token': { text: '«ico-{A-Za-z0-9:32}»' },
  'prefect-api-key': { text: '«pnu_{A-Za-z0-9:36}»' },
  'readme-api-key': { text: '«rdme_{a-z0-9:70}»' },
  'typeform-pat': { text: '«tfp_{A-Za-z0-9_.=-:59}»' },
  'frameio-api-token': { text: '«fio-u-{A-Za-z0-9_=-:64}»' },
  // generic
  jwt: { text: 'token=«eyJ{A-Za-z0-9_-:30}.eyJ{A-Za-z0-9_-:60}.{A-Za-z0-9_-:43}»' },
  'database-url-password': { text: 'DATABASE_URL=postgres://app:«{A-Za-z0-9:24}»@db.internal:5432/app' },
  'jdbc-url-password': { text: 'url=jdbc:mysql://db:3306/app?user=app&password=«{A-Za-z0-9:20}»' },
  'url-credentials': { text: 'git clone https://deploy:«{A-Za-z0-9:24}»@git.acme.io/repo.git' },
  'http-basic-auth': { text: 'Authorization: Basic «{A-Za-z0-9+/:32}»' },
  'http-bearer-token': { text: 'Authorization: Bearer «{A-Za-z0-9._-:60}»' },
  'netrc-password': { path: 'root/.netrc', text: 'machine api.acme.io login deploy password «{A-Za-z0-9:24}»' },
  'pgpass-password': { path: 'root/.pgpass', text: 'db.internal:5432:app:app:«{A-Za-z0-9:24}»' },
  'generic-secret-assignment': { path: 'app/.env', text: 'DB_PASSWORD=«{A-Za-z0-9:24}»' },
};
