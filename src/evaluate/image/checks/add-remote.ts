import type { FunctionCheck, Violation } from '../../engine.js';
import { historySteps, IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

export const imageAddRemote: FunctionCheck = {
  id: 'PAL-IMG-005',
  title: 'ADD of a remote URL in the history',
  severity: 'medium',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'a layer was built by ADD from a URL, without verification',
  remediation: 'Rebuild with ADD --checksum=sha256:… or a RUN that downloads and verifies.',
  frameworks: { 'cis-docker-1.6': ['4.9', '4.11'], 'nist-800-190': ['3.1.5'] },
  run(r) {
    const out: Violation[] = [];
    for (const s of historySteps(imageOf(r).config))
      if (s.keyword === 'ADD' && /(^|\s)(https?|ftp):\/\//.test(s.args) && !/--checksum=/.test(s.args))
        out.push({
          message: `history ${s.index}: ADD ${s.args.slice(0, 120)}`,
          path: ['history', s.index, 'created_by'],
        });
    return out;
  },
};
