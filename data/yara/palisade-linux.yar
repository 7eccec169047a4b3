/*
   Palisade built-in YARA rules: threats found in Linux container images — any file.
   Written for Palisade from public descriptions of the behaviours (miner configuration keys, the
   stratum protocol, Kinsing/TeamTNT loader behaviour, reverse-shell one-liners, web shells).
   meta.severity is Palisade's severity for a match; meta.description becomes the finding title.
*/

rule PALISADE_Miner_Config_JSON
{
    meta:
        description = "Cryptocurrency miner configuration (XMRig-style JSON)"
        severity = "high"
        category = "miner"
    strings:
        $pools = "\"pools\"" ascii
        $url = /"url"\s*:\s*"[A-Za-z0-9.+:\/-]{4,200}:[0-9]{2,5}"/ ascii
        $k1 = "\"donate-level\"" ascii
        $k2 = "\"randomx\"" ascii
        $k3 = "\"cpu\"" ascii
        $k4 = "\"rig-id\"" ascii
        $k5 = "\"nicehash\"" ascii
        $k6 = /"algo"\s*:\s*"(rx\/0|cn\/|cryptonight|argon2|kawpow|ethash)/ ascii
        $k7 = "\"keepalive\"" ascii
        $k8 = "\"coin\"" ascii
    condition:
        filesize < 1MB and $pools and $url and 2 of ($k*)
}

rule PALISADE_Miner_Stratum_URL
{
    meta:
        description = "Mining pool address (stratum protocol URL)"
        severity = "high"
        category = "miner"
    strings:
        $s = /stratum2?\+(tcp|ssl|tls|udp):\/\/[A-Za-z0-9.-]{3,100}:[0-9]{2,5}/ ascii
    condition:
        $s
}

rule PALISADE_Miner_Pool_Domain
{
    meta:
        description = "Reference to a public Monero/crypto mining pool in a script or configuration"
        severity = "high"
        category = "miner"
    strings:
        $p1 = "supportxmr.com" ascii
        $p2 = "minexmr.com" ascii
        $p3 = "moneroocean.stream" ascii
        $p4 = "c3pool.com" ascii
        $p5 = "hashvault.pro" ascii
        $p6 = "xmrpool.eu" ascii
        $p7 = "nanopool.org" ascii
        $p8 = "herominers.com" ascii
        $p9 = "unmineable.com" ascii
        $p10 = "2miners.com" ascii
        $p11 = "f2pool.com" ascii
        $p12 = "minergate.com" ascii
        $p13 = "xmr.pool.gntl.co.uk" ascii
        $p14 = "monerohash.com" ascii
    condition:
        filesize < 5MB and 1 of ($p*)
}

rule PALISADE_Miner_Monero_Wallet_With_Pool
{
    meta:
        description = "Monero wallet address given to a miner (config user field or -u option)"
        severity = "high"
        category = "miner"
    strings:
        $w1 = /"user"\s*:\s*"4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}/ ascii
        $w2 = /(-u|--user)[ =]4[0-9AB][1-9A-HJ-NP-Za-km-z]{93}/ ascii
    condition:
        filesize < 5MB and any of them
}

rule PALISADE_Kinsing_Indicators
{
    meta:
        description = "Kinsing / H2Miner malware artefacts"
        severity = "critical"
        category = "miner"
    strings:
        $k1 = "kdevtmpfsi" ascii
        $k2 = "/tmp/kinsing" ascii
        $k3 = "/etc/kinsing" ascii
        $k4 = "kinsing_" ascii
        $go = "redisBrute" ascii
    condition:
        any of ($k*) or ($go and uint32(0) == 0x464C457F)
}

rule PALISADE_EICAR_Test_File
{
    meta:
        description = "EICAR anti-malware test file"
        severity = "medium"
        category = "test"
    condition:
        /* the 68-byte EICAR string at offset 0, compared without a string search (cheap on every file) */
        filesize < 128 and
        uint32be(0) == 0x58354f21 and uint32be(4) == 0x50254041 and uint32be(8) == 0x505b345c and
        uint32be(12) == 0x505a5835 and uint32be(16) == 0x3428505e and uint32be(20) == 0x29374343 and
        uint32be(24) == 0x29377d24 and uint32be(28) == 0x45494341 and uint32be(32) == 0x522d5354 and
        uint32be(36) == 0x414e4441 and uint32be(40) == 0x52442d41 and uint32be(44) == 0x4e544956 and
        uint32be(48) == 0x49525553 and uint32be(52) == 0x2d544553 and uint32be(56) == 0x542d4649 and
        uint32be(60) == 0x4c452124 and uint32be(64) == 0x482b482a
}
