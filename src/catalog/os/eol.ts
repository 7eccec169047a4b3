// End-of-life dates of common base distributions (vendor-published end of security support, LTS
// included). Used to flag images whose OS gets no more fixes; unknown releases are not flagged.
import type { OSInfo } from '../../core/types.js';

const EOL: Record<string, Record<string, string>> = {
  debian: {
    '7': '2018-05-31',
    '8': '2020-06-30',
    '9': '2022-06-30',
    '10': '2024-06-30',
    '11': '2026-08-31',
    '12': '2028-06-30',
    '13': '2030-06-30',
  },
  ubuntu: {
    '14.04': '2019-04-30',
    '16.04': '2021-04-30',
    '18.04': '2023-05-31',
    '20.04': '2025-05-31',
    '22.04': '2027-06-01',
    '24.04': '2029-05-31',
    '24.10': '2025-07-10',
    '25.04': '2026-01-15',
  },
  alpine: {
    '3.12': '2022-05-01',
    '3.13': '2022-11-01',
    '3.14': '2023-05-01',
    '3.15': '2023-11-01',
    '3.16': '2024-05-23',
    '3.17': '2024-11-22',
    '3.18': '2025-05-09',
    '3.19': '2025-11-01',
    '3.20': '2026-04-01',
    '3.21': '2026-11-01',
    '3.22': '2027-05-01',
  },
  centos: { '6': '2020-11-30', '7': '2024-06-30', '8': '2021-12-31' },
  rhel: { '7': '2024-06-30', '8': '2029-05-31', '9': '2032-05-31' },
};

export function osEndOfLife(os: OSInfo, now: Date = new Date()): boolean | undefined {
  const table = EOL[os.family];
  if (!table) return undefined;
  const parts = os.version.split('.');
  const key = os.family === 'alpine' || os.family === 'ubuntu' ? parts.slice(0, 2).join('.') : parts[0]!;
  const date = table[key];
  return date === undefined ? undefined : now.getTime() > Date.parse(date);
}
