// Debian release numbers and their codenames: os-release gives VERSION_ID ("12"), the security tracker
// and the archive key everything by codename ("bookworm"). One table for OS detection and matching.
export const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  '7': 'wheezy',
  '8': 'jessie',
  '9': 'stretch',
  '10': 'buster',
  '11': 'bullseye',
  '12': 'bookworm',
  '13': 'trixie',
  '14': 'forky',
  '15': 'duke',
};

/** Debian version ("12", "12.4") → codename; codenames and unknown versions pass through. */
export function debianCodename(release: string): string {
  const major = release.split('.')[0] ?? release;
  return DEBIAN_CODENAMES[major] ?? release;
}
