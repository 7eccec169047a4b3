// Ports that should not be published from a container: remote administration and databases.
const SENSITIVE: Record<number, string> = {
  22: 'SSH',
  23: 'Telnet',
  2375: 'Docker API without TLS',
  2376: 'Docker API',
  2379: 'etcd',
  3389: 'RDP',
  5900: 'VNC',
  6443: 'Kubernetes API',
  10250: 'kubelet',
  1433: 'SQL Server',
  1521: 'Oracle',
  3306: 'MySQL',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  7000: 'Cassandra',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch',
  11211: 'Memcached',
  27017: 'MongoDB',
};

/** What a sensitive port is for, or undefined for ordinary ports. */
export function sensitivePort(port: number): string | undefined {
  return SENSITIVE[port];
}
