"""The shared vocabulary of Zhize: graph schema, records, the store port and its stores, the projection.

`graph` imports nothing from `ingest`, `queries` or `api`.
"""
