// Releases the memory bpftrace keeps only because it compiled our program: the pages of libLLVM and
// libclang it touched while compiling (~70 MB, clean and file-backed) stay resident for its whole
// life though it never runs that code again once the probes are attached. The kernel drops them
// when something needs the memory, but until then they count in the sensor's RSS, which is what a
// node's operator sees and budgets for.
//
// process_madvise(2) with MADV_PAGEOUT (Linux ≥ 5.10, root/CAP_SYS_NICE) reclaims exactly those
// mappings of exactly that process; pages it needs again fault back in from the file, so it cannot
// break anything. Pages also mapped by other processes are left alone by the kernel. A cgroup-wide
// reclaim (cgroup v2 memory.reclaim) would not do: page-cache pages stay charged to the cgroup that
// first read the file, so a fresh cgroup around bpftrace does not own the LLVM pages it maps, and
// creating cgroups would meddle with the host's hierarchy.
//
// Node has no way to issue a raw syscall, so a perl one-liner does it: perl-base is Essential on
// Debian/Ubuntu and its `syscall` builtin passes our iovec buffer as a pointer. Without perl, or on
// a kernel without process_madvise, the sensor runs as before and says why nothing was released.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** pidfd_open and process_madvise: syscall numbers ≥ 424 are the same on every architecture since
 * Linux 5.1 except alpha, ia64 and MIPS; 64-bit only, as the iovec is packed as two u64. */
const SYSCALLS = { pidfdOpen: 434, processMadvise: 440 };
const SUPPORTED_ARCHES = new Set(['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64']);
const MADV_PAGEOUT = 21;
const UIO_MAXIOV = 1024;

/** The compiler libraries bpftrace links (Debian: libLLVM-14.so.1, libclang-14.so.14.0.6). */
const COMPILER_LIB = /\/lib(?:LLVM|clang|clang-cpp)(?:[-.][^/]*)?\.so[^/]*$/;

export interface Range {
  start: string; // hex, as in /proc/PID/maps
  end: string;
}

/** Mappings of the compiler libraries in a /proc/PID/maps text. */
export function compilerMappings(maps: string): Range[] {
  const out: Range[] = [];
  for (const line of maps.split('\n')) {
    const f = line.trim().split(/\s+/);
    const path = f[5];
    if (!path || !COMPILER_LIB.test(path)) continue;
    const [start, end] = (f[0] ?? '').split('-');
    if (start && end && /^[0-9a-f]+$/.test(start) && /^[0-9a-f]+$/.test(end)) out.push({ start, end });
  }
  return out;
}

const PERL = `my ($pid, $nr_open, $nr_madv, $advice, @r) = @ARGV;
my $fd = syscall($nr_open + 0, $pid + 0, 0); die "pidfd_open: $!\\n" if $fd < 0;
my $iov = join '', map { my ($s, $e) = map { hex } split /-/; pack('QQ', $s, $e - $s) } @r;
my $n = syscall($nr_madv + 0, $fd, $iov, scalar(@r), $advice + 0, 0); die "process_madvise: $!\\n" if $n < 0;
print "$n\\n";`;

export type PageoutResult =
  | { released: true; rssFileBeforeKB: number; rssFileAfterKB: number; mappings: number }
  | { released: false; reason: string };

function rssFileKB(pid: number): number {
  const m = /RssFile:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/** Page out the compiler libraries' resident pages of process `pid` (bpftrace, after it attached). */
export function pageOutCompilerPages(pid: number, perl = 'perl'): PageoutResult {
  if (process.platform !== 'linux' || !SUPPORTED_ARCHES.has(process.arch))
    return { released: false, reason: `unsupported platform ${process.platform}/${process.arch}` };
  let maps: string;
  let before: number;
  try {
    maps = readFileSync(`/proc/${pid}/maps`, 'utf8');
    before = rssFileKB(pid);
  } catch (e) {
    return { released: false, reason: `cannot read /proc/${pid}: ${(e as Error).message}` };
  }
  const ranges = compilerMappings(maps).slice(0, UIO_MAXIOV);
  if (!ranges.length) return { released: false, reason: 'no LLVM/clang mappings in the sensor process' };
  const r = spawnSync(
    perl,
    [
      '-e',
      PERL,
      String(pid),
      String(SYSCALLS.pidfdOpen),
      String(SYSCALLS.processMadvise),
      String(MADV_PAGEOUT),
      ...ranges.map((x) => `${x.start}-${x.end}`),
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  if (r.error) return { released: false, reason: `cannot run ${perl}: ${r.error.message}` };
  if (r.status !== 0) return { released: false, reason: (r.stderr || `${perl} exited ${r.status}`).trim() };
  let after: number;
  try {
    after = rssFileKB(pid);
  } catch (e) {
    return { released: false, reason: `cannot read /proc/${pid}: ${(e as Error).message}` };
  }
  return { released: true, rssFileBeforeKB: before, rssFileAfterKB: after, mappings: ranges.length };
}
