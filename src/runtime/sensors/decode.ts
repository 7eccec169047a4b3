// Syscall argument decoding to the text Falco prints (open flags, file modes, ptrace requests), so
// rules written for Falco (`evt.arg.flags contains O_CREAT`, `evt.arg.request contains PTRACE_ATTACH`)
// read our events unchanged.

const OPEN_FLAGS: [number, string][] = [
  [0o100, 'O_CREAT'],
  [0o200, 'O_EXCL'],
  [0o400, 'O_NOCTTY'],
  [0o1000, 'O_TRUNC'],
  [0o2000, 'O_APPEND'],
  [0o4000, 'O_NONBLOCK'],
  [0o10000, 'O_DSYNC'],
  [0o40000, 'O_DIRECT'],
  [0o200000, 'O_DIRECTORY'],
  [0o400000, 'O_NOFOLLOW'],
  [0o1000000, 'O_NOATIME'],
  [0o2000000, 'O_CLOEXEC'],
  [0o20000000, 'O_PATH'],
  [0o20200000, 'O_TMPFILE'],
];

export function openFlags(flags: number): {
  text: string;
  write: boolean;
  read: boolean;
  directory: boolean;
} {
  const acc = flags & 3;
  const parts = [acc === 0 ? 'O_RDONLY' : acc === 1 ? 'O_WRONLY' : 'O_RDWR'];
  for (const [bit, name] of OPEN_FLAGS) if ((flags & bit) === bit && name !== 'O_TMPFILE') parts.push(name);
  return {
    text: parts.join('|'),
    write: acc === 1 || acc === 2,
    read: acc === 0 || acc === 2,
    directory: (flags & 0o200000) !== 0,
  };
}

const MODE_BITS: [number, string][] = [
  [0o4000, 'S_ISUID'],
  [0o2000, 'S_ISGID'],
  [0o1000, 'S_ISVTX'],
  [0o400, 'S_IRUSR'],
  [0o200, 'S_IWUSR'],
  [0o100, 'S_IXUSR'],
  [0o40, 'S_IRGRP'],
  [0o20, 'S_IWGRP'],
  [0o10, 'S_IXGRP'],
  [0o4, 'S_IROTH'],
  [0o2, 'S_IWOTH'],
  [0o1, 'S_IXOTH'],
];
export function modeFlags(mode: number): string {
  const parts = MODE_BITS.filter(([b]) => (mode & b) !== 0).map(([, n]) => n);
  return `${parts.join('|')}(0${(mode & 0o7777).toString(8)})`;
}

const PTRACE: Record<number, string> = {
  0: 'PTRACE_TRACEME',
  1: 'PTRACE_PEEKTEXT',
  2: 'PTRACE_PEEKDATA',
  3: 'PTRACE_PEEKUSR',
  4: 'PTRACE_POKETEXT',
  5: 'PTRACE_POKEDATA',
  6: 'PTRACE_POKEUSR',
  7: 'PTRACE_CONT',
  8: 'PTRACE_KILL',
  9: 'PTRACE_SINGLESTEP',
  12: 'PTRACE_GETREGS',
  13: 'PTRACE_SETREGS',
  14: 'PTRACE_GETFPREGS',
  15: 'PTRACE_SETFPREGS',
  16: 'PTRACE_ATTACH',
  17: 'PTRACE_DETACH',
  24: 'PTRACE_SYSCALL',
  0x4200: 'PTRACE_SETOPTIONS',
  0x4201: 'PTRACE_GETEVENTMSG',
  0x4204: 'PTRACE_GETREGSET',
  0x4205: 'PTRACE_SETREGSET',
  0x4206: 'PTRACE_SEIZE',
  0x4207: 'PTRACE_INTERRUPT',
  0x4208: 'PTRACE_LISTEN',
};
export function ptraceRequest(n: number): string {
  return PTRACE[n] ?? `PTRACE_${n}`;
}

const CLONE_NS: [number, string][] = [
  [0x00020000, 'CLONE_NEWNS'],
  [0x02000000, 'CLONE_NEWCGROUP'],
  [0x04000000, 'CLONE_NEWUTS'],
  [0x08000000, 'CLONE_NEWIPC'],
  [0x10000000, 'CLONE_NEWUSER'],
  [0x20000000, 'CLONE_NEWPID'],
  [0x40000000, 'CLONE_NEWNET'],
  [0x00000080, 'CLONE_NEWTIME'],
];
export function nsFlags(flags: number): string {
  const parts = CLONE_NS.filter(([b]) => (flags & b) !== 0).map(([, n]) => n);
  return parts.length ? parts.join('|') : String(flags);
}

/** uid arguments are unsigned in the kernel; -1 (0xffffffff) means "unchanged" */
export function uidArg(v: number): number {
  return v === 0xffffffff || v === -1 ? -1 : v >>> 0;
}
