"""Questions asked of the graph: ownership, lineage, detectors. Imports only `graph`."""
