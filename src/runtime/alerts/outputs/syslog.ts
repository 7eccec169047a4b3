// Syslog (RFC 5424 messages) over UDP, or TCP with RFC 6587 octet-counting framing. Falco priorities
// map one-to-one onto syslog severities (Emergency 0 … Debug 7).
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { PalisadeError } from '../../../core/errors.js';
import type { Alert } from '../alert.js';
import type { AlertOutput } from './output.js';

const SEVERITY: Record<string, number> = {
  Emergency: 0,
  Alert: 1,
  Critical: 2,
  Error: 3,
  Warning: 4,
  Notice: 5,
  Informational: 6,
  Debug: 7,
};
const FACILITY_USER = 1;

export function syslogMessage(a: Alert, host = hostname()): string {
  const pri = FACILITY_USER * 8 + (SEVERITY[a.priority] ?? 5);
  const msg = JSON.stringify({ rule: a.rule, output: a.output, container: a.container?.id, tags: a.tags });
  return `<${pri}>1 ${a.time} ${host} palisade ${process.pid} ${a.rule.replace(/\s+/g, '_').slice(0, 32)} - ${a.output} ${msg}`;
}

export class SyslogOutput implements AlertOutput {
  readonly name: string;
  private udp?: UdpSocket;
  private tcp?: Socket;
  private counters = { sent: 0, dropped: 0, errors: 0 };
  private readonly host: string;
  private readonly port: number;

  constructor(url: string) {
    this.name = url;
    const u = new URL(url);
    if (u.protocol !== 'syslog:' && u.protocol !== 'syslog+tcp:' && u.protocol !== 'syslog+udp:')
      throw new PalisadeError(
        'USAGE',
        `syslog output ${url}: use syslog://HOST:PORT (UDP) or syslog+tcp://HOST:PORT`,
      );
    this.host = u.hostname || '127.0.0.1';
    this.port = Number(u.port || 514);
    if (u.protocol === 'syslog+tcp:') this.connectTcp();
    else {
      this.udp = createSocket(this.host.includes(':') ? 'udp6' : 'udp4');
      this.udp.on('error', () => this.counters.errors++);
      this.udp.unref();
    }
  }

  private connectTcp(): void {
    const s = connect({ host: this.host, port: this.port });
    s.on('error', () => {
      this.counters.errors++;
    });
    s.on('close', () => {
      if (this.tcp === s) this.tcp = undefined;
    });
    s.unref();
    this.tcp = s;
  }

  write(a: Alert): void {
    const m = Buffer.from(syslogMessage(a));
    if (this.udp) {
      this.udp.send(m, this.port, this.host, (err) => {
        if (err) this.counters.errors++;
      });
      this.counters.sent++;
      return;
    }
    if (!this.tcp) this.connectTcp();
    if (this.tcp!.writableLength > 16 << 20) {
      this.counters.dropped++;
      return;
    }
    this.tcp!.write(`${m.length} ${m.toString()}`);
    this.counters.sent++;
  }

  async close(): Promise<void> {
    if (this.udp) this.udp.close();
    if (this.tcp) await new Promise<void>((r) => this.tcp!.end(() => r()));
  }

  stats() {
    return { ...this.counters };
  }
}
