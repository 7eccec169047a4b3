/*
   Palisade built-in YARA rules: threats found in Linux container images — text files only (scripts, web pages; the engine skips binaries).
   Written for Palisade from public descriptions of the behaviours (miner configuration keys, the
   stratum protocol, Kinsing/TeamTNT loader behaviour, reverse-shell one-liners, web shells).
   meta.severity is Palisade's severity for a match; meta.description becomes the finding title.
*/

rule PALISADE_Cryptojacking_Loader_Script
{
    meta:
        description = "Shell loader that disables defences, removes competing miners and persists a download (Kinsing/TeamTNT style)"
        severity = "critical"
        category = "loader"
    strings:
        $sh = "#!/" ascii
        $d1 = "setenforce 0" ascii
        $d2 = "ufw disable" ascii
        $d3 = "chattr -i" ascii
        $d4 = /echo\s+0\s*>\s*\/proc\/sys\/kernel\/nmi_watchdog/ ascii
        $d5 = "iptables -F" ascii
        $d6 = /rm\s+-rf?\s+\/var\/log\/syslog/ ascii
        $d7 = "history -c" ascii
        $d8 = /systemctl\s+(stop|disable)\s+(apparmor|firewalld|aliyun|cloudmonitor)/ ascii
        $k1 = /pkill\s+-9?\s*-f\s+\S*(xmr|mine|kdevtmpfs|kinsing|crypto)/ ascii nocase
        $k2 = /ps aux\s*\|\s*grep[^\n]{0,80}(xmr|mine|kdevtmpfs|kinsing|crypto)/ ascii
        $k3 = /killall\s+-9?\s*\S*(xmr|mine)/ ascii nocase
        $p1 = /crontab\s+-r/ ascii
        $p2 = /\(crontab\s+-l[^\n]{0,40};\s*echo\s+"[^"\n]{0,200}(curl|wget)/ ascii
        $p3 = /\* \* \* \* [^\n]{0,80}(curl|wget)[^\n]{0,200}\|\s*(ba)?sh/ ascii
        $x1 = /(curl|wget)[^\n]{0,120}(-o|-O)\s*\/(tmp|var\/tmp|dev\/shm)\/[^\n]{0,120}chmod\s+\+?[0-7x]+/ ascii
        $x2 = /chmod\s+\+x\s+\/(tmp|var\/tmp|dev\/shm)\/\S+/ ascii
    condition:
        filesize < 2MB and $sh and (2 of ($d*)) and (1 of ($k*)) and (1 of ($p*) or 1 of ($x*))
}

rule PALISADE_Download_From_IP_Pipe_To_Shell
{
    meta:
        description = "Script downloads from a raw IP address and pipes it to a shell"
        severity = "high"
        category = "loader"
    strings:
        $r = /(curl|wget)[^\n|]{0,100}https?:\/\/[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(:[0-9]{1,5})?\/[^\n|]{0,200}\|\s*(ba|da)?sh\b/ ascii
    condition:
        filesize < 5MB and $r
}

rule PALISADE_ReverseShell_Bash_DevTcp
{
    meta:
        description = "Bash reverse shell over /dev/tcp or /dev/udp"
        severity = "critical"
        category = "reverse-shell"
    strings:
        $r1 = /\b(ba|z|k|da)?sh\s+-i\s*[0-9]?>&\s*\/dev\/(tcp|udp)\/[A-Za-z0-9.-]{1,100}\/[0-9]{1,5}/ ascii
        $r2 = /exec\s+[0-9]{1,3}<>\s*\/dev\/tcp\/[A-Za-z0-9.-]{1,100}\/[0-9]{1,5}/ ascii
        $r3 = /\/dev\/tcp\/[A-Za-z0-9.-]{1,100}\/[0-9]{1,5}\s*0>&1/ ascii
        $r4 = /\/dev\/tcp\/[A-Za-z0-9.-]{1,100}\/[0-9]{1,5}\s*<&1\s*>&1/ ascii
    condition:
        filesize < 10MB and any of them
}

rule PALISADE_ReverseShell_Netcat
{
    meta:
        description = "Netcat / ncat reverse or bind shell"
        severity = "critical"
        category = "reverse-shell"
    strings:
        $n1 = /\bn(et)?cat?\s+[^\n|;]{0,60}-e\s+\/bin\/(ba|da|z)?sh/ ascii
        $n2 = /\bnc\s+[^\n|;]{0,60}-c\s+["']?(\/bin\/)?(ba|da|z)?sh/ ascii
        $n3 = /mkfifo\s+\/tmp\/\S+[^\n]{0,60}\|\s*\/bin\/(ba|da)?sh\s+-i[^\n]{0,60}\|\s*nc\s+\S+\s+[0-9]{1,5}/ ascii
        $n4 = /rm\s+-f\s+\/tmp\/\S+;\s*mkfifo\s+\/tmp\/\S+;\s*cat\s+\/tmp\/\S+\s*\|\s*\/bin\/(ba|da)?sh/ ascii
    condition:
        filesize < 10MB and any of them
}

rule PALISADE_ReverseShell_Python
{
    meta:
        description = "Python reverse shell (socket connect, fd duplication, shell spawn)"
        severity = "critical"
        category = "reverse-shell"
    strings:
        $s1 = "socket.socket(" ascii
        $s2 = /\.connect\(\(\s*["'][^"']{1,100}["']\s*,\s*[0-9]{1,5}\s*\)\)/ ascii
        $d1 = /os\.dup2\(\s*[A-Za-z_.]{1,40}\.fileno\(\)\s*,\s*[0-2]\s*\)/ ascii
        $e1 = /pty\.spawn\(\s*["'](\/bin\/)?(ba|da|z)?sh["']/ ascii
        $e2 = /subprocess\.(call|Popen|run)\(\s*\[\s*["']\/bin\/(ba|da|z)?sh["']\s*,\s*["']-i["']/ ascii
        $e3 = /os\.system\(\s*["'](\/bin\/)?(ba|da|z)?sh/ ascii
    condition:
        filesize < 5MB and $s1 and $s2 and ($d1 or 1 of ($e*))
}

rule PALISADE_ReverseShell_Python_Encoded
{
    meta:
        description = "Python one-liner that executes a base64-encoded socket connect"
        severity = "critical"
        category = "reverse-shell"
    strings:
        $x1 = /exec\s*\(\s*(base64\.b64decode|__import__\(\s*["']base64["']\s*\)\.b64decode|codecs\.decode)/ ascii
        /* "socket" and "connect(" base64-encoded at the three byte alignments */
        $s1 = "c29ja2V0" ascii
        $s2 = "NvY2tld" ascii
        $s3 = "zb2NrZX" ascii
        $c1 = "Y29ubmVjd" ascii
        $c2 = "Nvbm5lY3" ascii
        $c3 = "jb25uZWN0" ascii
    condition:
        filesize < 1MB and $x1 and 1 of ($s*) and 1 of ($c*)
}

rule PALISADE_ReverseShell_Perl
{
    meta:
        description = "Perl reverse shell"
        severity = "critical"
        category = "reverse-shell"
    strings:
        $p1 = "use Socket" ascii
        $p2 = /socket\(\s*[A-Z]+\s*,\s*PF_INET/ ascii
        $p3 = /open\(\s*STDIN\s*,\s*["']>&[A-Z]+["']\s*\)/ ascii
        $p4 = /exec\(\s*["']\/bin\/(ba|da)?sh\s+-i["']\s*\)/ ascii
    condition:
        filesize < 5MB and $p2 and $p3 and ($p1 or $p4)
}

rule PALISADE_ReverseShell_PHP
{
    meta:
        description = "PHP reverse shell (fsockopen + shell on the socket)"
        severity = "critical"
        category = "reverse-shell"
    strings:
        $f = /fsockopen\(\s*["'][^"']{1,100}["']\s*,\s*[0-9]{1,5}\s*\)/ ascii
        $e1 = /(exec|shell_exec|system|passthru|popen)\(\s*["']\/bin\/(ba|da)?sh\s+-i\s*<&[0-9]/ ascii
        $e2 = /proc_open\(\s*["']\/bin\/(ba|da)?sh/ ascii
    condition:
        filesize < 5MB and $f and any of ($e*)
}

rule PALISADE_ReverseShell_Socat
{
    meta:
        description = "socat reverse shell"
        severity = "critical"
        category = "reverse-shell"
    strings:
        $s = /socat\s+[^\n]{0,80}(tcp|tcp4|tcp-connect|openssl-connect):[A-Za-z0-9.-]{1,100}:[0-9]{1,5}[^\n]{0,80}exec:["']?(\/bin\/)?(ba|da|z)?sh/ ascii nocase
        $t = /socat\s+[^\n]{0,40}exec:["']?(\/bin\/)?(ba|da|z)?sh\s+-li?["']?,pty[^\n]{0,80}(tcp|tcp4|tcp-connect):[A-Za-z0-9.-]{1,100}:[0-9]{1,5}/ ascii nocase
    condition:
        filesize < 10MB and any of them
}

rule PALISADE_Webshell_PHP_Eval_Request
{
    meta:
        description = "PHP web shell: request input passed to eval/assert/system"
        severity = "critical"
        category = "webshell"
    strings:
        $php = "<?" ascii
        $w1 = /(eval|assert|system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec)\s*\(\s*(base64_decode\s*\(\s*|stripslashes\s*\(\s*|urldecode\s*\(\s*)?\$_(GET|POST|REQUEST|COOKIE|SERVER)\s*\[/ ascii nocase
        $w2 = /preg_replace\s*\(\s*["'][^"']{1,40}\/e["']\s*,\s*\$_(GET|POST|REQUEST)/ ascii nocase
        $w3 = /\$_(GET|POST|REQUEST|COOKIE)\s*\[\s*["'][^"']{1,30}["']\s*\]\s*\(\s*\$_(GET|POST|REQUEST|COOKIE)/ ascii
        $w4 = /create_function\s*\(\s*["']{2}\s*,\s*\$_(GET|POST|REQUEST)/ ascii nocase
    condition:
        filesize < 2MB and $php and any of ($w*)
}

rule PALISADE_Webshell_PHP_Obfuscated_Eval
{
    meta:
        description = "PHP web shell: eval of an encoded payload"
        severity = "high"
        category = "webshell"
    strings:
        $php = "<?" ascii
        $o1 = /eval\s*\(\s*(gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode)\s*\(\s*(gzinflate|gzuncompress|gzdecode|str_rot13|base64_decode|strrev)?\s*\(?\s*["'][A-Za-z0-9+\/=]{200,}/ ascii nocase
        $o2 = /eval\s*\(\s*\$[A-Za-z_0-9]{1,20}\s*\(\s*\$[A-Za-z_0-9]{1,20}\s*\(\s*["'][A-Za-z0-9+\/=]{200,}/ ascii
    condition:
        filesize < 5MB and $php and any of ($o*)
}

rule PALISADE_Webshell_JSP_Exec
{
    meta:
        description = "JSP web shell: request parameter executed as a command"
        severity = "critical"
        category = "webshell"
    strings:
        $jsp = "<%" ascii
        $e1 = /Runtime\.getRuntime\(\)\.exec\(\s*request\.getParameter\(/ ascii
        $e2 = /new\s+ProcessBuilder\(\s*(new\s+String\[\]\s*\{[^}]{0,80})?request\.getParameter\(/ ascii
        $c1 = "getRuntime().exec(" ascii
        $c2 = "request.getParameter(" ascii
        $c3 = "getInputStream()" ascii
    condition:
        filesize < 2MB and $jsp and (any of ($e*) or all of ($c*))
}

rule PALISADE_LD_Preload_Persistence
{
    meta:
        description = "Script writes a library into /etc/ld.so.preload"
        severity = "high"
        category = "rootkit"
    strings:
        $w = /(echo|printf)\s+[^\n]{1,200}>>?\s*\/etc\/ld\.so\.preload/ ascii
    condition:
        filesize < 5MB and $w
}
