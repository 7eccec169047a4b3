/*
   Palisade built-in YARA rules: threats found in Linux container images — ELF executables only (the engine runs these on files starting with \x7fELF).
   Written for Palisade from public descriptions of the behaviours (miner configuration keys, the
   stratum protocol, Kinsing/TeamTNT loader behaviour, reverse-shell one-liners, web shells).
   meta.severity is Palisade's severity for a match; meta.description becomes the finding title.
*/

rule PALISADE_Miner_XMRig_Binary
{
    meta:
        description = "XMRig cryptocurrency miner executable"
        severity = "critical"
        category = "miner"
    strings:
        $a1 = "XMRig/" ascii
        $a2 = "xmrig" ascii nocase
        $b1 = "--donate-level" ascii
        $b2 = "RandomX" ascii
        $b3 = "cryptonight" ascii
        $b4 = "stratum+tcp://" ascii
        $b5 = "\"donate-level\"" ascii
        $b6 = "nicehash" ascii
    condition:
        uint32(0) == 0x464C457F and 1 of ($a*) and 2 of ($b*)
}

rule PALISADE_Rootkit_Process_Hider
{
    meta:
        description = "LD_PRELOAD library that hides processes by hooking readdir (libprocesshider style)"
        severity = "critical"
        category = "rootkit"
    strings:
        $r1 = "readdir" ascii
        $r2 = "dlsym" ascii
        $p1 = "process_to_filter" ascii
        $p2 = "get_process_name" ascii
        $p3 = "/proc/self/fd/%d" ascii
        $p4 = "/proc/%s/stat" ascii
    condition:
        uint32(0) == 0x464C457F and $r1 and $r2 and ($p1 or ($p2 and ($p3 or $p4)))
}
