import type { FunctionCheck } from '../../engine.js';
import { eachRunStep, IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export function leftCache(script: string): string | undefined {
  if (/\bapt(-get)?\b[^\n;&|]*\sinstall\b/.test(script) && !/\/var\/lib\/apt\/lists/.test(script))
    return 'apt lists';
  if (/\bapk\b[^\n;&|]*\sadd\b/.test(script) && !/--no-cache|\/var\/cache\/apk/.test(script))
    return 'apk cache';
  if (
    /\b(yum|dnf|microdnf)\b[^\n;&|]*\sinstall\b/.test(script) &&
    !/\b(yum|dnf|microdnf)\s+clean\b|\/var\/cache\/(yum|dnf)/.test(script)
  )
    return 'yum/dnf cache';
  return undefined;
}

export const imagePackageCache: FunctionCheck = {
  id: 'PAL-IMG-009',
  title: 'Package manager cache left in a layer',
  severity: 'low',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'a layer installs packages without cleaning the package manager cache',
  remediation: 'Clean in the same RUN: rm -rf /var/lib/apt/lists/*, apk add --no-cache, dnf clean all.',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    return eachRunStep(imageOf(r).config, (s) => {
      const what = leftCache(s.args);
      return what ? `history ${s.index}: ${what} left in the layer` : undefined;
    });
  },
};
