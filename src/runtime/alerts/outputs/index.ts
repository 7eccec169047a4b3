// Every alert output, chosen by the --output spec: stdout, file:PATH, http(s)://URL, syslog[+tcp]://.
import type { Writable } from 'node:stream';
import { PalisadeError } from '../../../core/errors.js';
import type { AlertOutput } from './output.js';
import { StreamOutput, fileOutput } from './stream.js';
import { SyslogOutput } from './syslog.js';
import { WebhookOutput } from './webhook.js';

export type { AlertOutput } from './output.js';

export function createOutput(spec: string, stdout: Writable): AlertOutput {
  if (spec === 'stdout' || spec === '-') return new StreamOutput('stdout', stdout, false);
  if (spec.startsWith('file:')) {
    const p = spec.slice(5);
    if (!p) throw new PalisadeError('USAGE', `--output ${spec}: file: needs a path`);
    return fileOutput(p);
  }
  if (spec.startsWith('http://') || spec.startsWith('https://')) return new WebhookOutput({ url: spec });
  if (spec.startsWith('syslog')) return new SyslogOutput(spec);
  throw new PalisadeError(
    'USAGE',
    `--output ${spec}: unknown output (use stdout, file:PATH, http(s)://URL, syslog://HOST:PORT or syslog+tcp://HOST:PORT)`,
  );
}
