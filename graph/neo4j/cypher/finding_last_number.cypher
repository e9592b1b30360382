// The highest sequence among the numbers of one year's ledger entries (2026-015 → 15), or null.
MATCH (f:Finding)
WHERE f.number STARTS WITH $prefix
RETURN max(toInteger(substring(f.number, size($prefix)))) AS last
